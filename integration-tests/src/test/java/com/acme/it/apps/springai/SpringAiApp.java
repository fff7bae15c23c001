package com.acme.it.apps.springai;

import com.acme.it.apps.stub.ScriptedLlmServer;
import com.acme.it.apps.stub.ScriptedLlmServer.Reply;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * A Spring AI 2.0 application without Spring Boot: an {@link OpenAiChatModel} built with its builder
 * against a scripted OpenAI chat-completions stub, and a {@link ChatClient} call in which the model
 * asks for two tools at once (a {@code @Tool} method and a hand-written {@link ToolCallback}) before
 * it answers. Exits 0 only when the round-trip happened.
 */
public final class SpringAiApp {
    public static final String API_KEY = "sk-test-REDACTME-0123456789abcdef";

    /** The tools the model may call. */
    public static final class WeatherTools {
        @Tool(description = "The current weather in a city")
        public String getWeather(@ToolParam(description = "the city's name") String city) {
            return "Sunny, 21 C in " + city;
        }
    }

    /** A tool written by hand: implements only {@code call(String)}, as the interface requires. */
    public static final class LocalTimeTool implements ToolCallback {
        @Override
        public ToolDefinition getToolDefinition() {
            return ToolDefinition.builder()
                    .name("localTime")
                    .description("The local time in a city")
                    .inputSchema("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                            + "\"required\":[\"city\"]}")
                    .build();
        }

        @Override
        public String call(String toolInput) {
            return toolInput.contains("Paris") ? "14:05" : "unknown city";
        }
    }

    /**
     * The name Spring AI gives the tool's parameter in the JSON schema it sends, and reads back from
     * the model's arguments: the Java parameter name, which is {@code arg0} unless the class was
     * compiled with {@code -parameters} (these tests are not). The scripted model answers in kind.
     */
    public static String cityParameterName() throws NoSuchMethodException {
        return WeatherTools.class.getMethod("getWeather", String.class).getParameters()[0].getName();
    }

    /** The arguments JSON the scripted model sends with its tool call. */
    public static String toolArguments() throws NoSuchMethodException {
        return "{\"" + cityParameterName() + "\":\"Paris\"}";
    }

    static final String FIRST_REPLY = """
            {"id":"chatcmpl-sa-1","object":"chat.completion","created":1763770000,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_weather_1","type":"function",
                 "function":{"name":"getWeather","arguments":%s}},
                 {"id":"call_time_1","type":"function",
                 "function":{"name":"localTime","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
             "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,
               "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}
            """;

    static final String SECOND_REPLY = """
            {"id":"chatcmpl-sa-2","object":"chat.completion","created":1763770001,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
               "content":"It is sunny in Paris, 21 C."}}],
             "usage":{"prompt_tokens":200,"completion_tokens":50,"total_tokens":250,
               "prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":16}}}
            """;

    static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static void main(String[] args) throws Exception {
        try (ScriptedLlmServer stub = new ScriptedLlmServer()) {
            String firstReply = FIRST_REPLY.formatted(quoted(toolArguments()));
            stub.script("/v1/chat/completions", Reply.json(firstReply), Reply.json(SECOND_REPLY));

            OpenAiChatModel model = OpenAiChatModel.builder()
                    .options(OpenAiChatOptions.builder()
                            .baseUrl(stub.baseUrl() + "/v1")
                            .apiKey(API_KEY)
                            .model("gpt-4o-mini")
                            .temperature(0.2)
                            .topP(0.9)
                            .maxTokens(256)
                            .maxRetries(0)
                            .build())
                    .build();
            ChatClient client = ChatClient.builder(model).build();

            String answer = client.prompt()
                    .user("What is the weather in Paris?")
                    .tools(new WeatherTools())
                    .toolCallbacks(new LocalTimeTool())
                    .call()
                    .content();

            System.out.println("answer: " + answer);
            int requests = stub.received().size();
            System.out.println("requests: " + requests);
            if (!"It is sunny in Paris, 21 C.".equals(answer) || requests != 2
                    || !stub.received().get(1).body().contains("Sunny, 21 C in Paris")
                    || !stub.received().get(1).body().contains("14:05")) {
                System.err.println("unexpected round-trip: " + stub.received());
                System.exit(3);
            }
        }
    }
}
