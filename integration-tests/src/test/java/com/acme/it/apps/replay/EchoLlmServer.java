package com.acme.it.apps.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stub LLM on 127.0.0.1 whose answer names the prompt it was asked and this server's tag (so a test
 * sees whether an answer was live or recorded, and by which server). With {@code "stream":true} it
 * sends three SSE events {@code gapMillis} apart, flushed one by one, so the client receives them as
 * separate chunks.
 */
public final class EchoLlmServer implements AutoCloseable {
    private static final Pattern PROMPT = Pattern.compile("\"prompt\":\"([^\"]*)\"");
    private final HttpServer server;
    private final String tag;
    private final long gapMillis;
    private final AtomicInteger served = new AtomicInteger();

    public EchoLlmServer(String tag, long gapMillis) throws IOException {
        this.tag = tag;
        this.gapMillis = gapMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "echo-llm-" + tag);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int served() {
        return served.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = PROMPT.matcher(body);
            String prompt = m.find() ? m.group(1) : "?";
            served.incrementAndGet();
            if (body.contains("\"stream\":true")) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (int i = 1; i <= 3; i++) {
                    sleep();
                    out.write(("data: {\"part\":" + i + ",\"of\":\"" + prompt + "\",\"by\":\"" + tag + "\"}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                out.close();
                return;
            }
            byte[] answer = ("{\"answer\":\"" + tag + " answers " + prompt + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(gapMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
