package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm}: calls by model (tokens, cost, latency, finish reasons), tools by name, unfinished calls, JSON. */
class LlmReportTest {

    static final long MS = LlmRuns.MS;

    @TempDir
    Path dir;

    @Test
    void modelsAreCountedWithTheirTokensCostAndFinishReasons() throws Exception {
        Path file = LlmRuns.writeLlmRun(dir);
        Cli.Result result = Cli.run("llm", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        String out = result.out();
        assertTrue(out.startsWith("agentdbg LLM report of run " + LlmRuns.RUN_ID + "\n"), out);
        assertTrue(out.chars().allMatch(c -> c < 128), "ASCII only:\n" + out);
        // Response model, else request model (the failed claude call), else unknown; most calls first.
        assertTrue(out.contains("LLM calls by model (6 calls, 1 failed, 1 unfinished)\n"
                + "  model                   provider   calls  errors  input  cached  cache-created  output  reasoning"
                + "  est. cost\n"
                + "  gpt-4o-mini-2024-07-18  openai         3       0   2700    1800              0     490        120"
                + "  $0.00113\n"
                + "  claude-sonnet-4-5       anthropic      2       1   2000       0           1500     500          0"
                + "  n/a\n"
                + "  (unknown model)         -              1       0      -       -              -       -          -"
                + "  n/a\n"
                + "  total                                  6       1   4700    1800           1500     990        120"
                + "  $0.00113 (partial: 3 of 6 calls)\n"
                + "  tokens: 4 of 6 calls reported usage; the sums leave the others out\n"), out);
        // Durations 100/200/300 ms, 400/600 ms and 50 ms; nearest rank over all six: p50 is the 3rd, 200 ms.
        assertTrue(out.contains(""
                + "  model                       p50      p95      p99      max  finish reasons\n"
                + "  gpt-4o-mini-2024-07-18  200.000  300.000  300.000  300.000  stop 2, tool_calls 1\n"
                + "  claude-sonnet-4-5       400.000  600.000  600.000  600.000  end_turn 1\n"
                + "  (unknown model)          50.000   50.000   50.000   50.000  -\n"
                + "  total                   200.000  600.000  600.000  600.000  stop 2, end_turn 1, tool_calls 1\n"),
                out);
    }

    @Test
    void toolsAreCountedByToolNameElseByMethod() throws Exception {
        String out = Cli.run("llm", LlmRuns.writeLlmRun(dir).toString()).out();
        assertTrue(out.contains("Tool calls by tool (4 calls, 1 failed)\n"
                + "  a tool is its gen_ai.tool.name, else the method of kind tool; latency in ms\n"
                + "  tool            calls  failed     p50     p95     p99     max\n"
                + "  Calculator.add      2       0   5.000   7.000   7.000   7.000\n"
                + "  get_weather         2       1  20.000  30.000  30.000  30.000\n"
                + "  total               4       1   7.000  30.000  30.000  30.000\n"), out);
    }

    @Test
    void unfinishedCallsAreListedAndLeftOutOfTheFigures() throws Exception {
        String out = Cli.run("llm", LlmRuns.writeLlmRun(dir).toString()).out();
        assertTrue(out.contains("Unfinished LLM calls (1)\n"
                + "  started but never ended: still running when the run ended at +1m 00.0s; not in the figures"
                + " above\n\n"
                + "  method                  model        thread  trace     started at  running for\n"
                + "  OpenAiChatModel.doChat  gpt-4o-mini  main    8b2fd8bc    +3.300 s     56.700 s\n"), out);
    }

    @Test
    void theMalformedAttributeIsIgnoredAndReportedOnce() throws Exception {
        String out = Cli.run("llm", LlmRuns.writeLlmRun(dir).toString()).out();
        assertTrue(out.contains("Warnings\n  ! 1 malformed value was ignored (the rest of each record was used); line "
                + LlmRuns.MALFORMED_LINE + " of " + LlmRuns.RUN_ID + ".jsonl: span attribute"
                + " 'gen_ai.usage.input_tokens' is not a non-negative integer (\"12\")\n"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void jsonCarriesTheSameFigures() throws Exception {
        Cli.Result result = Cli.run("llm", LlmRuns.writeLlmRun(dir).toString(), "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = Traces.parse(result.out());
        assertEquals(1, json.path("schema").asInt());
        assertEquals(LlmRuns.RUN_ID, json.path("input").path("runId").asText());
        assertEquals(1, json.path("input").path("valuesIgnored").asInt());
        JsonNode models = json.path("models");
        assertEquals(3, models.size());
        JsonNode gpt = models.get(0);
        assertEquals(LlmRuns.GPT, gpt.path("model").asText());
        assertEquals("openai", gpt.path("provider").asText());
        assertEquals(List.of(3L, 0L, 3L, 2700L, 1800L, 0L, 490L, 120L, 3L), longs(gpt, "calls", "errors",
                "callsWithUsage", "inputTokens", "cachedInputTokens", "cacheCreationInputTokens", "outputTokens",
                "reasoningTokens", "callsWithCost"));
        assertEquals(0.00113, gpt.path("costUsd").asDouble(), 1e-12);
        assertEquals(List.of(200 * MS, 300 * MS, 300 * MS, 300 * MS), latency(gpt.path("latency")));
        assertEquals(Map.of("stop", 2, "tool_calls", 1), Traces.JSON.convertValue(gpt.path("finishReasons"), Map.class));
        JsonNode claude = models.get(1);
        assertEquals(LlmRuns.CLAUDE, claude.path("model").asText());
        assertEquals(List.of(2L, 1L, 1L, 2000L, 1500L, 500L, 0L), longs(claude, "calls", "errors", "callsWithUsage",
                "inputTokens", "cacheCreationInputTokens", "outputTokens", "callsWithCost"));
        assertTrue(claude.path("costUsd").isNull(), "no call had a price");
        JsonNode unknown = models.get(2);
        assertTrue(unknown.path("model").isNull() && unknown.path("provider").isNull());
        assertEquals(List.of(1L, 0L, 0L), longs(unknown, "calls", "callsWithUsage", "inputTokens"));

        JsonNode total = json.path("total");
        assertEquals(List.of(6L, 1L, 4L, 4700L, 1800L, 1500L, 990L, 120L, 3L, 1L), longs(total, "calls", "errors",
                "callsWithUsage", "inputTokens", "cachedInputTokens", "cacheCreationInputTokens", "outputTokens",
                "reasoningTokens", "callsWithCost", "unfinished"));
        assertEquals(0.00113, total.path("costUsd").asDouble(), 1e-12);
        assertEquals(List.of(200 * MS, 600 * MS, 600 * MS, 600 * MS), latency(total.path("latency")));
        assertEquals(List.of("stop", "end_turn", "tool_calls"), names(total.path("finishReasons")));

        JsonNode weather = json.path("tools").get(1);
        assertEquals("get_weather", weather.path("toolName").asText());
        assertTrue(weather.path("class").isNull());
        assertEquals(List.of(2L, 1L), longs(weather, "calls", "failures"));
        JsonNode calculator = json.path("tools").get(0);
        assertTrue(calculator.path("toolName").isNull());
        assertEquals("Calculator.add", calculator.path("name").asText());
        assertEquals("com.acme.assistant.tools.Calculator", calculator.path("class").asText());
        assertEquals(List.of(4L, 1L), longs(json.path("toolTotal"), "calls", "failures"));

        JsonNode running = json.path("unfinished").get(0);
        assertEquals("4000000000000005", running.path("span").asText());
        assertEquals("gpt-4o-mini", running.path("model").asText());
        assertEquals(56_700 * MS, running.path("runningNanos").asLong());
    }

    @Test
    void theSummaryHasTheLlmTotals() throws Exception {
        Path file = LlmRuns.writeLlmRun(dir);
        String out = Cli.run("summary", file.toString()).out();
        assertTrue(out.contains("  config warnings       none\n\n"
                + "LLM\n"
                + "  llm calls             6 (1 failed, 1 unfinished)\n"
                + "  tokens                in 4700 (1800 cached, 1500 cache-created) / out 990 (120 reasoning),"
                + " from 4 of 6 calls\n"
                + "  estimated cost        $0.00113 (partial: 3 of 6 calls)\n"
                + "  tool calls            4 (1 failed)\n\n"
                + "Agent stats"), out);
        JsonNode llm = Traces.parse(Cli.run("summary", file.toString(), "--json").out()).path("llm");
        assertEquals(List.of(6L, 1L, 1L, 4L, 4700L, 1800L, 1500L, 990L, 120L, 3L, 4L, 1L), longs(llm, "calls",
                "errors", "unfinished", "callsWithUsage", "inputTokens", "cachedInputTokens",
                "cacheCreationInputTokens", "outputTokens", "reasoningTokens", "callsWithCost", "toolCalls",
                "toolFailures"));
        assertEquals(0.00113, llm.path("costUsd").asDouble(), 1e-12);
    }

    @Test
    void aRunWithoutLlmOrToolCallsIsOneLine() throws Exception {
        Path file = new TraceBuilder().run("quiet")
                .method(1, "com.acme.Planner", "run", "agent", "planner")
                .span(1, 0x1, 0, 1, 0, 5 * MS)
                .stats(1, 0, 0)
                .writeTo(dir.resolve("quiet.jsonl"));
        Cli.Result result = Cli.run("llm", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("No LLM or tool calls in run quiet: it has no span of kind llm or tool.\n", result.out());
        JsonNode json = Traces.parse(Cli.run("llm", file.toString(), "--json").out());
        assertEquals(0, json.path("models").size());
        assertEquals(0, json.path("tools").size());
        assertEquals(0, json.path("total").path("calls").asInt());
        assertTrue(json.path("total").path("costUsd").isNull());
        String summary = Cli.run("summary", file.toString()).out();
        assertFalse(summary.contains("\nLLM\n"), "no LLM block without llm or tool spans:\n" + summary);
        assertTrue(Traces.parse(Cli.run("summary", file.toString(), "--json").out()).path("llm").isNull());
    }

    @Test
    void percentilesAreNearestRankOverKnownDurations() throws Exception {
        // One tool called 100 times, 1 ms to 100 ms, in shuffled order; llm calls of 1..20 ms.
        TraceBuilder b = new TraceBuilder().run("many")
                .method(1, "com.acme.Tools", "lookup", "tool", "tools")
                .method(2, "com.acme.Llm", "complete", "llm", "llm");
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(42));
        for (int ms : order) {
            b.span(1, ms, 0, 1, ms * 1000 * MS, ms * MS).attrs("gen_ai.tool.name", "lookup");
        }
        for (int ms = 1; ms <= 20; ms++) {
            b.span(2, 1000 + ms, 0, 2, ms * 1000 * MS, ms * MS).attrs("gen_ai.request.model", "m",
                    "agentdbg.cost.usd", 0.1);
        }
        Path file = b.writeTo(dir.resolve("many.jsonl"));
        JsonNode json = Traces.parse(Cli.run("llm", file.toString(), "--json").out());
        assertEquals(List.of(50 * MS, 95 * MS, 99 * MS, 100 * MS), latency(json.path("tools").get(0).path("latency")));
        // 20 calls: p50 the 10th, p95 the 19th, p99 the 20th.
        assertEquals(List.of(10 * MS, 19 * MS, 20 * MS, 20 * MS), latency(json.path("models").get(0).path("latency")));
        // Twenty times 0.1 is exactly 2.0, not 2.0000000000000004.
        assertEquals("2.0", json.path("total").path("costUsd").asText());
        String out = Cli.run("llm", file.toString()).out();
        assertTrue(out.contains("  lookup    100       0  50.000  95.000  99.000  100.000\n"), out);
        assertTrue(out.contains("  m      -            20       0      -       -              -       -          -"
                + "  $2.00\n"), out);
        assertTrue(out.contains("  tokens: no call reported usage (no gen_ai.usage attributes)\n"), out);
    }

    @Test
    void aDirectoryIsReadLikeSummaryDoes() throws Exception {
        LlmRuns.writeLlmRun(dir);
        new TraceBuilder().run("20261121-000000-1-aaaa").writeTo(dir.resolve("20261121-000000-1-aaaa.jsonl"));
        Cli.Result newest = Cli.run("llm", dir.toString());
        assertEquals(0, newest.exitCode(), newest.err());
        assertTrue(newest.out().startsWith("agentdbg LLM report of run " + LlmRuns.RUN_ID + "\n  (newest of 2 runs in "),
                newest.out());
        Cli.Result older = Cli.run("llm", dir.toString(), "--run", "20261121-000000-1-aaaa");
        assertEquals("No LLM or tool calls in run 20261121-000000-1-aaaa: it has no span of kind llm or tool.\n",
                older.out());
        Cli.Result missing = Cli.run("llm", dir.resolve("nope").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("agentdbg-analyzer llm: no such file or directory: " + dir.resolve("nope") + "\n", missing.err());
        Files.writeString(dir.resolve("empty.jsonl"), "");
        Cli.Result empty = Cli.run("llm", dir.resolve("empty.jsonl").toString());
        assertEquals(2, empty.exitCode(), "a file without records is bad input, as for summary");
        assertTrue(empty.err().startsWith("agentdbg-analyzer llm: no trace records could be read from "), empty.err());
    }

    private static List<Long> longs(JsonNode n, String... fields) {
        List<Long> out = new ArrayList<>();
        for (String f : fields) {
            assertTrue(n.path(f).isIntegralNumber(), f + " in " + n);
            out.add(n.path(f).asLong());
        }
        return out;
    }

    private static List<Long> latency(JsonNode n) {
        return longs(n, "p50Nanos", "p95Nanos", "p99Nanos", "maxNanos");
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
