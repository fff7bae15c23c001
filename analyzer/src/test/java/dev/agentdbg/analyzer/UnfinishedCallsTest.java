package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code start} records: calls that began and never ended (a killed or hung run) are shown as RUNNING. */
class UnfinishedCallsTest {

    static final String KILLED_RUN_ID = "20261122-003012-5151-c3d4";
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PLANNER = "53995c3f42cd8ad8";
    static final String LLM = "00f067aa0ba902b7";
    static final String SEARCH = "4ebbd0c6d548d393";
    static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String CALCULATOR = "b7ad6b7169203331";

    static final long PLANNER_START = 48_213_517L;
    static final long SEARCH_START = 1_292_034_412L;
    static final long CALCULATOR_START = 31_507_221_064L;
    static final long CALCULATOR_DUR = 847_221L;
    /** No final stats: the run ends at the latest time the trace names, the end of the calculator span. */
    static final long RUN_END = CALCULATOR_START + CALCULATOR_DUR;

    @TempDir
    Path dir;

    /**
     * A JVM killed while the planner waited on a web search: the planner and the search have a start record and
     * no span; the llm call before them finished. Another thread kept working for half a minute meanwhile.
     */
    static Path writeKilledRun(Path dir) throws Exception {
        return new TraceBuilder()
                .run(KILLED_RUN_ID, 0, 5151, "build-7", "com.acme.research.ResearchDemo --topic \"JVM agents\"")
                .method(1, "com.acme.research.agents.PlannerAgent", "run", "agent", "planner")
                .start(TRACE, PLANNER, null, 1, "main", PLANNER_START)
                .method(2, "com.acme.research.llm.OpenAiClient", "complete", "llm", "openai")
                .start(TRACE, LLM, PLANNER, 2, "main", 50_087_819L)
                .span(TRACE, LLM, PLANNER, 2, "main", 50_087_819L, 1_240_517_904L)
                .method(3, "com.acme.research.tools.WebSearchTool", "search", "tool", "web-search")
                .start(TRACE, SEARCH, PLANNER, 3, "main", SEARCH_START)
                .method(4, "com.acme.research.tools.CalculatorTool", "run", "tool", "calculator")
                .start(OTHER_TRACE, CALCULATOR, null, 4, "pool-1-thread-1", CALCULATOR_START)
                .span(OTHER_TRACE, CALCULATOR, null, 4, "pool-1-thread-1", CALCULATOR_START, CALCULATOR_DUR)
                .writeTo(Files.createDirectories(dir).resolve(KILLED_RUN_ID + ".jsonl"));
    }

