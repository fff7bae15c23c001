package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work handed to other threads ({@code async}) and children overlapping in time: timeline markers, Parallel work. */
class ParallelWorkTest {

    static final String RUN_ID = "20261122-003012-6262-e5f6";
    static final String TRACE = "5a1ec7ab1e0f4e1d9c3b2a1908f7e6d5";
    static final String AGENT = "1000000000000001";
    static final String LLM = "1000000000000002";
    static final String SEARCH_1 = "1000000000000003";
    static final String READER = "1000000000000004";
    static final String SEARCH_2 = "1000000000000005";
    static final String SEQUENTIAL_TRACE = "6b2fd8bc2f1a5f2eac4c3b2a19a8f7e6";
    static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /**
     * A research agent on main asks the llm, then hands three tool calls to a pool of two threads: a web search on
     * thread 1 (10-70 ms) beside a file read (11-51 ms) then a second search (52-97 ms) on thread 2. The agent takes
     * 100 ms; its children 9 + 60 + 40 + 45 = 154 ms: parallelism 1.54. A second trace is purely sequential.
     */
    static Path writeParallelRun(Path dir) throws Exception {
        return new TraceBuilder()
                .run(RUN_ID, 0, 6262, "build-7", "com.acme.research.ResearchDemo --parallel")
                .method(1, "com.acme.research.agents.ResearchAgent", "run", "agent", "research")
                .method(2, "com.acme.research.llm.OpenAiClient", "complete", "llm", "openai")
                .method(3, "com.acme.research.tools.WebSearchTool", "search", "tool", "web-search")
                .method(4, "com.acme.research.tools.FileReaderTool", "run", "tool", "file-reader")
                .span(TRACE, LLM, AGENT, 2, "main", 1 * MS, 9 * MS)
                .asyncSpan(TRACE, READER, AGENT, 4, "pool-1-thread-2", 11 * MS, 40 * MS)
                .asyncSpan(TRACE, SEARCH_1, AGENT, 3, "pool-1-thread-1", 10 * MS, 60 * MS)
                .asyncSpan(TRACE, SEARCH_2, AGENT, 3, "pool-1-thread-2", 52 * MS, 45 * MS)
                .span(TRACE, AGENT, null, 1, "main", 0, 100 * MS)
                .span(SEQUENTIAL_TRACE, "2000000000000002", "2000000000000001", 2, "main", 201 * MS, 30 * MS)
                .span(SEQUENTIAL_TRACE, "2000000000000003", "2000000000000001", 3, "main", 232 * MS, 20 * MS)
                .span(SEQUENTIAL_TRACE, "2000000000000001", null, 1, "main", 200 * MS, 60 * MS)
                .stats(8, 0, 0)
                .writeTo(Files.createDirectories(dir).resolve(RUN_ID + ".jsonl"));
    }

    @Test
    void asyncChildrenAreMarkedAndOverlapsShown() throws Exception {
        Path file = writeParallelRun(dir);
        Cli.Result result = Cli.run("summary", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.chars().allMatch(c -> c < 128), "ASCII only:\n" + out);
        assertTrue(out.contains("Timeline (2 traces; start is ms from the trace start)\n"
                + "  => ran on another thread [thread], handed over by its parent; || overlaps a sibling in time"
                + " (parallel)\n"), out);
        // Siblings stay in start order; the llm call ended before the fan-out, so it is not marked.
        assertTrue(out.contains(""
                + "     start  duration  span                                            kind   component    status\n"
                + "     0.000  100.0 ms  ResearchAgent.run                               agent  research     ok\n"
                + "     1.000  9.000 ms    OpenAiClient.complete                         llm    openai       ok\n"
                + "    10.000   60.0 ms    || => WebSearchTool.search [pool-1-thread-1]  tool   web-search   ok\n"
                + "    11.000   40.0 ms    || => FileReaderTool.run [pool-1-thread-2]    tool   file-reader  ok\n"
                + "    52.000   45.0 ms    || => WebSearchTool.search [pool-1-thread-2]  tool   web-search   ok\n"),
                out);
        // The sequential trace has no marker.
        assertTrue(out.contains("    32.000   20.0 ms    WebSearchTool.search   tool   web-search  ok\n"), out);
        assertTrue(out.contains("\nParallel work (1 agent span(s) whose children ran on other threads or overlapped)\n"
                + "  wall = the span's own duration; children = the sum of its direct children's durations;"
                + " parallelism = children / wall\n"
                + "\n"
                + "  span               trace            at      wall      children  parallelism  async"
                + "  threads\n"
                + "  ResearchAgent.run  5a1ec7ab  +0.000 ms  100.0 ms  154.0 ms (4)        1.54x    3/4"
                + "  pool-1-thread-1, pool-1-thread-2\n"
                + "\nTime (ms) by kind"), out);
    }

