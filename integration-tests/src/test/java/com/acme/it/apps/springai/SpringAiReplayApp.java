package com.acme.it.apps.springai;

import com.acme.it.apps.stub.ScriptedLlmServer;
import com.acme.it.apps.stub.ScriptedLlmServer.Reply;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * {@link SpringAiApp}'s ChatClient call with two tools, for record/replay: with the argument
 * {@code stub} it talks to a scripted stub of its own (the recording run); with a base URL it talks
 * to that (the replay, where nothing listens). The API key is {@code -Dapp.apiKey}. Prints the answer
 * and what the tools returned, nothing that differs between runs.
 */
public final class SpringAiReplayApp {
    public static void main(String[] args) throws Exception {
        ScriptedLlmServer stub = "stub".equals(args[0]) ? new ScriptedLlmServer() : null;
        try {
            if (stub != null) {
                stub.script("/v1/chat/completions",
                        Reply.json(SpringAiApp.FIRST_REPLY.formatted(SpringAiApp.quoted(SpringAiApp.toolArguments()))),
                        Reply.json(SpringAiApp.SECOND_REPLY));
            }
            OpenAiChatModel model = OpenAiChatModel.builder()
                    .options(OpenAiChatOptions.builder()
                            .baseUrl((stub != null ? stub.baseUrl() : args[0]) + "/v1")
                            .apiKey(System.getProperty("app.apiKey", SpringAiApp.API_KEY))
                            .model("gpt-4o-mini")
                            .temperature(0.2)
                            .maxRetries(0)
                            .build())
                    .build();
            String answer = ChatClient.builder(model).build().prompt()
                    .user("What is the weather in Paris?")
                    .tools(new SpringAiApp.WeatherTools())
                    .toolCallbacks(new SpringAiApp.LocalTimeTool())
                    .call()
                    .content();
            System.out.println("answer: " + answer);
        } finally {
            if (stub != null) {
                stub.close();
            }
        }
    }
}
