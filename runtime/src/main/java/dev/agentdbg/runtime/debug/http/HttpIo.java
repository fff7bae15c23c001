package dev.agentdbg.runtime.debug.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reading requests and writing answers for the API's routes: one-line text errors, UTF-8 JSON, small bodies. */
final class HttpIo {
    /** A request body larger than this is refused (413): the API's bodies are a few hundred bytes. */
    static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpIo() {
    }

    /** A request the route refuses: its status and one line for the body. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static void requireMethod(HttpExchange exchange, String method) throws Refused {
        if (!method.equals(exchange.getRequestMethod())) {
            throw new Refused(405, "GET".equals(method) ? "GET only" : "POST only: it changes the program's state");
        }
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static JsonNode jsonBody(HttpExchange exchange) throws IOException, Refused {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new Refused(413, "the request body is larger than " + MAX_BODY + " bytes");
        }
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Refused(400, "the body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new Refused(400, "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code a=1&b=x}, URL-decoded; repeated names keep the last. */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> q = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException badEscape) {
                // left out: the route then says what it misses
            }
        }
        return q;
    }

    static void sendJson(HttpExchange exchange, String json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        write(exchange, 200, json);
    }

    static void send(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        write(exchange, status, text + "\n");
    }

    static void write(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
