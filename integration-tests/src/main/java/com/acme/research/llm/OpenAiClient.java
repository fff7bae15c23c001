package com.acme.research.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.Objects;

/** A minimal client for the OpenAI chat-completions HTTP API (or any server speaking the same protocol). */
public final class OpenAiClient {

    public static final String DEFAULT_API_KEY = "sk-demo-not-a-real-key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final Duration requestTimeout;

    /**
     * @param baseUri the API root, e.g. {@code https://api.openai.com/v1/}
     * @param apiKey  sent as a bearer token
     */
    public OpenAiClient(URI baseUri, String apiKey) {
        this(baseUri, apiKey, Duration.ofSeconds(30));
    }

    public OpenAiClient(URI baseUri, String apiKey, Duration requestTimeout) {
        String base = baseUri.toString();
        // Without the trailing slash, resolve() would replace the last path segment ("v1").
        this.endpoint = URI.create(base.endsWith("/") ? base : base + "/").resolve("chat/completions");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                // Plain-HTTP servers (proxies, local stubs) often do not understand an h2c upgrade.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The key from {@code OPENAI_API_KEY}, or the demo key when the variable is not set. */
    public static String apiKeyFromEnvironment() {
        String key = System.getenv("OPENAI_API_KEY");
        return key == null || key.isBlank() ? DEFAULT_API_KEY : key;
    }

    /** Sends one chat-completion request and returns the first choice. */
    public ChatResponse complete(ChatRequest request) {
        HttpResponse<String> response;
        try {
            HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                    .timeout(requestTimeout)
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(toWire(request))))
                    .build();
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LlmException("chat completion request to " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting for the chat completion", e);
        }
        if (response.statusCode() != 200) {
            throw new LlmException("chat completion failed with HTTP " + response.statusCode() + ": "
                    + errorMessage(response.body()), response.statusCode());
        }
        try {
            return fromWire(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new LlmException("unreadable chat completion: " + e.getMessage(), e);
        }
    }

    /**
     * Sends a chat-completion request with {@code "stream": true} and hands each piece of the answer
     * to {@code onDelta} as it arrives; returns the whole answer (text only, as the summarizer needs).
     */
    public ChatResponse streamComplete(ChatRequest request, Consumer<String> onDelta) {
        HttpResponse<Stream<String>> response;
        try {
            ObjectNode body = toWire(request);
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
            HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                    .timeout(requestTimeout)
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new LlmException("streaming request to " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting for the stream", e);
        }
        if (response.statusCode() != 200) {
            throw new LlmException("streaming chat completion failed with HTTP " + response.statusCode(),
                    response.statusCode());
        }
        StringBuilder content = new StringBuilder();
        String[] idModelFinish = new String[3];
        JsonNode[] usage = {JSON.createObjectNode()};
        try (Stream<String> lines = response.body()) {
            lines.filter(line -> line.startsWith("data: ")).map(line -> line.substring(6))
                    .takeWhile(data -> !"[DONE]".equals(data))
                    .forEach(data -> {
                        JsonNode chunk = readChunk(data);
                        idModelFinish[0] = chunk.path("id").asText(idModelFinish[0]);
                        idModelFinish[1] = chunk.path("model").asText(idModelFinish[1]);
                        JsonNode choice = chunk.path("choices").path(0);
                        String delta = choice.path("delta").path("content").asText("");
                        if (!delta.isEmpty()) {
                            content.append(delta);
                            onDelta.accept(delta);
                        }
                        if (choice.hasNonNull("finish_reason")) {
                            idModelFinish[2] = choice.path("finish_reason").asText();
                        }
                        if (chunk.has("usage")) {
                            usage[0] = chunk.path("usage");
                        }
                    });
        }
        return new ChatResponse(idModelFinish[0], idModelFinish[1],
                ChatMessage.assistant(content.toString(), List.of()), idModelFinish[2],
                usage(usage[0]));
    }

    private static JsonNode readChunk(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new LlmException("unreadable stream chunk: " + e.getMessage(), e);
        }
    }

    private static ObjectNode toWire(ChatRequest request) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        body.put("temperature", request.temperature());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            ObjectNode wire = messages.addObject();
            wire.put("role", message.role());
            // Assistant messages that only call tools carry an explicit null content, as the API returns them.
            wire.put("content", message.content());
            if (message.hasToolCalls()) {
                ArrayNode calls = wire.putArray("tool_calls");
                for (ToolCall call : message.toolCalls()) {
                    ObjectNode wireCall = calls.addObject();
                    wireCall.put("id", call.id());
                    wireCall.put("type", "function");
                    ObjectNode function = wireCall.putObject("function");
                    function.put("name", call.name());
                    function.put("arguments", call.arguments());
                }
            }
            if (message.toolCallId() != null) {
                wire.put("tool_call_id", message.toolCallId());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name());
                function.put("description", tool.description());
                function.set("parameters", JSON.readTree(tool.parametersSchema()));
            }
        }
        return body;
    }

    private static ChatResponse fromWire(JsonNode body) {
        JsonNode choice = body.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new LlmException("chat completion without choices: " + body, 200);
        }
        JsonNode message = choice.path("message");
        List<ToolCall> toolCalls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            toolCalls.add(new ToolCall(call.path("id").asText(),
                    call.path("function").path("name").asText(),
                    call.path("function").path("arguments").asText()));
        }
        String content = message.path("content").isTextual() ? message.path("content").asText() : null;
        JsonNode usage = body.path("usage");
        return new ChatResponse(
                body.path("id").asText(),
                body.path("model").asText(),
                ChatMessage.assistant(content, toolCalls),
                choice.path("finish_reason").asText(null),
                usage(usage));
    }

    private static Usage usage(JsonNode usage) {
        return new Usage(usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt(),
                usage.path("total_tokens").asInt(), usage.path("prompt_tokens_details").path("cached_tokens").asInt());
    }

    /** OpenAI errors look like {"error":{"message":...}}; fall back to the raw body for anything else. */
    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException ignored) {
            // not JSON: the raw body is the best description we have
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
