package com.acme.it.apps.langchain4j;

import com.acme.it.apps.stub.ScriptedLlmServer;
import com.acme.it.apps.stub.ScriptedLlmServer.Reply;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.ToolExecutor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A LangChain4j 1.x application run for real against a scripted OpenAI-compatible stub: an
 * AiServices assistant with a {@code @Tool} object (blocking {@link OpenAiChatModel}), a streaming
 * assistant whose tool is a {@link ToolExecutor} lambda ({@link OpenAiStreamingChatModel} and a
 * {@link TokenStream}), each with one tool round trip, then the chat model handed to an app method
 * (which a test may instrument with capture on, to check that the API key is redacted).
 *
 * <p>Every provider call reports different token numbers, so a count taken twice shows:
 * sync 120/15 then 180(64 cached)/40(12 reasoning); streaming 130/17 then 210(128 cached)/52(20 reasoning).
 */
public final class LangChain4jApp {
    public static final String API_KEY = "sk-test-REDACTME-0123456789abcdef";
    private static final String MODEL = "gpt-4o-mini-2024-07-18";

    /** The AiServices interface of the blocking conversation. */
    public interface Assistant {
        String chat(String userMessage);
    }

    /** The AiServices interface of the streaming conversation. */
    public interface StreamingAssistant {
        TokenStream chat(String userMessage);
    }

    /** Tools as annotated methods on an object. */
    public static final class WeatherTools {
        @Tool("Current weather for a city")
        public String weather(@P(name = "city", description = "the city") String city) {
            return "Sunny, 21 C in " + city;
        }
    }

    /** An application class that receives the model; the test instruments it with capture on. */
    public static final class ModelHolder {
        public String describe(OpenAiChatModel model) {
            return "model " + model.defaultRequestParameters().modelName();
        }
    }

    private LangChain4jApp() {
    }

    public static void main(String[] args) throws Exception {
        try (ScriptedLlmServer stub = new ScriptedLlmServer()) {
            script(stub);
            String baseUrl = stub.baseUrl() + "/v1";

            OpenAiChatModel model = OpenAiChatModel.builder()
                    .baseUrl(baseUrl).apiKey(API_KEY).modelName("gpt-4o-mini")
                    .temperature(0.2).topP(0.9).maxTokens(256)
                    .build();
            Assistant assistant = AiServices.builder(Assistant.class)
                    .chatModel(model)
                    .tools(new WeatherTools())
                    .build();
            // toString and hashCode go through the proxy's handler too; they are no agent calls.
            System.out.println("service proxy: " + assistant + " " + (assistant.hashCode() != 0));
            System.out.println("sync answer: " + assistant.chat("What is the weather in Paris?"));

            OpenAiStreamingChatModel streamingModel = OpenAiStreamingChatModel.builder()
                    .baseUrl(baseUrl).apiKey(API_KEY).modelName("gpt-4o-mini").temperature(0.3)
                    .build();
            ToolSpecification clock = ToolSpecification.builder()
                    .name("localTime")
                    .description("Local time in a city")
                    .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
                    .build();
            // A lambda: a hidden class, which no agent can instrument; the preset sees the call anyway.
            ToolExecutor clockExecutor = (request, memoryId) ->
                    request.arguments().contains("Oslo") ? "14:05 in Oslo" : "unknown city";
            StreamingAssistant streaming = AiServices.builder(StreamingAssistant.class)
                    .streamingChatModel(streamingModel)
                    .tools(Map.of(clock, clockExecutor))
                    .build();
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<ChatResponse> answer = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            streaming.chat("What time is it in Oslo?")
                    .onPartialResponse(part -> { })
                    .onCompleteResponse(response -> {
                        answer.set(response);
                        done.countDown();
                    })
                    .onError(error -> {
                        failure.set(error);
                        done.countDown();
                    })
                    .start();
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the streamed answer never completed");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("streaming failed", failure.get());
            }
            System.out.println("streamed answer: " + answer.get().aiMessage().text()
                    + " (usage reported to the TokenStream, summed over the tool loop: "
                    + answer.get().metadata().tokenUsage().inputTokenCount() + "/"
                    + answer.get().metadata().tokenUsage().outputTokenCount() + ")");

            System.out.println(new ModelHolder().describe(model));
            List<ScriptedLlmServer.Received> received = stub.received();
            if (received.size() != 4) {
                throw new IllegalStateException("expected 4 provider calls, got " + received.size());
            }
            System.out.println("langchain4j app done");
        }
    }

    /** The four provider answers of the app's conversations, in order (also used by the record/replay test). */
    public static void script(ScriptedLlmServer stub) {
        stub.script("/chat/completions",
                Reply.json("{\"id\":\"chatcmpl-sync-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + MODEL + "\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                        + "\"tool_calls\":[{\"id\":\"call_weather_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
                        + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],"
                        + "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":15,\"total_tokens\":135}}"),
                Reply.json("{\"id\":\"chatcmpl-sync-2\",\"object\":\"chat.completion\",\"created\":2,\"model\":\"" + MODEL + "\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"It is sunny in Paris, 21 C.\"},"
                        + "\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":180,\"completion_tokens\":40,\"total_tokens\":220,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":64},\"completion_tokens_details\":{\"reasoning_tokens\":12}}}"),
                Reply.sse(
                        chunk("chatcmpl-stream-1", "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                                + "\"id\":\"call_time_1\",\"type\":\"function\",\"function\":{\"name\":\"localTime\",\"arguments\":\"\"}}]}", null),
                        chunk("chatcmpl-stream-1", "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]}", null),
                        chunk("chatcmpl-stream-1", "{}", "tool_calls"),
                        usageChunk("chatcmpl-stream-1", "\"prompt_tokens\":130,\"completion_tokens\":17,\"total_tokens\":147"),
                        "[DONE]"),
                Reply.sse(
                        chunk("chatcmpl-stream-2", "{\"role\":\"assistant\",\"content\":\"It is 14:05 \"}", null),
                        chunk("chatcmpl-stream-2", "{\"content\":\"in Oslo.\"}", null),
                        chunk("chatcmpl-stream-2", "{}", "stop"),
                        usageChunk("chatcmpl-stream-2", "\"prompt_tokens\":210,\"completion_tokens\":52,\"total_tokens\":262,"
                                + "\"prompt_tokens_details\":{\"cached_tokens\":128},\"completion_tokens_details\":{\"reasoning_tokens\":20}"),
                        "[DONE]"));
    }

    private static String chunk(String id, String delta, String finishReason) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":3,\"model\":\"" + MODEL + "\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    /** The last chunk when the request asked for stream_options.include_usage: no choices, the usage. */
    private static String usageChunk(String id, String usage) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":3,\"model\":\"" + MODEL + "\","
                + "\"choices\":[],\"usage\":{" + usage + "}}";
    }
}
