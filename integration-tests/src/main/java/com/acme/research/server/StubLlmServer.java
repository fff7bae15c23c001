package com.acme.research.server;

import com.acme.research.server.ScriptedModel.Call;
import com.acme.research.server.ScriptedModel.Reply;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A local, OpenAI-compatible chat-completions server, so the demo runs offline and without a real API key. */
public final class StubLlmServer implements AutoCloseable {

    private static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScriptedModel model = new ScriptedModel();
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger toolCallIds = new AtomicInteger();

    private StubLlmServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on the loopback interface, on a free port. */
    public static StubLlmServer start() throws IOException {
        // Loopback only: nothing outside this machine should be able to talk to the stub.
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Daemon threads, so a demo that forgets to close the server still exits.
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "stub-llm-http");
            thread.setDaemon(true);
            return thread;
        });
        StubLlmServer stub = new StubLlmServer(http, executor);
        http.createContext(PATH, stub::handle);
        http.setExecutor(executor);
        http.start();
        return stub;
    }

    /** The API root to give a client, e.g. {@code http://127.0.0.1:54321/v1/}. */
    public URI baseUri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/v1/");
    }

    /** How many chat completions the server has answered. */
    public int completionsServed() {
        return completions.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                sendError(exchange, 404, "Unknown path " + exchange.getRequestURI().getPath(), null);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                sendError(exchange, 405, "Use POST for " + PATH, null);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")
                    || authorization.substring("Bearer ".length()).isBlank()) {
                sendError(exchange, 401, "You didn't provide an API key. Provide it in the Authorization header "
                        + "as 'Bearer YOUR_KEY'.", "invalid_api_key");
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                sendError(exchange, 400, "The request body is not valid JSON: " + e.getOriginalMessage(), null);
                return;
            }
            JsonNode messages = request == null ? null : request.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty()) {
                sendError(exchange, 400, "'messages' must be a non-empty array", null);
                return;
            }
            ObjectNode completion = complete(request.path("model").asText("gpt-4o-mini"), messages, request.path("tools"));
            pretendToThink(completion.path("usage"));
            if (request.path("stream").asBoolean(false)) {
                sendStream(exchange, completion);
            } else {
                send(exchange, 200, completion);
            }
        } catch (RuntimeException e) {
            sendError(exchange, 500, "The stub failed: " + e, null);
        } finally {
            exchange.close();
        }
    }

    private ObjectNode complete(String modelName, JsonNode messages, JsonNode tools) {
        Reply reply = model.reply(messages);
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", String.format("chatcmpl-demo%06d", completions.incrementAndGet()));
        completion.put("object", "chat.completion");
        completion.put("created", Instant.now().getEpochSecond());
        completion.put("model", modelName);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", reply.content());
        int completionTokens;
        if (reply.toolCalls().isEmpty()) {
            completionTokens = tokens(reply.content());
            choice.put("finish_reason", "stop");
        } else {
            completionTokens = 0;
            ArrayNode calls = message.putArray("tool_calls");
            for (Call call : reply.toolCalls()) {
                ObjectNode wire = calls.addObject();
                wire.put("id", String.format("call_%04d", toolCallIds.incrementAndGet()));
                wire.put("type", "function");
                wire.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                completionTokens += tokens(call.name()) + tokens(call.arguments()) + 3;
            }
            choice.put("finish_reason", "tool_calls");
        }
        choice.putNull("logprobs");
        int promptTokens = promptTokens(messages, tools);
        ObjectNode usage = completion.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        // The system message and the tool definitions open every request of a conversation; from the
        // second request on, a provider's prompt cache serves them (OpenAI reports them this way).
        int cached = messages.size() > 2 ? cachedPrefixTokens(messages, tools) : 0;
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        return completion;
    }

    /** Roughly what a tokenizer would count: about four characters per token, plus per-message overhead. */
    private static int promptTokens(JsonNode messages, JsonNode tools) {
        int total = 3;
        for (JsonNode message : messages) {
            total += 4 + tokens(message.path("content").asText(""));
            for (JsonNode call : message.path("tool_calls")) {
                total += tokens(call.path("function").toString());
            }
        }
        for (JsonNode tool : tools) {
            total += tokens(tool.toString());
        }
        return total;
    }

    private static int cachedPrefixTokens(JsonNode messages, JsonNode tools) {
        int total = 3 + 4 + tokens(messages.path(0).path("content").asText(""));
        for (JsonNode tool : tools) {
            total += tokens(tool.toString());
        }
        return total;
    }

    private static int tokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /** A real model takes time; 20-60 ms, derived from the token counts so that runs are repeatable. */
    private static void pretendToThink(JsonNode usage) {
        long millis = 20 + (usage.path("prompt_tokens").asLong() * 31 + usage.path("completion_tokens").asLong()) % 41;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message, String code) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", status >= 500 ? "server_error" : "invalid_request_error");
        error.putNull("param");
        error.put("code", code);
        send(exchange, status, body);
    }

    /**
     * The same completion as server-sent events, the way the API streams: one chunk per word of the
     * answer, then a chunk with the finish reason and the usage, then {@code [DONE]}.
     */
    private static void sendStream(HttpExchange exchange, ObjectNode completion) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        JsonNode choice = completion.path("choices").path(0);
        String content = choice.path("message").path("content").asText("");
        try (OutputStream out = exchange.getResponseBody()) {
            for (String word : content.split("(?<= )")) {
                ObjectNode chunk = chunk(completion);
                chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", word);
                writeEvent(out, JSON.writeValueAsString(chunk));
            }
            ObjectNode last = chunk(completion);
            last.putArray("choices").addObject().put("index", 0).put("finish_reason",
                    choice.path("finish_reason").asText("stop")).putObject("delta");
            last.set("usage", completion.path("usage"));
            writeEvent(out, JSON.writeValueAsString(last));
            writeEvent(out, "[DONE]");
        }
    }

    private static ObjectNode chunk(ObjectNode completion) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", completion.path("id").asText());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", completion.path("created").asLong());
        chunk.put("model", completion.path("model").asText());
        return chunk;
    }

    private static void writeEvent(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
