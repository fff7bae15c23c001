package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases the golden sample does not contain: orphans, huge traces, many traces, drops, odd clocks. */
class SyntheticTraceTest {

    @TempDir
    Path dir;

    @Test
    void aSpanWhoseParentIsMissingIsShownAsARoot() throws Exception {
        Path file = new TraceBuilder().run("r1")
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Llm", "complete", "llm", "llm")
                .span(1, 0x11, 0x99, 2, 1_000_000, 5_000_000) // parent 0x99 was dropped
                .span(1, 0x12, 0x13, 2, 9_000_000, 1_000_000)
                .span(1, 0x13, 0, 1, 8_000_000, 3_000_000)
                .stats(3, 1, 0)
                .writeTo(dir.resolve("r1.jsonl"));
        Cli.Result result = Cli.run("summary", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("Llm.complete (parent 0000000000000099 not recorded)"), out);
        assertTrue(out.matches("(?s).*\\n +0\\.000 +5\\.000 ms +Llm\\.complete \\(parent.*\\n +7\\.000 +3\\.000 ms"
                + " +Agent\\.run .*\\n +8\\.000 +1\\.000 ms +  Llm\\.complete .*"), out);
        assertTrue(out.contains("dropped               1   <- WARNING: spans were lost"));
        assertTrue(out.contains("! 1 span(s) were dropped (ring buffer full or writer failed)"));
    }

    @Test
    void dropsAreExplainedByTheirCausesAndTheMemoryBudgetIsShown() throws Exception {
        Path file = new TraceBuilder().run("r2")
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .span(1, 0x13, 0, 1, 8_000_000, 3_000_000)
                .stats(1, 7, 0)
                .set("memoryMax", 8L << 20).set("memoryPeak", 8L << 20)
                .set("droppedByMemory", 5).set("droppedAtExit", 1)
                .writeTo(dir.resolve("r2.jsonl"));
        String out = Cli.run("summary", file.toString()).out();
        assertTrue(out.contains("! 7 span(s) were dropped (5 over the memory budget, agentdbg.memory.max;"
                + " 1 unwritten when agentdbg.shutdown.timeout ran out at exit; 1 ring buffer full or writer failed)"),
                out);
        assertTrue(out.contains("agent memory          peak 8.0 MB of 8.0 MB (agentdbg.memory.max)"), out);
        JsonNode stats = Traces.parse(Cli.run("summary", file.toString(), "--json").out()).path("agentStats");
        assertEquals(5, stats.path("droppedByMemory").asLong(), stats.toString());
        assertEquals(8L << 20, stats.path("memoryMax").asLong(), stats.toString());
    }

    @Test
    void largeTracesAndManyTracesAreCapped() throws Exception {
        TraceBuilder b = new TraceBuilder().run("big")
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Tool", "call", "tool", "tool");
        for (int i = 0; i < 300; i++) {
            b.span(1, 1000 + i, 1, 2, 10L * i + 1, 5);
        }
        b.span(1, 1, 0, 1, 0, 10_000);
        for (int t = 2; t <= 4; t++) {
            b.span(t, t * 10_000L, 0, 1, t * 100_000L, 10);
        }
        Path file = b.stats(304, 0, 0).writeTo(dir.resolve("big.jsonl"));

        String out = Cli.run("summary", file.toString(), "--max-traces", "2", "--slowest-traces", "0").out();
        assertTrue(out.contains("Timeline (2 of 4 traces: the first 2, the first 10 failing;"), out);
        assertTrue(out.contains("  ... 101 more span(s) in this trace (raise --max-lines)"), out);
        assertTrue(out.contains("  ... 2 more trace(s) (raise --max-traces)"), out);

        JsonNode all = Traces.parse(Cli.run("summary", file.toString(), "--json", "--max-lines", "0",
                "--max-traces", "0").out());
        assertEquals(4, all.path("timeline").path("traces").size());
        assertEquals(301, all.path("timeline").path("traces").get(0).path("lines").size());
        assertEquals(0, all.path("timeline").path("traces").get(0).path("hiddenSpans").asInt());
    }

    @Test
    void aLargeRunShowsTheFirstTheSlowestAndTheFailingTracesWholeAndCountsTheRest() throws Exception {
        TraceBuilder b = new TraceBuilder().run("many")
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Tool", "call", "tool", "tool");
        for (int t = 1; t <= 20; t++) {
            long start = t * 1_000_000L;
            b.span(t, t * 100L + 1, t * 100L, 2, start + 10, 50);
            if (t == 12) {
                b.failed("java.io.IOException", "search backend down");
            }
            b.span(t, t * 100L, 0, 1, start, t == 15 ? 900_000 : 1_000);
        }
        Path file = b.stats(40, 0, 0).writeTo(dir.resolve("many.jsonl"));

        String out = Cli.run("summary", file.toString(), "--max-traces", "2", "--slowest-traces", "1").out();
        assertTrue(out.contains("Timeline (4 of 20 traces: the first 2, the 1 slowest, the first 10 failing;"), out);
        assertTrue(out.contains(String.format("trace %032x", 1)) && out.contains(String.format("trace %032x", 2)), out);
        assertTrue(out.lines().anyMatch(l -> l.contains(String.format("trace %032x", 12)) && l.endsWith("[failing]")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.contains(String.format("trace %032x", 15))
                && l.endsWith("[one of the slowest]")), out);
        assertFalse(out.contains(String.format("trace %032x", 3)), out);
        assertTrue(out.contains("  ... 16 more trace(s) (raise --max-traces)"), out);

        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json", "--max-traces", "2",
                "--slowest-traces", "1", "--failing-traces", "0").out()).path("timeline");
        assertEquals(20, json.path("totalTraces").asInt());
        assertEquals(1, json.path("failingTraces").asInt());
        assertEquals(1, json.path("hiddenFailing").asInt(), "the failing trace is not shown without --failing-traces");
        assertEquals(17, json.path("hiddenTraces").asInt());
        assertEquals("[\"slowest\"]", json.path("traces").get(2).path("shownAs").toString());
    }

    @Test
    void selfTimeNeverGoesNegative() throws Exception {
        Path file = new TraceBuilder().run("odd")
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Llm", "complete", "llm", "llm")
                .span(1, 2, 1, 2, 0, 8_000)
                .span(1, 3, 1, 2, 0, 8_000)
                .span(1, 1, 0, 1, 0, 10_000)
                .stats(3, 0, 0)
                .writeTo(dir.resolve("odd.jsonl"));
        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        for (JsonNode row : json.path("breakdown").path("byMethod")) {
            if (row.path("name").asText().equals("Agent.run")) {
                assertEquals(0, row.path("selfNanos").asLong());
            }
        }
    }

    @Test
    void noTimelineLeavesItOutAndUnknownMethodsAreFlagged() throws Exception {
        Path file = new TraceBuilder().run("r2")
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .span(1, 1, 0, 7, 0, 1_000)
                .stats(1, 0, 2)
                .writeTo(dir.resolve("r2.jsonl"));
        Cli.Result result = Cli.run("summary", file.toString(), "--no-timeline");
        assertEquals(0, result.exitCode(), result.err());
        assertFalse(result.out().contains("Timeline"));
        assertTrue(result.out().contains("! 1 span(s) refer to a method id that no method record describes"));
        assertTrue(result.out().contains("internal errors       2   <- WARNING: agent faults"));
        assertTrue(result.out().contains("unknown method #7"));
        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--no-timeline", "--json").out());
        assertTrue(json.path("timeline").isNull());
        assertEquals("unknown", json.path("spans").path("byKind").fieldNames().next());
    }
}