    @Test
    void jsonCarriesAsyncLinesAndTheParallelSpans() throws Exception {
        Path file = writeParallelRun(dir);
        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        assertEquals(1, json.path("parallelTotal").asInt());
        assertEquals(1, json.path("parallel").size());
        JsonNode p = json.path("parallel").get(0);
        assertEquals(TRACE, p.path("trace").asText());
        assertEquals(AGENT, p.path("span").asText());
        assertEquals("ResearchAgent.run", p.path("name").asText());
        assertEquals(100 * MS, p.path("wallNanos").asLong());
        assertEquals(154 * MS, p.path("childrenNanos").asLong());
        assertEquals(4, p.path("children").asInt());
        assertEquals(1.54, p.path("parallelism").asDouble(), 1e-9);
        assertEquals(3, p.path("asyncChildren").asInt());
        assertTrue(p.path("overlapping").asBoolean());
        assertEquals(List.of("pool-1-thread-1", "pool-1-thread-2"), texts(p.path("threads")));

        JsonNode lines = json.path("timeline").path("traces").get(0).path("lines");
        List<String> marks = new ArrayList<>();
        for (JsonNode line : lines) {
            marks.add(line.path("name").asText() + " " + line.path("thread").asText() + " async="
                    + line.path("async").asBoolean() + " parallel=" + line.path("parallel").asBoolean());
        }
        assertEquals(List.of(
                "ResearchAgent.run main async=false parallel=false",
                "OpenAiClient.complete main async=false parallel=false",
                "WebSearchTool.search pool-1-thread-1 async=true parallel=true",
                "FileReaderTool.run pool-1-thread-2 async=true parallel=true",
                "WebSearchTool.search pool-1-thread-2 async=true parallel=true"), marks);
    }

    @Test
    void asyncChildrenThatDoNotOverlapStillCountAndUnfinishedAsyncCallsAreMarked() throws Exception {
        // One task handed over and awaited at a time: nothing overlaps, but the work ran on another thread.
        Path file = new TraceBuilder()
                .run(RUN_ID)
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Tool", "run", "tool", "tool")
                .asyncSpan(TRACE, LLM, AGENT, 2, "worker", 1 * MS, 4 * MS)
                .line("{\"type\":\"start\",\"trace\":\"" + TRACE + "\",\"span\":\"" + SEARCH_2 + "\",\"parent\":\""
                        + AGENT + "\",\"method\":2,\"thread\":\"worker-2\",\"threadId\":24,\"start\":"
                        + (TraceBuilder.T0 + 7 * MS) + ",\"async\":true}")
                .span(TRACE, AGENT, null, 1, "main", 0, 10 * MS)
                .writeTo(dir.resolve("run.jsonl"));
        String out = Cli.run("summary", file.toString()).out();
        assertTrue(out.contains("  Agent.run  5a1ec7ab  +0.000 ms  10.0 ms  4.000 ms (1)        0.40x    1/1  worker\n"),
                out);
        // A start record carries async too: the call still running is shown as handed over.
        assertTrue(out.contains("    7.000  3.000 ms    => Tool.run [worker-2]  tool   tool       RUNNING"), out);
        assertTrue(out.contains("    1.000  4.000 ms    => Tool.run [worker]    tool   tool       ok\n"), out);
        assertFalse(out.contains("    || "), out);
    }

