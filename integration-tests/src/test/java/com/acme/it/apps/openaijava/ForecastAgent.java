package com.acme.it.apps.openaijava;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The record/replay app's agent: a blocking tool loop, an async call and a streamed answer. */
public final class ForecastAgent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAIClient client;
    private final ForecastTool tool = new ForecastTool();

    public ForecastAgent(OpenAIClient client) {
        this.client = client;
    }

    /** Request, the model asks for {@code get_weather}, the tool runs, request, final answer. */
    public String runTools(String city) throws Exception {
        ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addTool(ChatCompletionFunctionTool.builder()
                        .function(FunctionDefinition.builder()
                                .name("get_weather")
                                .description("Current weather in a city")
                                .parameters(FunctionParameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty("properties",
                                                JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                        .build())
                                .build())
                        .build())
                .addUserMessage("Should I pack an umbrella for " + city + "?");
        ChatCompletion first = client.chat().completions().create(conversation.build());
        ChatCompletionMessage asked = first.choices().get(0).message();
        conversation.addMessage(asked);
        for (ChatCompletionMessageToolCall call : asked.toolCalls().orElse(List.of())) {
            ChatCompletionMessageFunctionToolCall fn = call.asFunction();
            String result = tool.lookup(JSON.readTree(fn.function().arguments()).path("city").asText());
            System.out.println("tool " + fn.function().name() + ": " + result);
            conversation.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(fn.id()).content(result).build());
        }
        ChatCompletion second = client.chat().completions().create(conversation.build());
        return second.choices().get(0).message().content().orElse("") + " [" + second.id() + "]";
    }

    /** One call on the async client; says whether its future completed on the calling thread. */
    public String runAsync(String city) throws Exception {
        Thread caller = Thread.currentThread();
        Thread[] completedOn = new Thread[1];
        ChatCompletion c = client.async().chat().completions()
                .create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                        .addUserMessage("One line about " + city + ", please.").build())
                .whenComplete((r, e) -> completedOn[0] = Thread.currentThread())
                .get(30, TimeUnit.SECONDS);
        return c.choices().get(0).message().content().orElse("") + " (completed on the caller's thread: "
                + (completedOn[0] == caller) + ")";
    }

    /** A streamed answer, read piece by piece. */
    public String runStreaming(String city) {
        return new StreamingModel(client).complete("Describe " + city + " in three words.");
    }
}
