package com.acme.it;

import com.acme.it.apps.openaijava.OpenAiJavaApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code openai-java} preset on the real OpenAI Java SDK (OkHttp client) against a scripted
 * stub: chat completions (blocking, in a tool loop, and async) and the Responses API (blocking and
 * async) become one llm span per provider call, with model, id, finish reasons and token usage read
 * from the SDK's own classes. The only user rules name the app's agent and its local tool.
 */
class OpenAiJavaPresetIT {
    private static final String CHAT = "com.openai.services.blocking.chat.ChatCompletionServiceImpl";
    private static final String CHAT_ASYNC = "com.openai.services.async.chat.ChatCompletionServiceAsyncImpl";
    private static final String RESPONSES = "com.openai.services.blocking.ResponseServiceImpl";
    private static final String RESPONSES_ASYNC = "com.openai.services.async.ResponseServiceAsyncImpl";

    @Test
    void presetTracesChatToolLoopAsyncCallAndResponsesApi(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.presets=openai-java",
                // The app's own code: the SDK knows nothing of the agent or the local tool.
                "agentdbg.rule.travel-agent.match=com.acme.it.apps.openaijava.TravelAgent#run*",
                "agentdbg.rule.travel-agent.kind=agent",
                "agentdbg.rule.weather-tool.match=com.acme.it.apps.openaijava.WeatherTool#lookup",
                "agentdbg.rule.weather-tool.kind=tool",
                "agentdbg.price.gpt-4o-mini=0.15,0.075,0.60",
                "agentdbg.price.gpt-4.1=2.00,0.50,8.00",
                "agentdbg.price.gpt-4o=2.50,1.25,10.00",
                ""));

        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(OpenAiJavaApp.class).run(dir).assertSuccess();
        String out = result.stdout();
        assertTrue(out.contains("run: No umbrella needed"), out);
        assertTrue(out.contains("requests: 5"), out);
        assertTrue(out.contains("authorization sent: true"), "the SDK really sent the key: " + out);
        assertTrue(out.contains("async create returned, done=false"), out);
        assertTrue(out.contains("async future completed on thread: OkHttp"),
                "the SDK completes its future on an OkHttp thread: " + out);

        Trace trace = Trace.readSingleRun(traces);
        JsonNode stats = trace.assertAgentHealthy();
        assertTrue(!stats.has("unmatchedRules") || stats.get("unmatchedRules").isEmpty(),
                "every preset rule matched: " + stats.get("unmatchedRules"));
        assertEquals(8, stats.get("methodsInstrumented").asInt(), "3 agent methods, the tool, 4 SDK methods");
        List<String> ruleNames = java.util.stream.StreamSupport.stream(trace.runs.get(0).get("rules").spliterator(), false)
                .map(r -> r.get("name").asText()).toList();
        assertTrue(ruleNames.containsAll(List.of("openai-java-chat", "openai-java-chat-async",
                "openai-java-responses", "openai-java-responses-async")), "the preset's rules are listed: " + ruleNames);

        // Only the four service implementations' create(params, options) are llm methods: not the
        // interfaces' default create(params), not the withRawResponse() implementations.
        Set<String> llmMethods = trace.methods.values().stream()
                .filter(m -> "llm".equals(m.get("kind").asText()))
                .map(m -> m.get("class").asText() + "#" + m.get("method").asText() + m.get("desc").asText())
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                CHAT + "#create(Lcom/openai/models/chat/completions/ChatCompletionCreateParams;"
                        + "Lcom/openai/core/RequestOptions;)Lcom/openai/models/chat/completions/ChatCompletion;",
                CHAT_ASYNC + "#create(Lcom/openai/models/chat/completions/ChatCompletionCreateParams;"
                        + "Lcom/openai/core/RequestOptions;)Ljava/util/concurrent/CompletableFuture;",
                RESPONSES + "#create(Lcom/openai/models/responses/ResponseCreateParams;"
                        + "Lcom/openai/core/RequestOptions;)Lcom/openai/models/responses/Response;",
                RESPONSES_ASYNC + "#create(Lcom/openai/models/responses/ResponseCreateParams;"
                        + "Lcom/openai/core/RequestOptions;)Ljava/util/concurrent/CompletableFuture;"),
                llmMethods);

        // One llm span per HTTP request the stub answered: no nested or duplicate spans.
        List<JsonNode> llmSpans = trace.spans.stream().filter(s -> "llm".equals(trace.kind(s))).toList();
        assertEquals(5, llmSpans.size(), trace.names(llmSpans));
        assertEquals(5, trace.starts.stream().filter(s -> "llm".equals(trace.kind(s))).count());
        assertEquals(9, trace.spans.size(), "3 agent calls, 1 tool call, 5 llm calls: " + trace.names(trace.spans));
        assertEquals(9, trace.starts.size());
        for (JsonNode llm : llmSpans) {
            assertEquals("ok", llm.get("status").asText());
            assertEquals("openai", attrs(llm).path("gen_ai.provider.name").asText(), llm.toString());
            assertEquals("chat", attrs(llm).path("gen_ai.operation.name").asText(), llm.toString());
            assertEquals("main", llm.get("thread").asText(), "the call began on the app thread");
        }

        // (1) agent -> llm, tool, llm
        JsonNode run = Trace.single(trace.spansOf("TravelAgent#run"));
        assertEquals("agent", trace.kind(run));
        List<JsonNode> runChildren = trace.children(run);
        assertEquals(List.of("ChatCompletionServiceImpl#create", "WeatherTool#lookup", "ChatCompletionServiceImpl#create"),
                runChildren.stream().map(trace::methodName).toList());
        assertEquals(List.of("llm", "tool", "llm"), runChildren.stream().map(s -> trace.kind(s)).toList());

        JsonNode askTool = runChildren.get(0);
        JsonNode a1 = attrs(askTool);
        assertEquals("gpt-4o-mini", a1.path("gen_ai.request.model").asText(), a1.toString());
        assertEquals("gpt-4o-mini-2024-07-18", a1.path("gen_ai.response.model").asText(), a1.toString());
        assertEquals("chatcmpl-tool-001", a1.path("gen_ai.response.id").asText());
        assertEquals(List.of("tool_calls"), Trace.texts(a1.path("gen_ai.response.finish_reasons")));
        assertEquals(0.2, a1.path("gen_ai.request.temperature").asDouble(), 1e-9);
        assertEquals(0.9, a1.path("gen_ai.request.top_p").asDouble(), 1e-9);
        assertEquals(256, a1.path("gen_ai.request.max_tokens").asLong());
        assertEquals(120, a1.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(18, a1.path("gen_ai.usage.output_tokens").asLong());
        assertEquals(0, a1.path("gen_ai.usage.cache_read.input_tokens").asLong(-1));
        assertEquals(0, a1.path("gen_ai.usage.reasoning.output_tokens").asLong(-1));
        // 120 fresh input at 0.15 and 18 output at 0.60 per million tokens
        assertEquals((120 * 0.15 + 18 * 0.60) / 1e6, a1.path("agentdbg.cost.usd").asDouble(), 1e-9);

        JsonNode tool = runChildren.get(1);
        assertEquals("execute_tool", attrs(tool).path("gen_ai.operation.name").asText(), tool.toString());
        assertEquals("Paris", tool.path("args").path(0).asText(), tool.toString());
        assertEquals("sunny, 24 C in Paris", tool.path("result").asText(), tool.toString());

        JsonNode answer = runChildren.get(2);
        JsonNode a2 = attrs(answer);
        assertEquals("gpt-4o-mini", a2.path("gen_ai.request.model").asText());
        assertEquals("chatcmpl-final-002", a2.path("gen_ai.response.id").asText());
        assertEquals(List.of("stop"), Trace.texts(a2.path("gen_ai.response.finish_reasons")));
        assertEquals(210, a2.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(45, a2.path("gen_ai.usage.output_tokens").asLong());
        assertEquals(64, a2.path("gen_ai.usage.cache_read.input_tokens").asLong());
        assertEquals(12, a2.path("gen_ai.usage.reasoning.output_tokens").asLong());
        // 146 fresh + 64 cached input, 45 output (reasoning included)
        assertEquals((146 * 0.15 + 64 * 0.075 + 45 * 0.60) / 1e6, a2.path("agentdbg.cost.usd").asDouble(), 1e-9);
        // The second request carried the tool's result back to the model.
        assertTrue(answer.path("args").path(0).toString().contains("sunny, 24 C in Paris"), answer.toString());

        // (2) async: the span ends when the SDK's future completes on an OkHttp thread, with its value.
        JsonNode runAsync = Trace.single(trace.spansOf("TravelAgent#runAsync"));
        JsonNode async = Trace.single(trace.children(runAsync));
        assertEquals("ChatCompletionServiceAsyncImpl#create", trace.methodName(async));
        assertTrue(async.get("dur").asLong() >= 300_000_000L,
                "the async span covers the 300 ms the request was held back: " + async.get("dur"));
        assertTrue(async.get("dur").asLong() <= runAsync.get("dur").asLong(), "and ends inside its agent call");
        JsonNode a3 = attrs(async);
        assertEquals("gpt-4o-mini", a3.path("gen_ai.request.model").asText(), a3.toString());
        assertEquals("gpt-4o-mini-2024-07-18", a3.path("gen_ai.response.model").asText());
        assertEquals("chatcmpl-async-003", a3.path("gen_ai.response.id").asText());
        assertEquals(List.of("length"), Trace.texts(a3.path("gen_ai.response.finish_reasons")));
        assertEquals(33, a3.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(7, a3.path("gen_ai.usage.output_tokens").asLong());
        assertFalse(a3.has("gen_ai.usage.cache_read.input_tokens"), "no details in this usage: " + a3);
        assertFalse(a3.has("gen_ai.request.temperature"), "not set by the app: " + a3);
        assertEquals("chatcmpl-async-003", async.path("result").path("id").asText(), "the future's value is the result");

        // (3) Responses API, blocking then async.
        JsonNode runResponses = Trace.single(trace.spansOf("TravelAgent#runResponses"));
        List<JsonNode> responseCalls = trace.children(runResponses);
        assertEquals(List.of("ResponseServiceImpl#create", "ResponseServiceAsyncImpl#create"),
                responseCalls.stream().map(trace::methodName).toList());
        JsonNode a4 = attrs(responseCalls.get(0));
        assertEquals("gpt-4.1", a4.path("gen_ai.request.model").asText(), a4.toString());
        assertEquals("gpt-4.1-2025-04-14", a4.path("gen_ai.response.model").asText(), a4.toString());
        assertEquals("resp_blocking_004", a4.path("gen_ai.response.id").asText());
        assertEquals(List.of("completed"), Trace.texts(a4.path("gen_ai.response.finish_reasons")));
        assertEquals(0.7, a4.path("gen_ai.request.temperature").asDouble(), 1e-9);
        assertEquals(300, a4.path("gen_ai.request.max_tokens").asLong());
        assertEquals(80, a4.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(25, a4.path("gen_ai.usage.output_tokens").asLong());
        assertEquals(16, a4.path("gen_ai.usage.cache_read.input_tokens").asLong());
        assertEquals(5, a4.path("gen_ai.usage.reasoning.output_tokens").asLong());
        assertEquals((64 * 2.00 + 16 * 0.50 + 25 * 8.00) / 1e6, a4.path("agentdbg.cost.usd").asDouble(), 1e-9);
        JsonNode a5 = attrs(responseCalls.get(1));
        assertEquals("gpt-4o", a5.path("gen_ai.request.model").asText(), a5.toString());
        assertEquals("gpt-4o-2024-08-06", a5.path("gen_ai.response.model").asText(), a5.toString());
        assertEquals("resp_async_005", a5.path("gen_ai.response.id").asText());
        assertEquals(List.of("completed"), Trace.texts(a5.path("gen_ai.response.finish_reasons")));
        assertEquals(41, a5.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(9, a5.path("gen_ai.usage.output_tokens").asLong());

        // Tokens are counted once: only the five llm spans carry usage, and the totals add up.
        long input = 0;
        long output = 0;
        for (JsonNode s : trace.spans) {
            JsonNode a = attrs(s);
            if (a.has("gen_ai.usage.input_tokens") || a.has("gen_ai.usage.output_tokens")) {
                assertEquals("llm", trace.kind(s), "usage on a non-llm span: " + s);
                input += a.path("gen_ai.usage.input_tokens").asLong();
                output += a.path("gen_ai.usage.output_tokens").asLong();
            }
        }
        assertEquals(120 + 210 + 33 + 80 + 41, input);
        assertEquals(18 + 45 + 7 + 25 + 9, output);

        // The fake API key is nowhere in the trace (it was sent to the stub, see above).
        for (Path f : trace.files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertFalse(text.contains(OpenAiJavaApp.API_KEY), "API key written to " + f);
            assertFalse(text.contains("REDACTME"), "part of the API key written to " + f);
        }

        analyzerReadsIt(dir, traces);
    }

    /** The analyzer's summary (and its llm report, when it has one) read the trace. */
    private static void analyzerReadsIt(Path dir, Path traces) throws Exception {
        ChildJvm.Result summary = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "summary", traces.toString()).run(dir.resolve("summary"));
        assertEquals(0, summary.exitCode(), summary.stderr());
        assertTrue(summary.stdout().contains("TravelAgent.run"), summary.stdout());
        assertTrue(summary.stdout().contains("ChatCompletionServiceImpl.create"), summary.stdout());

        ChildJvm.Result llm = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "llm", traces.toString()).run(dir.resolve("llm"));
        if (llm.exitCode() == 0) {
            assertTrue(llm.stdout().contains("gpt-4o-mini"), llm.stdout());
            assertTrue(llm.stdout().contains("gpt-4.1"), llm.stdout());
            assertTrue(llm.stdout().contains("WeatherTool"), llm.stdout());
        }
    }


    private static JsonNode attrs(JsonNode span) {
        return span.path("attrs");
    }




}
