package com.acme.it;

import com.acme.it.apps.langchain4j.LangChain4jApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code langchain4j} preset on real LangChain4j 1.19.0 (OpenAI module, JDK HTTP client) against
 * a scripted stub, with no rule of the user's: an AiServices assistant with a {@code @Tool} object
 * (blocking) and a streaming assistant with a {@code ToolExecutor} lambda ({@code TokenStream}),
 * each doing one tool round trip. Agent, llm and tool spans form the tree a user expects, one llm
 * span per provider call, tokens counted once per call even though the streamed answer reports
 * the sum of the whole tool loop, and the API key never reaches the trace.
 */
class LangChain4jPresetIT {
    private static final String OPENAI_CHAT = "dev.langchain4j.model.openai.OpenAiChatModel";
    private static final String OPENAI_STREAMING = "dev.langchain4j.model.openai.OpenAiStreamingChatModel";
    private static final Set<String> ANTHROPIC_RULES = Set.of("langchain4j-chat-anthropic", "langchain4j-streaming-anthropic");

    @Test
    void presetTracesAiServicesBlockingAndStreamingToolLoops(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.presets=langchain4j",
                "agentdbg.price.gpt-4o-mini=0.15,0.075,0.60",
                ""));

        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(LangChain4jApp.class).run(dir).assertSuccess();
        String out = result.stdout();
        assertTrue(out.contains("sync answer: It is sunny in Paris, 21 C."), out);
        assertTrue(out.contains("streamed answer: It is 14:05 in Oslo."), out);
        // What LangChain4j hands the TokenStream: the usage of both streaming calls, summed.
        assertTrue(out.contains("summed over the tool loop: 340/69"), out);
        assertTrue(out.contains("langchain4j app done"), out);

        Trace trace = Trace.readSingleRun(traces);
        JsonNode stats = trace.assertAgentHealthy();
        for (JsonNode unmatched : stats.path("unmatchedRules")) {
            assertTrue(ANTHROPIC_RULES.contains(unmatched.asText()), "only the Anthropic rules match nothing here: "
                    + stats.get("unmatchedRules"));
        }

        // The llm methods are the providers' doChat, not ChatModel's default chat(...) methods that
        // lead to them: one span per provider call.
        Set<String> llmMethods = trace.methods.values().stream()
                .filter(m -> "llm".equals(m.get("kind").asText()))
                .map(m -> m.get("class").asText() + "#" + m.get("method").asText())
                .collect(Collectors.toSet());
        assertEquals(Set.of(OPENAI_CHAT + "#doChat", OPENAI_STREAMING + "#doChat"), llmMethods);
        List<JsonNode> llmSpans = trace.spansOfKind("llm");
        assertEquals(4, llmSpans.size(), "one llm span per request the stub answered: " + trace.names(llmSpans));
        assertEquals(4, trace.starts.stream().filter(s -> "llm".equals(trace.kind(s))).count());
        for (JsonNode llm : llmSpans) {
            String what = trace.methodName(llm) + " " + attrs(llm);
            assertEquals("ok", llm.get("status").asText(), what);
            assertEquals("openai", attrs(llm).path("gen_ai.provider.name").asText(), what);
            assertEquals("chat", attrs(llm).path("gen_ai.operation.name").asText(), what);
            assertEquals("gpt-4o-mini", attrs(llm).path("gen_ai.request.model").asText(), what);
            assertEquals("gpt-4o-mini-2024-07-18", attrs(llm).path("gen_ai.response.model").asText(), what);
            assertTrue(llm.path("args").path(0).has("messages"), what);
            for (int i = 1; i < llm.path("args").size(); i++) {
                assertTrue(llm.path("args").path(i).isNull(), "only the request is captured, not the handler: " + what);
            }
        }
        assertEquals(2, trace.spansOfKind("tool").size(), trace.names(trace.spans));

        // Agent spans: the two service calls and the streamed conversation; not the proxy's
        // toString/hashCode, not LangChain4j's inner invoke nested in each service call.
        assertEquals(3, trace.spansOfKind("agent").size(), trace.names(trace.spansOfKind("agent")) + " "
                + trace.spansOfKind("agent").stream().map(s -> attrs(s).path("gen_ai.agent.name").asText()).toList());

        // (1) Blocking: Assistant.chat -> llm, tool, llm.
        JsonNode assistant = agentNamed(trace, "Assistant.chat");
        assertFalse(assistant.has("parent"), "the service call is a root: " + assistant);
        assertEquals("invoke_agent", attrs(assistant).path("gen_ai.operation.name").asText());
        // The user's arguments are captured; not the proxy, not LangChain4j's invocation context.
        String agentArgs = assistant.path("args").toString();
        assertTrue(agentArgs.contains("[\"What is the weather in Paris?\"]"), agentArgs);
        assertFalse(agentArgs.contains("$Proxy") || agentArgs.contains("InvocationContext"), agentArgs);
        assertEquals("It is sunny in Paris, 21 C.", assistant.path("result").asText());
        List<JsonNode> sync = trace.children(assistant);
        assertEquals(List.of("llm", "tool", "llm"), sync.stream().map(s -> trace.kind(s)).toList(),
                "agent -> llm, tool, llm: " + trace.names(sync));

        JsonNode a1 = attrs(sync.get(0));
        assertEquals("chatcmpl-sync-1", a1.path("gen_ai.response.id").asText(), a1.toString());
        assertEquals(List.of("tool_execution"), Trace.texts(a1.path("gen_ai.response.finish_reasons")));
        assertEquals(0.2, a1.path("gen_ai.request.temperature").asDouble(), 1e-9);
        assertEquals(0.9, a1.path("gen_ai.request.top_p").asDouble(), 1e-9);
        assertEquals(256, a1.path("gen_ai.request.max_tokens").asLong());
        assertEquals(120, a1.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(15, a1.path("gen_ai.usage.output_tokens").asLong());
        assertFalse(a1.has("gen_ai.usage.cache_read.input_tokens"), "no details in this usage: " + a1);
        assertFalse(a1.has("gen_ai.usage.reasoning.output_tokens"), "no details in this usage: " + a1);
        assertEquals((120 * 0.15 + 15 * 0.60) / 1e6, a1.path("agentdbg.cost.usd").asDouble(), 1e-12);

        JsonNode weather = sync.get(1);
        assertEquals("execute_tool", attrs(weather).path("gen_ai.operation.name").asText(), weather.toString());
        assertEquals("weather", attrs(weather).path("gen_ai.tool.name").asText(), weather.toString());
        assertEquals("call_weather_1", attrs(weather).path("gen_ai.tool.call.id").asText(), weather.toString());
        assertEquals("{\"city\":\"Paris\"}", weather.path("args").path(0).path("arguments").asText(), weather.toString());
        assertEquals("Sunny, 21 C in Paris", weather.path("result").path("result").asText(), weather.toString());
        assertFalse(weather.path("result").path("isError").asBoolean(), weather.toString());
        for (int i = 1; i < 5; i++) {
            assertTrue(weather.path("args").path(i).isNull(), "only the request is captured: " + weather.path("args"));
        }

        JsonNode a2 = attrs(sync.get(2));
        assertEquals("chatcmpl-sync-2", a2.path("gen_ai.response.id").asText(), a2.toString());
        assertEquals(List.of("stop"), Trace.texts(a2.path("gen_ai.response.finish_reasons")));
        assertEquals(180, a2.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(40, a2.path("gen_ai.usage.output_tokens").asLong());
        assertEquals(64, a2.path("gen_ai.usage.cache_read.input_tokens").asLong());
        assertEquals(12, a2.path("gen_ai.usage.reasoning.output_tokens").asLong());
        // 116 fresh + 64 cached input, 40 output (reasoning included)
        assertEquals((116 * 0.15 + 64 * 0.075 + 40 * 0.60) / 1e6, a2.path("agentdbg.cost.usd").asDouble(), 1e-12);
        assertTrue(sync.get(2).path("args").toString().contains("Sunny, 21 C in Paris"),
                "the second request carried the tool result back");

        // (2) Streaming: the service method only returns the TokenStream; start() runs the
        // conversation, whose answer, tool call and next request run on HTTP client threads.
        JsonNode streamingService = agentNamed(trace, "StreamingAssistant.chat");
        assertTrue(trace.children(streamingService).isEmpty(), "nothing runs inside the proxy call");
        JsonNode start = Trace.single(trace.spansOf("AiServiceTokenStream#start"));
        assertEquals("agent", trace.kind(start));
        assertEquals("StreamingAssistant.chat", attrs(start).path("gen_ai.agent.name").asText(),
                "named after the service method, read from the stream's own field");
        List<JsonNode> streamed = trace.children(start);
        assertEquals(List.of("llm", "tool", "llm"), streamed.stream().map(s -> trace.kind(s)).toList(),
                "agent -> llm, tool, llm (not llm -> tool -> llm nested): " + trace.names(streamed));
        JsonNode s1 = streamed.get(0);
        JsonNode clock = streamed.get(1);
        JsonNode s2 = streamed.get(2);
        assertEquals("main", s1.get("thread").asText(), "the first request began in start()");
        assertTrue(clock.path("async").asBoolean(), "the tool ran on the thread that delivered the answer: " + clock);
        assertTrue(s2.path("async").asBoolean(), s2.toString());
        assertTrue(s1.get("start").asLong() + s1.get("dur").asLong() <= clock.get("start").asLong(),
                "the streaming call ended when its answer was complete, before the tool ran");
        assertTrue(s2.get("dur").asLong() > 0);

        JsonNode a3 = attrs(s1);
        assertEquals("chatcmpl-stream-1", a3.path("gen_ai.response.id").asText(), a3.toString());
        assertEquals(List.of("tool_execution"), Trace.texts(a3.path("gen_ai.response.finish_reasons")));
        assertEquals(0.3, a3.path("gen_ai.request.temperature").asDouble(), 1e-9);
        assertFalse(a3.has("gen_ai.request.max_tokens"), "not set by the app: " + a3);
        assertEquals(130, a3.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(17, a3.path("gen_ai.usage.output_tokens").asLong());
        assertEquals((130 * 0.15 + 17 * 0.60) / 1e6, a3.path("agentdbg.cost.usd").asDouble(), 1e-12);

        assertEquals("localTime", attrs(clock).path("gen_ai.tool.name").asText(), clock.toString());
        assertEquals("call_time_1", attrs(clock).path("gen_ai.tool.call.id").asText(), clock.toString());
        assertEquals("{\"city\":\"Oslo\"}", clock.path("args").path(0).path("arguments").asText(), clock.toString());
        assertTrue(clock.path("result").toString().contains("14:05 in Oslo"), "the lambda's answer: " + clock);

        JsonNode a4 = attrs(s2);
        assertEquals("chatcmpl-stream-2", a4.path("gen_ai.response.id").asText(), a4.toString());
        assertEquals(List.of("stop"), Trace.texts(a4.path("gen_ai.response.finish_reasons")));
        assertEquals(210, a4.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(52, a4.path("gen_ai.usage.output_tokens").asLong());
        assertEquals(128, a4.path("gen_ai.usage.cache_read.input_tokens").asLong());
        assertEquals(20, a4.path("gen_ai.usage.reasoning.output_tokens").asLong());
        assertEquals((82 * 0.15 + 128 * 0.075 + 52 * 0.60) / 1e6, a4.path("agentdbg.cost.usd").asDouble(), 1e-12);

        // Tokens are counted once per provider call, on llm spans only: never the TokenStream's
        // summed 340/69, never on an agent span.
        long input = 0;
        long output = 0;
        long cached = 0;
        for (JsonNode s : trace.spans) {
            JsonNode a = attrs(s);
            if (a.has("gen_ai.usage.input_tokens") || a.has("gen_ai.usage.output_tokens")
                    || a.has("agentdbg.cost.usd")) {
                assertEquals("llm", trace.kind(s), "usage on a non-llm span: " + s);
                input += a.path("gen_ai.usage.input_tokens").asLong();
                output += a.path("gen_ai.usage.output_tokens").asLong();
                cached += a.path("gen_ai.usage.cache_read.input_tokens").asLong();
            }
        }
        assertEquals(120 + 180 + 130 + 210, input);
        assertEquals(15 + 40 + 17 + 52, output);
        assertEquals(64 + 128, cached);

        assertNoApiKey(trace);
        analyzerReadsIt(dir, traces);
    }

    /**
     * A user rule with capture on, on an app method that receives the OpenAiChatModel: the model
     * is captured field by field down to the HTTP client's default headers, where the key is.
     */
    @Test
    void captureRedactsTheApiKeyInsideTheModel(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.presets=langchain4j",
                "agentdbg.rule.holder.match=com.acme.it.apps.langchain4j.LangChain4jApp$ModelHolder#describe",
                "agentdbg.rule.holder.kind=custom",
                "agentdbg.rule.holder.capture=true",
                ""));
        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(LangChain4jApp.class).run(dir).assertSuccess();
        assertTrue(result.stdout().contains("langchain4j app done"), result.stdout());

        Trace trace = Trace.readSingleRun(traces);
        trace.assertAgentHealthy();
        JsonNode holder = Trace.single(trace.spansOf("ModelHolder#describe"));
        JsonNode model = holder.path("args").path(0);
        assertEquals("dev.langchain4j.model.openai.OpenAiChatModel", model.path("@type").asText(), holder.toString());
        assertEquals("[REDACTED]", model.path("client").path("defaultHeaders").path("Authorization").asText(),
                "the Authorization header holding 'Bearer <key>' is redacted: " + model.path("client"));
        assertEquals("model gpt-4o-mini", holder.path("result").asText());
        assertNoApiKey(trace);
        boolean redacted = false;
        for (Path f : trace.files) {
            redacted |= Files.readString(f, StandardCharsets.UTF_8).contains("\"[REDACTED]\"");
        }
        assertTrue(redacted, "the trace shows where a secret was");
    }

    private static void assertNoApiKey(Trace trace) throws Exception {
        for (Path f : trace.files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertFalse(text.contains(LangChain4jApp.API_KEY), "API key written to " + f);
            assertFalse(text.contains("REDACTME"), "part of the API key written to " + f);
        }
    }

    /** The analyzer's summary (and its llm report, when it has one) read the trace. */
    private static void analyzerReadsIt(Path dir, Path traces) throws Exception {
        ChildJvm.Result summary = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "summary", traces.toString()).run(dir.resolve("summary"));
        assertEquals(0, summary.exitCode(), summary.stderr());
        assertTrue(summary.stdout().contains("OpenAiChatModel.doChat"), summary.stdout());
        assertTrue(summary.stdout().contains("OpenAiStreamingChatModel.doChat"), summary.stdout());

        ChildJvm.Result llm = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "llm", traces.toString()).run(dir.resolve("llm"));
        if (llm.exitCode() == 0) {
            assertTrue(llm.stdout().contains("gpt-4o-mini"), llm.stdout());
        }
    }

    /** The AiServices proxy call (not the TokenStream's start(), which carries the same name). */
    private static JsonNode agentNamed(Trace trace, String name) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode s : trace.spansOfKind("agent")) {
            if (name.equals(attrs(s).path("gen_ai.agent.name").asText()) && trace.methodName(s).endsWith("#invoke")) {
                found.add(s);
            }
        }
        assertEquals(1, found.size(), "one agent span named " + name + " among "
                + trace.spansOfKind("agent").stream().map(s -> attrs(s).path("gen_ai.agent.name").asText()).toList());
        return found.get(0);
    }



    private static JsonNode attrs(JsonNode span) {
        return span.path("attrs");
    }




}
