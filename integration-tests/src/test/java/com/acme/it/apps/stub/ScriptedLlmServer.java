package com.acme.it.apps.stub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stub LLM provider on 127.0.0.1 that answers each path with the next scripted reply, in the
 * provider's own wire format (the test app supplies the JSON or SSE bodies). It lives inside the
 * child JVM of a test, so it ends with it. Requests are kept so a test app can print what was sent.
 */
public final class ScriptedLlmServer implements AutoCloseable {
    /** One scripted reply. */
    public record Reply(int status, String contentType, String body) {
        public static Reply json(String body) {
            return new Reply(200, "application/json", body);
        }

        /** Server-sent events: each element is one {@code data:} payload; "[DONE]" is not added. */
        public static Reply sse(String... events) {
            StringBuilder b = new StringBuilder();
            for (String e : events) {
                b.append("data: ").append(e).append("\n\n");
            }
            return new Reply(200, "text/event-stream", b.toString());
        }
    }

    /** One request the server received. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new LinkedHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    public ScriptedLlmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "stub-llm-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Base URL such as {@code http://127.0.0.1:41234}; append the provider's base path. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues {@code replies} for requests whose path ends with {@code pathSuffix}, in order. */
    public synchronized ScriptedLlmServer script(String pathSuffix, Reply... replies) {
        scripts.computeIfAbsent(pathSuffix, k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path,
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Reply reply = next(path);
            if (reply == null) {
                reply = new Reply(404, "application/json",
                        "{\"error\":{\"message\":\"no scripted reply left for " + path + "\"}}");
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private synchronized Reply next(String path) {
        for (Map.Entry<String, Deque<Reply>> e : scripts.entrySet()) {
            if (path.endsWith(e.getKey()) && !e.getValue().isEmpty()) {
                return e.getValue().poll();
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
