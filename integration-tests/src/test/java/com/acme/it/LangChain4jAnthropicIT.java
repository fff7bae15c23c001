package com.acme.it;

import com.acme.it.apps.langchain4j.AnthropicApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code langchain4j} preset's Anthropic rules on the real {@code langchain4j-anthropic} 1.19.0
 * module against a stub speaking the Anthropic Messages API: an AiServices assistant with a tool
 * round trip on {@code AnthropicChatModel} and one {@code AnthropicStreamingChatModel} call.
 *
 * <p>Anthropic reports {@code input_tokens} without the prompt-cache reads and writes, and
 * LangChain4j's {@code AnthropicTokenUsage} keeps them apart the same way
 * ({@code inputTokenCount}, {@code cacheReadInputTokens}, {@code cacheCreationInputTokens}). The
 * trace follows the OpenTelemetry GenAI convention instead: {@code gen_ai.usage.input_tokens} is
 * all input (fresh + cache read + cache write), the cache attributes say how much of it was
 * which, and the cost prices each part at its own rate.
 */
class LangChain4jAnthropicIT {
    private static final String CHAT = "dev.langchain4j.model.anthropic.AnthropicChatModel";
    private static final String STREAMING = "dev.langchain4j.model.anthropic.AnthropicStreamingChatModel";
    private static final Set<String> ANTHROPIC_RULES = Set.of("langchain4j-chat-anthropic", "langchain4j-streaming-anthropic");
    /** USD per million tokens: input, cached input (cache read), output, cache write. */
    private static final double IN = 3.0;
    private static final double CACHED = 0.30;
    private static final double OUT = 15.0;
    private static final double WRITE = 3.75;

    /** One provider call as the stub reported it: Anthropic's own, separate numbers. */
    private record Usage(long input, long cacheRead, long cacheWrite, long output) {
        long allInput() {
            return input + cacheRead + cacheWrite;
        }

        double cost() {
            return (input * IN + cacheRead * CACHED + cacheWrite * WRITE + output * OUT) / 1e6;
        }
    }

    private static final Usage SYNC_1 = new Usage(42, 0, 1800, 25);
    private static final Usage SYNC_2 = new Usage(57, 1800, 0, 31);
    private static final Usage STREAM = new Usage(23, 1800, 320, 14);

