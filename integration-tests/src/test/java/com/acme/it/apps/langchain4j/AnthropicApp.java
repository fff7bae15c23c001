package com.acme.it.apps.langchain4j;

import com.acme.it.apps.stub.ScriptedLlmServer;
import com.acme.it.apps.stub.ScriptedLlmServer.Reply;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A LangChain4j 1.x application on the real {@code langchain4j-anthropic} module against a stub
 * speaking the Anthropic Messages API ({@code POST {baseUrl}/messages}, {@code x-api-key} and
 * {@code anthropic-version} headers, snake_case JSON; streaming as named server-sent events):
 * an AiServices assistant with a {@code @Tool} object on {@link AnthropicChatModel} (one
 * {@code tool_use} round trip), then one plain streaming call on {@link AnthropicStreamingChatModel}.
 *
 * <p>Anthropic reports {@code input_tokens} without the prompt-cache reads and writes, which come
 * as {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}; LangChain4j copies
 * the three as they are into {@link AnthropicTokenUsage} ({@code inputTokenCount},
 * {@code cacheReadInputTokens}, {@code cacheCreationInputTokens}). Every call reports different
 * numbers (input / cache read / cache write / output):
 * <ul>
 *   <li>sync 1, tool_use: 42 / 0 / 1800 / 25 (writes the cache)</li>
 *   <li>sync 2, end_turn: 57 / 1800 / 0 / 31 (reads it)</li>
 *   <li>streaming, end_turn: 23 / 1800 / 320 / 14 (both; output from message_delta)</li>
 * </ul>
 */
public final class AnthropicApp {
    public static final String API_KEY = "sk-ant-test-REDACTME-0123456789abcdef";
    public static final String REQUEST_MODEL = "claude-sonnet-4-5";
    public static final String RESPONSE_MODEL = "claude-sonnet-4-5-20250929";

    /** The AiServices interface; the system prompt is the part the cache would hold. */
    public interface Assistant {
        @SystemMessage("You are a weather assistant. Answer in one short sentence.")
        String chat(String userMessage);
    }

    /** Tools as annotated methods on an object. */
    public static final class WeatherTools {
        @Tool("Current weather for a city")
        public String weather(@P(name = "city", description = "the city") String city) {
            return "Sunny, 21 C in " + city;
        }
    }

    private AnthropicApp() {
    }

    public static void main(String[] args) throws Exception {
        try (ScriptedLlmServer stub = new ScriptedLlmServer()) {
            script(stub);
            String baseUrl = stub.baseUrl() + "/v1";

            AnthropicChatModel model = AnthropicChatModel.builder()
                    .baseUrl(baseUrl).apiKey(API_KEY).modelName(REQUEST_MODEL)
                    .temperature(0.2).maxTokens(512)
                    .cacheSystemMessages(true)
                    .maxRetries(0)
                    .build();
            Assistant assistant = AiServices.builder(Assistant.class)
                    .chatModel(model)
                    .tools(new WeatherTools())
                    .build();
            System.out.println("sync answer: " + assistant.chat("What is the weather in Paris?"));

            AnthropicStreamingChatModel streamingModel = AnthropicStreamingChatModel.builder()
                    .baseUrl(baseUrl).apiKey(API_KEY).modelName(REQUEST_MODEL)
                    .maxTokens(256)
                    .build();
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<ChatResponse> answer = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            streamingModel.chat("What time is it in Oslo?", new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partialResponse) {
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    answer.set(response);
                    done.countDown();
                }

                @Override
                public void onError(Throwable error) {
                    failure.set(error);
                    done.countDown();
                }
            });
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the streamed answer never completed");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("streaming failed", failure.get());
            }
            AnthropicTokenUsage usage = (AnthropicTokenUsage) answer.get().metadata().tokenUsage();
            System.out.println("streamed answer: " + answer.get().aiMessage().text());
            // What LangChain4j itself reports: Anthropic's numbers, cache reads and writes apart.
            System.out.println("streamed usage: input " + usage.inputTokenCount() + ", cache read "
                    + usage.cacheReadInputTokens() + ", cache write " + usage.cacheCreationInputTokens()
                    + ", output " + usage.outputTokenCount());

            checkRequests(stub.received());
            System.out.println("anthropic app done");
        }
    }

    /** What the module sent: the Messages API path and headers, the tool result on the second request. */
    private static void checkRequests(List<ScriptedLlmServer.Received> received) {
        if (received.size() != 3) {
            throw new IllegalStateException("expected 3 provider calls, got " + received.size());
        }
        for (ScriptedLlmServer.Received r : received) {
            if (!"POST".equals(r.method()) || !"/v1/messages".equals(r.path())) {
                throw new IllegalStateException("not a Messages API call: " + r.method() + " " + r.path());
            }
            if (!API_KEY.equals(header(r, "x-api-key"))) {
                throw new IllegalStateException("no x-api-key header on " + r.path());
            }
            if (header(r, "anthropic-version") == null) {
                throw new IllegalStateException("no anthropic-version header on " + r.path());
            }
            if (header(r, "authorization") != null) {
                throw new IllegalStateException("Anthropic takes no Authorization header");
            }
        }
        String first = received.get(0).body();
        String second = received.get(1).body();
        String third = received.get(2).body();
        require(first.contains("\"cache_control\"") && first.contains("\"tools\""),
                "the first request caches the system prompt and offers the tool: " + first);
        require(second.contains("\"tool_result\"") && second.contains("toolu_1") && second.contains("Sunny, 21 C in Paris"),
                "the second request carries the tool result: " + second);
        require(third.contains("\"stream\" : true") || third.contains("\"stream\":true"),
                "the third request streams: " + third);
        System.out.println("requests: POST /v1/messages x3, anthropic-version " + header(received.get(0), "anthropic-version"));
    }

    private static String header(ScriptedLlmServer.Received r, String name) {
        for (Map.Entry<String, List<String>> e : r.headers().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void script(ScriptedLlmServer stub) {
        stub.script("/messages",
                Reply.json("{\"id\":\"msg_sync_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + RESPONSE_MODEL + "\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Let me check the weather.\"},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"weather\",\"input\":{\"city\":\"Paris\"}}],"
                        + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":42,\"cache_creation_input_tokens\":1800,"
                        + "\"cache_read_input_tokens\":0,\"output_tokens\":25}}"),
                Reply.json("{\"id\":\"msg_sync_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + RESPONSE_MODEL + "\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"It is sunny in Paris, 21 C.\"}],"
                        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":57,\"cache_creation_input_tokens\":0,"
                        + "\"cache_read_input_tokens\":1800,\"output_tokens\":31}}"),
                events(
                        "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_stream_1\",\"type\":\"message\","
                                + "\"role\":\"assistant\",\"model\":\"" + RESPONSE_MODEL + "\",\"content\":[],\"stop_reason\":null,"
                                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":23,\"cache_creation_input_tokens\":320,"
                                + "\"cache_read_input_tokens\":1800,\"output_tokens\":1}}}",
                        "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                        "ping", "{\"type\":\"ping\"}",
                        "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"It is 14:05 \"}}",
                        "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"in Oslo.\"}}",
                        "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}",
                        "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":14}}",
                        "message_stop", "{\"type\":\"message_stop\"}"));
    }

    /** Anthropic's stream: named events ({@code event:} then {@code data:}), given as name, data pairs. */
    private static Reply events(String... nameAndData) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nameAndData.length; i += 2) {
            b.append("event: ").append(nameAndData[i]).append('\n')
                    .append("data: ").append(nameAndData[i + 1]).append("\n\n");
        }
        return new Reply(200, "text/event-stream", b.toString());
    }
}
