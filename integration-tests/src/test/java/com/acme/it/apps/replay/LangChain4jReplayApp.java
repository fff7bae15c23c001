package com.acme.it.apps.replay;

import com.acme.it.apps.langchain4j.LangChain4jApp;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * LangChain4jApp's two conversations (AiServices with a {@code @Tool}, blocking; a TokenStream with a
 * tool, streaming) against the server at {@code args[0]}, with the API key in {@code args[1]}: no stub
 * of its own, so a replay can point it at a closed port. Prints what the application sees, streamed
 * parts included.
 */
public final class LangChain4jReplayApp {
    private LangChain4jReplayApp() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0] + "/v1";
        String apiKey = args[1];
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(baseUrl).apiKey(apiKey).modelName("gpt-4o-mini")
                .temperature(0.2).topP(0.9).maxTokens(256)
                .build();
        LangChain4jApp.Assistant assistant = AiServices.builder(LangChain4jApp.Assistant.class)
                .chatModel(model)
                .tools(new LangChain4jApp.WeatherTools())
                .build();
        System.out.println("sync answer: " + assistant.chat("What is the weather in Paris?"));

        OpenAiStreamingChatModel streamingModel = OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl).apiKey(apiKey).modelName("gpt-4o-mini").temperature(0.3)
                .build();
        ToolSpecification clock = ToolSpecification.builder()
                .name("localTime")
                .description("Local time in a city")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
                .build();
        ToolExecutor clockExecutor = (request, memoryId) ->
                request.arguments().contains("Oslo") ? "14:05 in Oslo" : "unknown city";
        LangChain4jApp.StreamingAssistant streaming = AiServices.builder(LangChain4jApp.StreamingAssistant.class)
                .streamingChatModel(streamingModel)
                .tools(Map.of(clock, clockExecutor))
                .build();
        CountDownLatch done = new CountDownLatch(1);
        List<String> parts = new ArrayList<>();
        AtomicReference<ChatResponse> answer = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streaming.chat("What time is it in Oslo?")
                .onPartialResponse(parts::add)
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
        System.out.println("streamed parts: " + parts);
        System.out.println("streamed answer: " + answer.get().aiMessage().text() + " (usage summed over the tool loop: "
                + answer.get().metadata().tokenUsage().inputTokenCount() + "/"
                + answer.get().metadata().tokenUsage().outputTokenCount() + ", id "
                + answer.get().metadata().id() + ")");
        System.out.println("langchain4j replay app done");
    }
}
