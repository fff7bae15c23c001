package com.acme.it.apps.openaijava;

import com.acme.it.apps.stub.ScriptedLlmServer;
import com.acme.it.apps.stub.ScriptedLlmServer.Reply;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

/**
 * Runs {@link TravelAgent} on the real OpenAI Java SDK (OkHttp client) against a
 * {@link ScriptedLlmServer} speaking the OpenAI wire format. Every call has its own token numbers
 * so a test can tell them apart.
 */
public final class OpenAiJavaApp {
    /** Fake key: must never appear in a trace file. */
    public static final String API_KEY = "sk-test-REDACTME-0123456789abcdef";

    static final String CHAT_TOOL_CALL = """
            {"id":"chatcmpl-tool-001","object":"chat.completion","created":1760000000,
             "model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"tool_calls","logprobs":null,
               "message":{"role":"assistant","content":null,"refusal":null,
                 "tool_calls":[{"id":"call_weather_1","type":"function",
                   "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
             "usage":{"prompt_tokens":120,"completion_tokens":18,"total_tokens":138,
               "prompt_tokens_details":{"cached_tokens":0},
               "completion_tokens_details":{"reasoning_tokens":0}}}
            """;
    static final String CHAT_FINAL = """
            {"id":"chatcmpl-final-002","object":"chat.completion","created":1760000001,
             "model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
               "message":{"role":"assistant","content":"No umbrella needed: sunny, 24 C in Paris.","refusal":null}}],
             "usage":{"prompt_tokens":210,"completion_tokens":45,"total_tokens":255,
               "prompt_tokens_details":{"cached_tokens":64,"audio_tokens":0},
               "completion_tokens_details":{"reasoning_tokens":12,"audio_tokens":0}}}
            """;
    static final String CHAT_ASYNC = """
            {"id":"chatcmpl-async-003","object":"chat.completion","created":1760000002,
             "model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"length","logprobs":null,
               "message":{"role":"assistant","content":"Rome: eternal, busy, delicious.","refusal":null}}],
             "usage":{"prompt_tokens":33,"completion_tokens":7,"total_tokens":40}}
            """;
    static final String RESPONSES_BLOCKING = """
            {"id":"resp_blocking_004","object":"response","created_at":1760000003,"status":"completed",
             "model":"gpt-4.1-2025-04-14","output":[{"type":"message","id":"msg_004","status":"completed",
               "role":"assistant","content":[{"type":"output_text","text":"Brandenburg Gate, Museum Island, East Side Gallery.","annotations":[]}]}],
             "parallel_tool_calls":true,"tool_choice":"auto","tools":[],"temperature":0.7,"top_p":1.0,
             "max_output_tokens":300,"error":null,"incomplete_details":null,"instructions":null,"metadata":{},
             "usage":{"input_tokens":80,"input_tokens_details":{"cached_tokens":16},
               "output_tokens":25,"output_tokens_details":{"reasoning_tokens":5},"total_tokens":105}}
            """;
    static final String RESPONSES_ASYNC = """
            {"id":"resp_async_005","object":"response","created_at":1760000004,"status":"completed",
             "model":"gpt-4o-2024-08-06","output":[{"type":"message","id":"msg_005","status":"completed",
               "role":"assistant","content":[{"type":"output_text","text":"Try Lokal in Mitte.","annotations":[]}]}],
             "parallel_tool_calls":true,"tool_choice":"auto","tools":[],"temperature":1.0,"top_p":1.0,
             "error":null,"incomplete_details":null,"instructions":null,"metadata":{},
             "usage":{"input_tokens":41,"input_tokens_details":{"cached_tokens":0},
               "output_tokens":9,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":50}}
            """;

    public static void main(String[] args) throws Exception {
        try (ScriptedLlmServer stub = new ScriptedLlmServer()) {
            stub.script("/chat/completions",
                    Reply.json(CHAT_TOOL_CALL), Reply.json(CHAT_FINAL), Reply.json(CHAT_ASYNC));
            stub.script("/responses", Reply.json(RESPONSES_BLOCKING), Reply.json(RESPONSES_ASYNC));
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl(stub.baseUrl() + "/v1")
                    .apiKey(API_KEY)
                    .maxRetries(0)
                    .addInterceptor(new SlowNetwork())
                    .build();
            try {
                TravelAgent agent = new TravelAgent(client);
                System.out.println("run: " + agent.run("Paris"));
                System.out.println("runAsync: " + agent.runAsync("Rome"));
                System.out.println("runResponses: " + agent.runResponses("Berlin"));
            } finally {
                client.close();
            }
            System.out.println("requests: " + stub.received().size());
            boolean keySent = stub.received().stream().allMatch(r -> r.headers().entrySet().stream()
                    .anyMatch(h -> h.getKey().equalsIgnoreCase("Authorization")
                            && h.getValue().contains("Bearer " + API_KEY)));
            System.out.println("authorization sent: " + keySent);
        }
    }
}