    @Test
    void anthropicCacheReadsAndWritesAreCountedAsInputAndPricedApart(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.presets=langchain4j",
                "agentdbg.price." + AnthropicApp.REQUEST_MODEL + "=" + IN + "," + CACHED + "," + OUT + "," + WRITE,
                ""));

        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(AnthropicApp.class).run(dir).assertSuccess();
        String out = result.stdout();
        assertTrue(out.contains("sync answer: It is sunny in Paris, 21 C."), out);
        assertTrue(out.contains("streamed answer: It is 14:05 in Oslo."), out);
        // LangChain4j hands the application Anthropic's numbers unchanged: input without the cache.
        assertTrue(out.contains("streamed usage: input 23, cache read 1800, cache write 320, output 14"), out);
        assertTrue(out.contains("requests: POST /v1/messages x3"), out);
        assertTrue(out.contains("anthropic app done"), out);

        Trace trace = Trace.readSingleRun(traces);
        JsonNode stats = trace.assertAgentHealthy();
        for (JsonNode unmatched : stats.path("unmatchedRules")) {
            assertFalse(ANTHROPIC_RULES.contains(unmatched.asText()),
                    "the Anthropic rules matched: " + stats.get("unmatchedRules"));
        }

        // The llm methods are the Anthropic models' doChat, instrumented by the Anthropic rules.
        Map<String, String> llmMethods = trace.methods.values().stream()
                .filter(m -> "llm".equals(m.get("kind").asText()))
                .collect(Collectors.toMap(m -> m.get("class").asText() + "#" + m.get("method").asText(),
                        m -> m.get("rule").asText()));
        assertEquals(Map.of(CHAT + "#doChat", "langchain4j-chat-anthropic",
                STREAMING + "#doChat", "langchain4j-streaming-anthropic"), llmMethods);

        List<JsonNode> llmSpans = trace.spansOfKind("llm");
        assertEquals(3, llmSpans.size(), "one llm span per request the stub answered: " + trace.names(llmSpans));
        for (JsonNode llm : llmSpans) {
            String what = trace.methodName(llm) + " " + attrs(llm);
            assertEquals("ok", llm.get("status").asText(), what);
            assertEquals("anthropic", attrs(llm).path("gen_ai.provider.name").asText(), what);
            assertEquals("chat", attrs(llm).path("gen_ai.operation.name").asText(), what);
            assertEquals(AnthropicApp.REQUEST_MODEL, attrs(llm).path("gen_ai.request.model").asText(), what);
            assertEquals(AnthropicApp.RESPONSE_MODEL, attrs(llm).path("gen_ai.response.model").asText(), what);
        }

        // (1) AiServices: Assistant.chat -> llm (tool_use, writes the cache), tool, llm (reads it).
        JsonNode assistant = Trace.single(trace.spansOfKind("agent"));
        assertEquals("Assistant.chat", attrs(assistant).path("gen_ai.agent.name").asText(), assistant.toString());
        List<JsonNode> sync = trace.children(assistant);
        assertEquals(List.of("llm", "tool", "llm"), sync.stream().map(trace::kind).toList(),
                "agent -> llm, tool, llm: " + trace.names(sync));
        assertEquals("AnthropicChatModel#doChat", trace.methodName(sync.get(0)));
        assertEquals("AnthropicChatModel#doChat", trace.methodName(sync.get(2)));

        JsonNode a1 = attrs(sync.get(0));
        assertEquals("msg_sync_1", a1.path("gen_ai.response.id").asText(), a1.toString());
        assertEquals(List.of("tool_execution"), Trace.texts(a1.path("gen_ai.response.finish_reasons")), a1.toString());
        assertEquals(0.2, a1.path("gen_ai.request.temperature").asDouble(), 1e-9, a1.toString());
        assertEquals(512, a1.path("gen_ai.request.max_tokens").asLong(), a1.toString());
        assertUsage(SYNC_1, a1);

        JsonNode weather = sync.get(1);
        assertEquals("weather", attrs(weather).path("gen_ai.tool.name").asText(), weather.toString());
        assertEquals("toolu_1", attrs(weather).path("gen_ai.tool.call.id").asText(), weather.toString());
        // The module turns tool_use's input object back into (pretty-printed) JSON text.
        assertEquals("{\"city\":\"Paris\"}", weather.path("args").path(0).path("arguments").asText().replaceAll("\\s", ""),
                weather.toString());
        assertEquals("Sunny, 21 C in Paris", weather.path("result").path("result").asText(), weather.toString());

        JsonNode a2 = attrs(sync.get(2));
        assertEquals("msg_sync_2", a2.path("gen_ai.response.id").asText(), a2.toString());
        assertEquals(List.of("stop"), Trace.texts(a2.path("gen_ai.response.finish_reasons")), a2.toString());
        assertUsage(SYNC_2, a2);
        assertTrue(sync.get(2).path("args").toString().contains("Sunny, 21 C in Paris"),
                "the second request carried the tool result back");

        // (2) Streaming: one AnthropicStreamingChatModel call, ended by its handler's onCompleteResponse;
        // usage from message_start (input, cache) and message_delta (output).
        JsonNode streamed = Trace.single(trace.spansOf("AnthropicStreamingChatModel#doChat"));
        assertFalse(streamed.has("parent"), "a plain model call from main is a root: " + streamed);
        JsonNode a3 = attrs(streamed);
        assertEquals("msg_stream_1", a3.path("gen_ai.response.id").asText(), a3.toString());
        assertEquals(List.of("stop"), Trace.texts(a3.path("gen_ai.response.finish_reasons")), a3.toString());
        assertEquals(256, a3.path("gen_ai.request.max_tokens").asLong(), a3.toString());
        assertUsage(STREAM, a3);

        // Usage sits on llm spans only, once per provider call.
        long input = 0;
        long read = 0;
        long write = 0;
        long output = 0;
        for (JsonNode s : trace.spans) {
            JsonNode a = attrs(s);
            if (a.has("gen_ai.usage.input_tokens") || a.has("gen_ai.usage.output_tokens") || a.has("agentdbg.cost.usd")) {
                assertEquals("llm", trace.kind(s), "usage on a non-llm span: " + s);
                input += a.path("gen_ai.usage.input_tokens").asLong();
                read += a.path("gen_ai.usage.cache_read.input_tokens").asLong();
                write += a.path("gen_ai.usage.cache_creation.input_tokens").asLong();
                output += a.path("gen_ai.usage.output_tokens").asLong();
            }
        }
        assertEquals(SYNC_1.allInput() + SYNC_2.allInput() + STREAM.allInput(), input);
        assertEquals(3600, read);
        assertEquals(2120, write);
        assertEquals(70, output);

        assertNoApiKey(trace);
        analyzerTotals(dir, traces);
    }

    /** Input = fresh + cache read + cache write; the cache parts as Anthropic reported them; cost per part. */
    private static void assertUsage(Usage expected, JsonNode a) {
        String what = expected + " -> " + a;
        assertEquals(expected.allInput(), a.path("gen_ai.usage.input_tokens").asLong(), what);
        assertTrue(a.has("gen_ai.usage.cache_read.input_tokens"), what);
        assertEquals(expected.cacheRead(), a.path("gen_ai.usage.cache_read.input_tokens").asLong(), what);
        assertTrue(a.has("gen_ai.usage.cache_creation.input_tokens"), what);
        assertEquals(expected.cacheWrite(), a.path("gen_ai.usage.cache_creation.input_tokens").asLong(), what);
        assertEquals(expected.output(), a.path("gen_ai.usage.output_tokens").asLong(), what);
        assertFalse(a.has("gen_ai.usage.reasoning.output_tokens"), what);
        assertTrue(a.has("agentdbg.cost.usd"), what);
        assertEquals(expected.cost(), a.path("agentdbg.cost.usd").asDouble(), 1e-12, what);
    }

    private static void assertNoApiKey(Trace trace) throws Exception {
        for (Path f : trace.files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertFalse(text.contains(AnthropicApp.API_KEY), "API key written to " + f);
            assertFalse(text.contains("REDACTME"), "part of the API key written to " + f);
        }
    }

    /** The analyzer's llm report sums the same figures: input with the cache, reads and writes apart. */
    private static void analyzerTotals(Path dir, Path traces) throws Exception {
        long input = SYNC_1.allInput() + SYNC_2.allInput() + STREAM.allInput();
        double cost = SYNC_1.cost() + SYNC_2.cost() + STREAM.cost();

        ChildJvm.Result json = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "llm", "--json", traces.toString()).run(dir.resolve("llm-json"));
        assertEquals(0, json.exitCode(), json.stderr());
        JsonNode report = new ObjectMapper().readTree(json.stdout());
        JsonNode total = report.path("total");
        assertEquals(3, total.path("calls").asLong(), total.toString());
        assertEquals(3, total.path("callsWithUsage").asLong(), total.toString());
        assertEquals(input, total.path("inputTokens").asLong(), total.toString());
        assertEquals(3600, total.path("cachedInputTokens").asLong(), total.toString());
        assertEquals(2120, total.path("cacheCreationInputTokens").asLong(), total.toString());
        assertEquals(70, total.path("outputTokens").asLong(), total.toString());
        assertEquals(3, total.path("callsWithCost").asLong(), total.toString());
        assertEquals(cost, total.path("costUsd").asDouble(), 1e-9, total.toString());
        JsonNode model = Trace.single(java.util.stream.StreamSupport.stream(report.path("models").spliterator(), false).toList());
        assertEquals("anthropic", model.path("provider").asText(), model.toString());
        assertEquals(AnthropicApp.RESPONSE_MODEL, model.path("model").asText(), model.toString());
        assertEquals(input, model.path("inputTokens").asLong(), model.toString());
        assertEquals(3600, model.path("cachedInputTokens").asLong(), model.toString());
        assertEquals(2120, model.path("cacheCreationInputTokens").asLong(), model.toString());
        assertEquals(2, model.path("finishReasons").path("stop").asLong(), model.toString());
        assertEquals(1, model.path("finishReasons").path("tool_execution").asLong(), model.toString());

        ChildJvm.Result text = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "llm", traces.toString()).run(dir.resolve("llm-text"));
        assertEquals(0, text.exitCode(), text.stderr());
        // The "LLM calls by model" table: model, provider, calls, errors, input, cached, cache-created,
        // output, reasoning, est. cost; its total row has no provider.
        List<String> lines = text.stdout().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s*model\\s+provider\\s+calls\\s+errors\\s+input\\s+cached"
                + "\\s+cache-created\\s+output\\s+reasoning\\s+est\\. cost\\s*")), text.stdout());
        List<String> row = List.of(lines.stream().filter(l -> l.contains(AnthropicApp.RESPONSE_MODEL) && l.contains("$"))
                .findFirst().orElseThrow(() -> new AssertionError(text.stdout())).trim().split("\\s+"));
        List<String> totalRow = List.of(lines.stream().filter(l -> l.trim().startsWith("total") && l.contains("$"))
                .findFirst().orElseThrow(() -> new AssertionError(text.stdout())).trim().split("\\s+"));
        // 0.007251 + 0.001176 + 0.002019 USD
        List<String> figures = List.of("3", "0", Long.toString(input), "3600", "2120", "70", "0", "$0.010446");
        assertEquals(figures, row.subList(2, row.size()), text.stdout());
        assertEquals(List.of(AnthropicApp.RESPONSE_MODEL, "anthropic"), row.subList(0, 2), text.stdout());
        assertEquals(figures, totalRow.subList(1, totalRow.size()), text.stdout());
    }

    private static JsonNode attrs(JsonNode span) {
        return span.path("attrs");
    }
}
