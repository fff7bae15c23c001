package com.acme.it.apps.openaijava;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.ChatModel;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small travel agent written against the OpenAI Java SDK the way its README shows: a chat
 * completions tool loop, a call on the async client, and the Responses API (blocking and async).
 */
public final class TravelAgent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAIClient client;
    private final WeatherTool weather = new WeatherTool();

    public TravelAgent(OpenAIClient client) {
        this.client = client;
    }

    /** Request, the model asks for {@code get_weather}, the app runs it, request, final answer. */
    public String run(String city) throws Exception {
        ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("Current weather in a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties",
                                        JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build())
                .build();
        ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder()
                .model(ChatModel.of("gpt-4o-mini"))
                .temperature(0.2)
                .topP(0.9)
                .maxCompletionTokens(256)
                .addTool(tool)
                .addUserMessage("Should I pack an umbrella for " + city + "?");

        ChatCompletion first = client.chat().completions().create(conversation.build());
        ChatCompletionMessage asked = first.choices().get(0).message();
        conversation.addMessage(asked);
        for (ChatCompletionMessageToolCall call : asked.toolCalls().orElse(List.of())) {
            ChatCompletionMessageFunctionToolCall fn = call.asFunction();
            String cityArg = JSON.readTree(fn.function().arguments()).path("city").asText();
            conversation.addMessage(ChatCompletionToolMessageParam.builder()
                    .toolCallId(fn.id())
                    .content(weather.lookup(cityArg))
                    .build());
        }
        ChatCompletion second = client.chat().completions().create(conversation.build());
        return second.choices().get(0).message().content().orElse("");
    }

    /** One chat completion on the async client, held back 300 ms on its way to the stub. */
    public String runAsync(String city) throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage("One line about " + city + ", please.")
                .putAdditionalHeader(SlowNetwork.DELAY_HEADER, "300")
                .build();
        CompletableFuture<ChatCompletion> future = client.async().chat().completions().create(params);
        String[] completedOn = new String[1];
        future.whenComplete((c, e) -> completedOn[0] = Thread.currentThread().getName());
        System.out.println("async create returned, done=" + future.isDone());
        ChatCompletion c = future.get(30, TimeUnit.SECONDS);
        System.out.println("async future completed on thread: " + completedOn[0]);
        return c.choices().get(0).message().content().orElse("");
    }

    /** The Responses API: a blocking call, then one on the async client. */
    public String runResponses(String city) throws Exception {
        Response sights = client.responses().create(ResponseCreateParams.builder()
                .model("gpt-4.1")
                .input("Three sights in " + city + ".")
                .temperature(0.7)
                .maxOutputTokens(300)
                .build());
        // A ChatModel constant, not a String: the request's model is a union the preset reads either way.
        Response food = client.async().responses().create(ResponseCreateParams.builder()
                .model(ChatModel.GPT_4O)
                .input("And one restaurant in " + city + ".")
                .build()).get(30, TimeUnit.SECONDS);
        return text(sights) + " / " + text(food);
    }

    private static String text(Response r) {
        return r.output().get(0).asMessage().content().get(0).asOutputText().text();
    }
}
