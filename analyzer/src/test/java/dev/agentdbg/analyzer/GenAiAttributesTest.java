package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanAttributes;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.TraceListener;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.read.TraceReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Span attributes and payloads: read into the model as written, malformed values left out, names shown. */
class GenAiAttributesTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** Everything one read gives: the spans, the starts, and the read report. */
    private record Read(List<Span> spans, List<CallStart> starts, ReadReport report) {
    }

    private static Read read(Path file) throws Exception {
        List<Span> spans = new ArrayList<>();
        List<CallStart> starts = new ArrayList<>();
        ReadReport report = new TraceReader().read(new TraceLocator().locate(file).select(null), new TraceListener() {
            @Override
            public void start(CallStart start) {
                starts.add(start);
            }

            @Override
            public void span(Span span) {
                spans.add(span);
            }
        });
        return new Read(spans, starts, report);
    }

    @Test
    void payloadAndAttributesAreKeptAsWritten() throws Exception {
        Map<String, Object> message = Map.of("@type", "com.acme.Prompt", "text", "long text...(truncated, 182 KB)");
        Path file = new TraceBuilder().run("payload")
                .method(1, "com.acme.Llm", "complete", "llm", "llm")
                .start(1, 0x1, 0, 1, 0)
                .attrs("gen_ai.request.model", "gpt-4o")
                .set("args", Arrays.asList(message, null, "[REDACTED]"))
                .span(1, 0x1, 0, 1, 0, 5 * MS)
                .attrs("gen_ai.request.model", "gpt-4o", "gen_ai.response.finish_reasons", List.of("stop", "length"),
                        "gen_ai.request.temperature", 0.7, "gen_ai.usage.input_tokens", 12,
                        "agentdbg.cost.usd", 0.00042, "acme.custom", Map.of("any", List.of(1, 2)))
                .set("args", Arrays.asList(message, null, "[REDACTED]"))
                .set("result", Map.of("@ref", 1))
                .span(1, 0x2, 0, 1, 10 * MS, 5 * MS)
                .set("result", null)
                .span(1, 0x3, 0, 1, 20 * MS, 5 * MS)
                .writeTo(dir.resolve("payload.jsonl"));
        Read read = read(file);
        assertEquals(0, read.report().ignoredValues());
        assertNull(read.report().ignoredValuesWarning());

        CallStart start = read.starts().get(0);
        assertEquals("gpt-4o", start.attrs().string(GenAi.REQUEST_MODEL));
        assertEquals(3, start.args().size());

        Span span = read.spans().get(0);
        assertEquals("com.acme.Prompt", span.args().get(0).path("@type").asText());
        assertEquals("long text...(truncated, 182 KB)", span.args().get(0).path("text").asText());
        assertTrue(span.args().get(1).isNull(), "a parameter not captured is null");
        assertEquals("[REDACTED]", span.args().get(2).asText());
        assertEquals(1, span.result().path("@ref").asInt());
        SpanAttributes a = span.attrs();
        assertEquals(12L, a.longValue(GenAi.INPUT_TOKENS));
        assertEquals(0.7, a.doubleValue(GenAi.TEMPERATURE));
        assertEquals(new BigDecimal("0.00042"), a.decimal(GenAi.COST_USD));
        assertEquals(List.of("stop", "length"), a.strings(GenAi.FINISH_REASONS));
        assertEquals("gpt-4o", GenAi.model(a), "no response model: the request model");
        assertNull(a.string(GenAi.RESPONSE_MODEL));
        assertNull(a.string(GenAi.INPUT_TOKENS), "typed getters do not convert");
        assertEquals(List.of(1, 2), Traces.JSON.convertValue(a.asMap().get("acme.custom").path("any"), List.class),
                "keys the analyzer does not know are kept as they are");

        assertTrue(read.spans().get(1).result().isNull(), "the method returned null");
        assertNull(read.spans().get(2).result(), "no result captured");
        assertTrue(read.spans().get(2).args().isEmpty() && read.spans().get(2).attrs().isEmpty());
    }

    @Test
    void malformedValuesAreLeftOutAndCountedNotFatal() throws Exception {
        Path file = new TraceBuilder().run("malformed")
                .method(1, "com.acme.Llm", "complete", "llm", "llm")
                .span(1, 0x1, 0, 1, 0, 5 * MS)
                .attrs("gen_ai.usage.input_tokens", "12", "gen_ai.usage.output_tokens", -3,
                        "gen_ai.response.finish_reasons", List.of("stop", 7), "agentdbg.cost.usd", "0.1",
                        "gen_ai.request.temperature", "hot", "gen_ai.usage.reasoning.output_tokens", 1.5,
                        "gen_ai.request.model", "gpt-4o", "gen_ai.provider.name", null)
                .span(1, 0x2, 0, 1, 10 * MS, 5 * MS)
                .set("attrs", List.of("not", "an", "object"))
                .set("args", "not an array")
                // Rejected for its missing dur: its malformed attribute is not reported on top of that.
                .line("{\"type\":\"span\",\"trace\":\"" + String.format("%032x", 1) + "\",\"span\":\"0000000000000003\","
                        + "\"method\":1,\"start\":1,\"attrs\":{\"gen_ai.usage.input_tokens\":\"x\"}}")
                .writeTo(dir.resolve("malformed.jsonl"));
        Read read = read(file);
        assertEquals(2, read.spans().size(), "both spans are used");
        assertEquals(1, read.report().skippedTotal());
        assertEquals(8, read.report().ignoredValues());
        assertEquals("8 malformed values were ignored (the rest of each record was used); first: line 3 of"
                + " malformed.jsonl: span attribute 'gen_ai.usage.input_tokens' is not a non-negative integer"
                + " (\"12\")", read.report().ignoredValuesWarning());
        SpanAttributes a = read.spans().get(0).attrs();
        assertEquals(Map.of("gen_ai.request.model", "gpt-4o"), Traces.JSON.convertValue(a.asMap(), Map.class),
                "only the well-typed value is left; a null is simply absent");
        assertTrue(read.spans().get(1).attrs().isEmpty() && read.spans().get(1).args().isEmpty());

        Cli.Result summary = Cli.run("summary", file.toString());
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("  ! 8 malformed values were ignored (the rest of each record was used);"
                + " first: line 3 of malformed.jsonl: "), summary.out());
        assertFalse(summary.out().contains("Exception") || summary.err().contains("Exception"));
        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        assertEquals(8, json.path("input").path("valuesIgnored").asInt());
        assertEquals(2, json.path("llm").path("calls").asInt());
        assertEquals(0, json.path("llm").path("callsWithUsage").asInt());
    }

    @Test
    void agentsAndToolsAreShownByNameBesideTheirMethod() throws Exception {
        String trace = "9c3b2a1908f7e6d57a1ec7ab1e0f4e1d";
        Path file = new TraceBuilder().run("names")
                .method(1, "dev.langchain4j.service.DefaultAiServices$1", "invoke", "agent", "ai-services")
                .method(2, "dev.langchain4j.service.tool.DefaultToolExecutor", "execute", "tool", "tools")
                .method(3, "dev.langchain4j.model.openai.OpenAiChatModel", "doChat", "llm", "openai")
                .start(trace, "5000000000000001", null, 1, "main", 0)
                .attrs("gen_ai.agent.name", "Planner.plan")
                .span(trace, "5000000000000002", "5000000000000001", 2, "main", 1 * MS, 10 * MS)
                .attrs("gen_ai.tool.name", "get_weather")
                .span(trace, "5000000000000003", "5000000000000001", 2, "main", 12 * MS, 20 * MS)
                .attrs("gen_ai.tool.name", "search_web")
                .failed("java.net.SocketTimeoutException", "timed out")
                .span(trace, "5000000000000004", "5000000000000001", 3, "main", 40 * MS, 30 * MS)
                .attrs("gen_ai.request.model", "gpt-4o-mini", "gen_ai.usage.output_tokens", 30)
                .writeTo(dir.resolve("names.jsonl"));
        String out = Cli.run("summary", file.toString()).out();
        assertTrue(out.contains(""
                + "     0.000   70.0 ms  Planner.plan  (DefaultAiServices$1.invoke)         agent  ai-services  RUNNING"
                + " (at end of run, 70.0 ms)\n"
                + "     1.000   10.0 ms    get_weather  (DefaultToolExecutor.execute)       tool   tools        ok\n"
                + "    12.000   20.0 ms    search_web  (DefaultToolExecutor.execute)        tool   tools        ERROR"
                + " SocketTimeoutException\n"
                + "    40.000   30.0 ms    OpenAiChatModel.doChat  gpt-4o-mini  out 30 tok  llm    openai       ok\n"),
                out);
        // One generic executor, two tools: a row each; the component still adds them up.
        assertTrue(out.contains("  search_web  (DefaultToolExecutor.execute)   tool  tools          1       1"), out);
        assertTrue(out.contains("  get_weather  (DefaultToolExecutor.execute)  tool  tools          1       0"), out);
        assertTrue(out.contains("  tools      tool      2       1"), out);
        assertTrue(out.contains(" 1. search_web  (DefaultToolExecutor.execute)  (tool, tools)  trace 9c3b2a19"), out);
        assertTrue(out.contains("      1  search_web  (DefaultToolExecutor.execute)  java.net.SocketTimeoutException"),
                out);
        assertTrue(out.contains("  Planner.plan  (DefaultAiServices$1.invoke)  agent  ai-services  main    9c3b2a19"),
                "unfinished calls are named from their start record:\n" + out);

        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        List<String> rows = new ArrayList<>();
        for (JsonNode row : json.path("breakdown").path("byMethod")) {
            rows.add(row.path("name").asText() + " | " + row.path("method").asText() + " | "
                    + row.path("toolName").asText(null) + " | " + row.path("agentName").asText(null));
        }
        assertEquals(List.of(
                "OpenAiChatModel.doChat | doChat | null | null",
                "search_web  (DefaultToolExecutor.execute) | execute | search_web | null",
                "get_weather  (DefaultToolExecutor.execute) | execute | get_weather | null"), rows);
        JsonNode line = json.path("timeline").path("traces").get(0).path("lines").get(1);
        assertEquals("get_weather  (DefaultToolExecutor.execute)", line.path("name").asText());
        assertEquals("get_weather", line.path("attrs").path("gen_ai.tool.name").asText());
        assertEquals("Planner.plan  (DefaultAiServices$1.invoke)", json.path("unfinished").get(0).path("name").asText());
        assertEquals("search_web  (DefaultToolExecutor.execute)",
                json.path("errors").path("groups").get(0).path("name").asText());
    }
}