    @Test
    void theListIsCappedAtTwentyMostParallelFirst() throws Exception {
        TraceBuilder b = new TraceBuilder().run(RUN_ID)
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Tool", "run", "tool", "tool");
        for (int i = 1; i <= 25; i++) {
            String trace = String.format("%032x", i);
            long t = i * 1000 * MS;
            // Agent i: 100 ms wall, two parallel children of i ms each.
            b.asyncSpan(trace, String.format("%016x", 2 * i), String.format("%016x", 1000 + i), 2, "pool-1-thread-1",
                    t + 1 * MS, i * MS);
            b.asyncSpan(trace, String.format("%016x", 2 * i + 1), String.format("%016x", 1000 + i), 2,
                    "pool-1-thread-2", t + 1 * MS, i * MS);
            b.span(trace, String.format("%016x", 1000 + i), null, 1, "main", t, 100 * MS);
        }
        Path file = b.writeTo(dir.resolve("many.jsonl"));
        String out = Cli.run("summary", file.toString(), "--no-timeline").out();
        assertTrue(out.contains("Parallel work (top 20 of 25 agent span(s)"), out);
        assertTrue(out.contains("  ... 5 more agent span(s)\n"), out);
        assertTrue(out.indexOf("0.50x") < out.indexOf("0.48x") && out.indexOf("0.12x") > 0, out);
        assertFalse(out.contains("0.10x"), out);
        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json", "--no-timeline").out());
        assertEquals(25, json.path("parallelTotal").asInt());
        assertEquals(20, json.path("parallel").size());
        assertEquals(0.5, json.path("parallel").get(0).path("parallelism").asDouble(), 1e-9);
    }

    /**
     * Regression guard: the golden sample is sequential and has no GenAI attributes, so its report is exactly what
     * it was before, but for the LLM totals (its llm and tool spans) and the fields added since.
     */
    @Test
    void aSequentialRunIsReportedAsBefore() throws Exception {
        String sample = Traces.sample().toString();
        String text = Cli.run("summary", sample).out().replace(sample, "docs/sample-trace.jsonl");
        String llmBlock = "\nLLM\n"
                + "  llm calls             4 (0 failed)\n"
                + "  tokens                not reported (no gen_ai.usage attributes)\n"
                + "  estimated cost        n/a\n"
                + "  tool calls            5 (1 failed)\n";
        assertTrue(text.contains(llmBlock), text);
        assertEquals(resource("regression/sample-summary.txt"), text.replace(llmBlock, ""));
        assertFalse(text.contains("Parallel work") || text.contains("=>") || text.contains("||"), text);

        ObjectNode json = (ObjectNode) Traces.parse(Cli.run("summary", sample, "--json").out()
                .replace(sample, "docs/sample-trace.jsonl"));
        assertEquals(0, json.path("parallel").size());
        assertEquals(0, json.path("parallelTotal").asInt());
        assertEquals(4, json.path("llm").path("calls").asInt());
        assertEquals(0, json.path("input").path("valuesIgnored").asInt());
        assertTrue(json.path("replay").isNull(), "a traced run has no replay facts");
        assertEquals("trace", json.path("run").path("mode").asText());
        assertTrue(json.path("run").path("replayOf").isNull());
        json.remove(List.of("parallel", "parallelTotal", "llm", "replay"));
        ((ObjectNode) json.path("run")).remove(List.of("mode", "replayOf"));
        ((ObjectNode) json.path("input")).remove("valuesIgnored");
        for (JsonNode row : json.path("breakdown").path("byMethod")) {
            assertTrue(row.path("agentName").isNull() && row.path("toolName").isNull(), row.toString());
            ((ObjectNode) row).remove(List.of("agentName", "toolName"));
        }
        for (JsonNode span : json.path("slowest")) {
            assertTrue(span.path("attrs").isNull());
            assertFalse(span.path("replayed").asBoolean(true));
            ((ObjectNode) span).remove(List.of("attrs", "replayed"));
        }
        for (JsonNode span : json.path("errors").path("listed")) {
            assertTrue(span.path("attrs").isNull());
            assertFalse(span.path("replayed").asBoolean(true));
            ((ObjectNode) span).remove(List.of("attrs", "replayed"));
        }
        // Fields added with the bounded timeline: every trace of a small run is shown.
        ObjectNode timeline = (ObjectNode) json.path("timeline");
        assertEquals(0, timeline.path("hiddenTraces").asInt(-1));
        timeline.remove(List.of("failingTraces", "hiddenTraces", "hiddenFailing", "chosen"));
        for (JsonNode trace : json.path("timeline").path("traces")) {
            assertTrue(trace.path("shownAs").toString().contains("first"), trace.toString());
            ((ObjectNode) trace).remove("shownAs");
            for (JsonNode line : trace.path("lines")) {
                assertFalse(line.path("async").asBoolean(true));
                assertFalse(line.path("parallel").asBoolean(true));
                assertTrue(line.path("attrs").isNull());
                assertFalse(line.path("replayed").asBoolean(true));
                ((ObjectNode) line).remove(List.of("thread", "async", "parallel", "attrs", "replayed"));
            }
        }
        assertEquals(Traces.parse(resource("regression/sample-summary.json")), json);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = ParallelWorkTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
