package com.acme.it.apps.openaijava;

import com.acme.it.apps.stub.ScriptedLlmServer;
import com.acme.it.apps.stub.ScriptedLlmServer.Reply;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

/**
 * {@link ForecastAgent} on the OpenAI Java SDK for record/replay: with the argument {@code stub} it
 * talks to a {@link ScriptedLlmServer} of its own (the recording run); with a base URL it talks to
 * that (the replay, where nothing listens). The API key is {@code -Dapp.apiKey}. Prints only what the
 * model and the tool answered, so a replay's output can be compared line by line.
 */
public final class RecordReplayApp {
    /** Real-looking key of the recording run: must never appear in a trace file. */
    public static final String API_KEY = "sk-test-RECORDME-NOT-0123456789abcdef";

    static final String TOOL_CALL = """
            {"id":"chatcmpl-rr-1","object":"chat.completion","created":1760000100,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_fc_1","type":"function",
                 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
             "usage":{"prompt_tokens":90,"completion_tokens":12,"total_tokens":102}}
            """;
    static final String FINAL = """
            {"id":"chatcmpl-rr-2","object":"chat.completion","created":1760000101,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
               "content":"No umbrella: sunny in Paris."}}],
             "usage":{"prompt_tokens":140,"completion_tokens":9,"total_tokens":149}}
            """;
    static final String ASYNC = """
            {"id":"chatcmpl-rr-3","object":"chat.completion","created":1760000102,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
               "content":"Rome: eternal, busy, delicious."}}],
             "usage":{"prompt_tokens":20,"completion_tokens":7,"total_tokens":27}}
            """;

    static String chunk(String content, String finish) {
        return "{\"id\":\"chatcmpl-rr-4\",\"object\":\"chat.completion.chunk\",\"created\":1760000103,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":"
                + (content == null ? "{}" : "{\"content\":\"" + content + "\"}")
                + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    public static void main(String[] args) throws Exception {
        ScriptedLlmServer stub = "stub".equals(args[0]) ? new ScriptedLlmServer() : null;
        try {
            if (stub != null) {
                stub.script("/chat/completions", Reply.json(TOOL_CALL), Reply.json(FINAL), Reply.json(ASYNC),
                        Reply.sse(chunk("Grand", null), chunk(" old", null), chunk(" lady", null),
                                chunk(null, "stop"), "[DONE]"));
            }
            String base = stub != null ? stub.baseUrl() : args[0];
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl(base + "/v1")
                    .apiKey(System.getProperty("app.apiKey", API_KEY))
                    .maxRetries(0)
                    .build();
            try {
                ForecastAgent agent = new ForecastAgent(client);
                System.out.println("tools: " + agent.runTools("Paris"));
                System.out.println("async: " + agent.runAsync("Rome"));
                System.out.println("stream: " + agent.runStreaming("Paris"));
            } finally {
                client.close();
            }
        } finally {
            if (stub != null) {
                stub.close();
            }
        }
    }
}