    @Test
    void aKilledRunShowsTheCallsThatWereStillRunning() throws Exception {
        Path file = writeKilledRun(dir);
        Cli.Result result = Cli.run("summary", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();

        assertTrue(out.contains("! no final stats record: the JVM did not exit normally (killed?)\n"
                + "  ! 2 calls were still running at the end of the trace: see Unfinished calls\n"), out);
        assertTrue(out.contains("Spans by kind (2 spans, 0 failed, 2 unfinished)\n"
                + "  kind   spans  failed  unfinished\n"
                + "  agent      0       0           1\n"
                + "  llm        1       0           0\n"
                + "  tool       1       0           1\n"
                + "  total      2       0           2\n"), out);
        // The planner never ended: it is the root of its trace, the llm call it made nests under it (not an
        // orphan), and the search it was waiting on is RUNNING too; both for as long as the run went on.
        assertTrue(out.contains("  trace " + TRACE + "  thread main  at +0.000 ms (00:30:12.393 UTC)  STILL RUNNING"
                + " at end of run, after 31.460 s  1 span(s), 0 failed, 2 unfinished\n"
                + "       start  duration  span                     kind   component   status\n"
                + "       0.000  31.460 s  PlannerAgent.run         agent  planner     RUNNING"
                + " (at end of run, 31.460 s)\n"
                + "       1.874   1.241 s    OpenAiClient.complete  llm    openai      ok\n"
                + "    1243.821  30.216 s    WebSearchTool.search   tool   web-search  RUNNING"
                + " (at end of run, 30.216 s)\n"),
                out);
        assertFalse(out.contains("not recorded"), "the llm call's parent is known: it is still running");
        assertTrue(out.contains("Unfinished calls (2)\n"
                + "  started but never ended: still running when the run ended at +31.460 s (00:30:43.853 UTC);"
                + " by trace, outermost first\n\n"
                + "  method                  kind   component   thread  trace     started at"
                + "                      running for\n"
                + "  PlannerAgent.run        agent  planner     main    4bf92f35   +0.000 ms  (00:30:12.393 UTC)"
                + "     31.460 s\n"
                + "    WebSearchTool.search  tool   web-search  main    4bf92f35    +1.244 s  (00:30:13.637 UTC)"
                + "     30.216 s\n"), out);
        assertTrue(out.contains("wall duration         31.460 s (first span start -> last span end)"), out);
        // Unfinished calls are neither failures, nor spans to rank, nor methods that never ran.
        assertTrue(out.contains("\nErrors: none\n"), out);
        assertTrue(out.contains("finished spans only: the 2 unfinished call(s) are under Unfinished calls"), out);
        assertTrue(out.contains("Slowest spans (top 2 of 2 finished spans; unfinished calls are not ranked)"), out);
        assertFalse(out.contains("Instrumented but never called"), out);

        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        assertEquals(2, json.path("spans").path("total").asInt());
        assertEquals(2, json.path("spans").path("unfinished").asInt());
        assertEquals(0, json.path("errors").path("total").asInt());
        assertEquals(TraceBuilder.T0 + RUN_END, json.path("wall").path("endNanos").asLong());
        JsonNode unfinished = json.path("unfinished");
        assertEquals(2, unfinished.size());
        JsonNode planner = unfinished.get(0);
        assertEquals(PLANNER, planner.path("span").asText());
        assertTrue(planner.path("parent").isNull());
        assertEquals("PlannerAgent.run", planner.path("name").asText());
        assertEquals("agent", planner.path("kind").asText());
        assertEquals("planner", planner.path("component").asText());
        assertEquals("main", planner.path("thread").asText());
        assertEquals(0, planner.path("depth").asInt());
        assertEquals(TraceBuilder.T0 + PLANNER_START, planner.path("startNanos").asLong());
        assertEquals(0, planner.path("offsetNanos").asLong());
        assertEquals(RUN_END - PLANNER_START, planner.path("runningNanos").asLong());
        assertEquals("running", planner.path("status").asText());
        JsonNode search = unfinished.get(1);
        assertEquals(SEARCH, search.path("span").asText());
        assertEquals(PLANNER, search.path("parent").asText());
        assertEquals(1, search.path("depth").asInt());
        assertEquals(RUN_END - SEARCH_START, search.path("runningNanos").asLong());
        assertEquals(SEARCH_START - PLANNER_START, search.path("offsetNanos").asLong());

        JsonNode trace = json.path("timeline").path("traces").get(0);
        assertEquals(TRACE, trace.path("trace").asText());
        assertEquals(1, trace.path("spans").asInt());
        assertEquals(2, trace.path("unfinished").asInt());
        assertEquals(RUN_END - PLANNER_START, trace.path("durationNanos").asLong());
        JsonNode lines = trace.path("lines");
        assertEquals(3, lines.size());
        assertEquals("0 PlannerAgent.run running false", line(lines.get(0)));
        assertEquals("1 OpenAiClient.complete ok false", line(lines.get(1)));
        assertEquals("1 WebSearchTool.search running false", line(lines.get(2)));
        assertEquals(RUN_END - SEARCH_START, lines.get(2).path("durationNanos").asLong());
        for (JsonNode row : json.path("breakdown").path("byKind")) {
            assertFalse(row.path("name").asText().equals("agent"), "the unfinished planner has no duration to add");
        }
        assertEquals(0, json.path("neverCalled").size());
    }

    @Test
    void withoutTheTimelineTheUnfinishedCallsAreStillListed() throws Exception {
        Path file = writeKilledRun(dir);
        String out = Cli.run("summary", file.toString(), "--no-timeline").out();
        assertFalse(out.contains("Timeline"));
        assertTrue(out.contains("Unfinished calls (2)"), out);
        assertTrue(out.contains("    WebSearchTool.search  tool   web-search  main    4bf92f35    +1.244 s"), out);
    }

    /**
     * The sample has a start record for each of its agent, llm and tool calls, as the agent writes
     * them. With those removed (a trace of only spans) the report must be the same: start records of
     * finished calls change nothing.
     */
    @Test
    void startRecordsOfFinishedCallsChangeNothing() throws Exception {
        List<String> withoutStartLines = new ArrayList<>();
        int startCount = 0;
        for (String line : Traces.sampleLines()) {
            if ("start".equals(Traces.parse(line).path("type").asText())) {
                startCount++;
            } else {
                withoutStartLines.add(line);
            }
        }
        assertEquals(12, startCount, "every span but the chain's has a start record");
        Path withoutStarts = Traces.write(dir.resolve("without-starts.jsonl"), withoutStartLines);

        String after = Cli.run("summary", Traces.sample().toString()).out()
                .replace(Traces.sample().toString(), "trace.jsonl");
        Cli.Result before = Cli.run("summary", withoutStarts.toString());
        assertEquals(0, before.exitCode(), before.err());
        assertEquals(before.out().replace(withoutStarts.toString(), "trace.jsonl").replace("(part 0, 23 lines)", "(part 0, 35 lines)"),
                after);

        ObjectNode jsonBefore = (ObjectNode) Traces.parse(Cli.run("summary", withoutStarts.toString(), "--json")
                .out().replace(withoutStarts.toString(), "trace.jsonl"));
        ObjectNode jsonAfter = (ObjectNode) Traces.parse(Cli.run("summary", Traces.sample().toString(), "--json").out()
                .replace(Traces.sample().toString(), "trace.jsonl"));
        ((ObjectNode) jsonAfter.path("input").path("files").get(0)).put("lines", 23);
        assertEquals(jsonBefore, jsonAfter);
        assertEquals(0, jsonAfter.path("spans").path("unfinished").asInt());
        assertEquals(0, jsonAfter.path("unfinished").size());
    }

    @Test
    void aStartInOnePartAndItsSpanInTheNextIsFinished() throws Exception {
        // Part 0 closes (rotation) while the planner runs; its span is in part 1.
        new TraceBuilder().run("rot")
                .method(1, "com.acme.Planner", "run", "agent", "planner")
                .method(2, "com.acme.Llm", "complete", "llm", "llm")
                .start(1, 0x1, 0, 1, 0)
                .start(1, 0x2, 0x1, 2, 1_000_000)
                .span(1, 0x2, 0x1, 2, 1_000_000, 3_000_000)
                .rotationStats(10_000_000, 1)
                .writeTo(dir.resolve("rot.jsonl"));
        new TraceBuilder().run("rot", 1, 7, "test", "com.acme.Test")
                .method(1, "com.acme.Planner", "run", "agent", "planner")
                .span(1, 0x1, 0, 1, 0, 20_000_000)
                .stats(2, 0, 0)
                .writeTo(dir.resolve("rot.1.jsonl"));

        Cli.Result result = Cli.run("summary", dir.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertFalse(out.contains("nfinished"), out);
        assertFalse(out.contains("RUNNING"), out);
        assertTrue(out.contains("Spans by kind (2 spans, 0 failed)\n"), out);
        assertTrue(out.contains("    0.000   20.0 ms  Planner.run     agent  planner    ok\n"
                + "    1.000  3.000 ms    Llm.complete  llm    llm        ok\n"), out);
        JsonNode json = Traces.parse(Cli.run("summary", dir.toString(), "--json").out());
        assertEquals(0, json.path("unfinished").size());
        assertEquals(0, json.path("warnings").size(), json.path("warnings").toString());

        // Part 0 alone: the planner looks unfinished, and the run ends with the rotation's stats record.
        JsonNode part0 = Traces.parse(Cli.run("summary", dir.resolve("rot.jsonl").toString(), "--json").out());
        assertEquals(1, part0.path("unfinished").size());
        assertEquals(10_000_000, part0.path("unfinished").get(0).path("runningNanos").asLong());
        assertEquals("first span start -> latest time in the trace", part0.path("wall").path("basis").asText());
    }

    @Test
    void anInvalidStartRecordIsSkippedAndNamed() throws Exception {
        String trace = "\"trace\":\"" + TRACE + "\"";
        Path file = new TraceBuilder().run("bad")
                .method(1, "com.acme.Planner", "run", "agent", "planner")
                .line("{\"type\":\"start\"," + trace + ",\"span\":\"00000000000000a1\",\"method\":1,"
                        + "\"thread\":\"main\"}")
                .line("{\"type\":\"start\"," + trace + ",\"span\":\"A1\",\"method\":1,\"start\":1}")
                .line("{\"type\":\"start\"," + trace + ",\"span\":\"00000000000000a3\",\"start\":1}")
                .line("{\"type\":\"start\",\"trace\":\"xyz\",\"span\":\"00000000000000a4\",\"method\":1,\"start\":1}")
                .line("{\"type\":\"start\"," + trace + ",\"span\":\"00000000000000a5\",\"parent\":\"0000000000000000\","
                        + "\"method\":1,\"start\":1}")
                .span(1, 0x1, 0, 1, 0, 1_000)
                .stats(1, 0, 0)
                .writeTo(dir.resolve("bad.jsonl"));

        Cli.Result result = Cli.run("summary", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("lines skipped         5 (see warnings)"), out);
        assertTrue(out.contains("! skipped line 3 of bad.jsonl: invalid start record: missing 'start'\n"
                + "  ! skipped line 4 of bad.jsonl: invalid start record: 'span' is not 16 lowercase hex digits\n"
                + "  ! skipped line 5 of bad.jsonl: invalid start record: missing 'method'\n"
                + "  ! skipped line 6 of bad.jsonl: invalid start record: 'trace' is not 32 lowercase hex digits\n"
                + "  ! skipped line 7 of bad.jsonl: invalid start record: 'parent' is all zeros\n"), out);
        assertFalse(out.contains("nfinished"), "a skipped start is no unfinished call");
        assertTrue(out.contains("Spans by kind (1 spans, 0 failed)"), out);
    }

    @Test
    void aRunKilledBeforeAnyCallEndedStillShowsItsTrace() throws Exception {
        Path file = new TraceBuilder().run("early")
                .method(1, "com.acme.Planner", "run", "agent", "planner")
                .method(2, "com.acme.Llm", "complete", "llm", "llm")
                .start(1, 0x1, 0, 1, 10_000_000)
                .start(1, 0x2, 0x1, 2, 25_000_000)
                .writeTo(dir.resolve("early.jsonl"));
        Cli.Result result = Cli.run("summary", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("wall duration         15.0 ms (first span start -> latest time in the trace)"), out);
        assertTrue(out.contains("Spans by kind (0 spans, 0 failed, 2 unfinished)"), out);
        assertTrue(out.contains("Timeline (1 traces; start is ms from the trace start)"), out);
        assertTrue(out.contains("STILL RUNNING at end of run, after 15.0 ms  0 span(s), 0 failed, 2 unfinished"), out);
        assertTrue(out.contains(
                "     0.000   15.0 ms  Planner.run     agent  planner    RUNNING (at end of run, 15.0 ms)\n"
                + "    15.000  0.000 ms    Llm.complete  llm    llm        RUNNING (at end of run, 0.000 ms)\n"), out);
        assertFalse(out.contains("Instrumented but never called"), out);
    }

    @Test
    void callsStillRunningAtANormalExitEndWithTheFinalStats() throws Exception {
        Path file = new TraceBuilder().run("daemon")
                .method(1, "com.acme.Poller", "poll", "tool", "poller")
                .method(2, "com.acme.Planner", "run", "agent", "planner")
                .start(2, 0x20, 0, 1, 5_000_000_000L) // a daemon thread, still polling at exit
                .start(1, 0x10, 0, 2, 0)
                .span(1, 0x10, 0, 2, 0, 1_000_000_000L)
                .stats(1, 1, 0) // final, at T0 + 60 s; one span was dropped
                .writeTo(dir.resolve("daemon.jsonl"));
        Cli.Result result = Cli.run("summary", file.toString(), "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = Traces.parse(result.out());
        assertEquals(55_000_000_000L, json.path("unfinished").get(0).path("runningNanos").asLong());
        assertEquals("1 call was still running when the JVM exited (daemon threads, or System.exit() in a call)"
                + " (spans were dropped: it may have ended without a span record): see Unfinished calls",
                json.path("warnings").get(1).asText(), json.path("warnings").toString());
        String out = Cli.run("summary", file.toString()).out();
        assertTrue(out.contains("  Poller.poll  tool  poller     main    00000000    +5.000 s  (00:30:17.345 UTC)"
                + "     55.000 s\n"), out);
        assertTrue(out.contains("  trace 00000000000000000000000000000002  thread main  at +5.000 s (00:30:17.345 UTC)"
                + "  STILL RUNNING at end of run, after 55.000 s  0 span(s), 0 failed, 1 unfinished\n"), out);
    }

    private static String line(JsonNode line) {
        return line.path("depth").asInt() + " " + line.path("name").asText() + " " + line.path("status").asText()
                + " " + line.path("orphan").asBoolean();
    }
}
