package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slow}: spans over a threshold, their LLM wait, tool time and own time, the run total, damaged input. */
class SlowCommandTest {

    static final long MS = 1_000_000L;
    static final String DEMO_RUN = "20261202-010135-26066-ac42";
    static final String REPLAY_RUN = "20261202-010143-26161-e351";

    @TempDir
    Path dir;

    static Path demo() throws Exception {
        return Path.of(SlowCommandTest.class.getResource("/demo/" + DEMO_RUN + ".jsonl").toURI());
    }

    private static JsonNode json(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.exitCode(), r.err());
        return Traces.parse(r.out());
    }

    private static JsonNode span(JsonNode doc, String id) {
        for (JsonNode s : doc.path("spans")) {
            if (s.path("span").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no span " + id + " in " + doc);
    }

    /** Every span's parts add up to its duration, the total's to the wall time. */
    private static void partsAddUp(JsonNode doc) {
        for (JsonNode s : doc.path("spans")) {
            assertEquals(s.path("durNanos").asLong(), s.path("llmNanos").asLong() + s.path("toolNanos").asLong()
                    + s.path("ownNanos").asLong(), s.toString());
            assertTrue(s.path("ownNanos").asLong() >= 0 && s.path("toolNanos").asLong() >= 0, s.toString());
        }
        JsonNode t = doc.path("total");
        assertEquals(t.path("wallNanos").asLong(), t.path("llmNanos").asLong() + t.path("toolNanos").asLong()
                + t.path("ownNanos").asLong(), t.toString());
    }

    @Test
    void goldenSampleSaysTheLlmTookThePlannersTimeAndItsToolsRanOneAfterAnother() {
        Cli.Result r = Cli.run("slow", Traces.sample().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        String out = r.out();
        assertTrue(out.startsWith("agentdbg slow spans of run " + Traces.RUN_ID + "\n"), out);
        assertTrue(out.contains("  LLM wait     4.966 s    84%\n"), out);
        assertTrue(out.contains("Slow spans (7 of 13 spans at or over their method's p95)\n"), out);
        assertTrue(out.contains("  53995c3f42cd8ad8  PlannerAgent.run       agent  +0.000 ms   5.057 s   5.057 s   81%"
                + "    14%    5%  LLM was slow\n"), out);
        assertTrue(out.contains("  53995c3f42cd8ad8  PlannerAgent.run: 4 tool calls, none overlapping; in parallel"
                + " up to 323.5 ms less\n"), out);
        assertFalse(out.contains("Left out"), out);

        JsonNode doc = json("slow", Traces.sample().toString(), "--json");
        partsAddUp(doc);
        assertEquals(7, doc.path("slowSpans").asInt());
        assertEquals(13, doc.path("spansConsidered").asInt());
        JsonNode planner = span(doc, Traces.PLANNER_SPAN);
        assertEquals("llm", planner.path("verdict").asText());
        assertEquals(4, planner.path("toolCalls").asInt());
        assertTrue(planner.path("serialTools").asBoolean());
        assertEquals(0, doc.path("cut").path("orphanParents").asInt());
    }

    @Test
    void filtersTopAndAnAbsoluteThreshold() {
        JsonNode doc = json("slow", Traces.sample().toString(), "--kind", "agent", "--threshold", "1s", "--json");
        assertEquals(2, doc.path("slowSpans").asInt());
        for (JsonNode s : doc.path("spans")) {
            assertEquals("agent", s.path("kind").asText());
            assertEquals(1_000_000_000L, s.path("thresholdNanos").asLong());
        }
        assertEquals(1_000_000_000L, doc.path("threshold").path("nanos").asLong());
        assertTrue(doc.path("threshold").path("percentile").isNull());

        JsonNode top = json("slow", Traces.sample().toString(), "--top", "1", "--json");
        assertEquals(7, top.path("slowSpans").asInt());
        assertEquals(1, top.path("spans").size());
        assertEquals(Traces.PLANNER_SPAN, top.path("spans").get(0).path("span").asText());

        // p50: more spans are slow than at p95
        assertTrue(json("slow", Traces.sample().toString(), "--threshold", "p50", "--json").path("slowSpans").asInt()
                >= 7);
    }

    @Test
    void demoTraceCountsTheStreamOnAnotherThreadByItsOverlapWithTheAgent() throws Exception {
        Cli.Result r = Cli.run("slow", demo().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  d47f59642a198850  SummarizerAgent.run"), r.out());
        JsonNode doc = json("slow", demo().toString(), "--json");
        partsAddUp(doc);
        // The stream ran on llm-stream-1, inside SummarizerAgent.run: its overlap with the agent is LLM wait.
        JsonNode summarizer = span(doc, "d47f59642a198850");
        assertEquals("llm", summarizer.path("verdict").asText());
        long overlap = Math.min(1796173302920094418L + 102783369L, 1796173302922709034L + 97697575L)
                - Math.max(1796173302920094418L, 1796173302922709034L);
        assertEquals(overlap, summarizer.path("llmNanos").asLong());
        // Tool calls on tool-pool threads, under ToolExecutor.execute (async): counted by the planner.
        JsonNode planner = span(doc, "3f6f2a554043c790");
        assertTrue(planner.path("toolNanos").asLong() > 0, planner.toString());
        JsonNode executor = span(doc, "05373c5f237f38ef");
        assertTrue(executor.path("serialTools").asBoolean(), executor.toString());
        assertEquals(2, executor.path("toolCalls").asInt());
        assertEquals(0, doc.path("cut").path("orphanParents").asInt());
        assertEquals(2, doc.path("total").path("roots").asInt());

        // A directory with the recording and its replay: the newest run (the replay) unless --run picks one.
        Path traces = Files.createDirectories(dir.resolve("agentdbg-traces"));
        Files.copy(demo(), traces.resolve(DEMO_RUN + ".jsonl"));
        Files.copy(demo().resolveSibling(REPLAY_RUN + ".jsonl"), traces.resolve(REPLAY_RUN + ".jsonl"));
        Cli.Result newest = Cli.run("slow", traces.toString());
        assertTrue(newest.out().startsWith("agentdbg slow spans of run " + REPLAY_RUN + "\n  (newest of 2 runs in "
                + traces + "; others: " + DEMO_RUN), newest.out());
        assertEquals(doc.path("total"), json("slow", traces.toString(), "--run", DEMO_RUN, "--json").path("total"));

        JsonNode agents = json("slow", demo().toString(), "--kind", "agent", "--threshold", "0", "--json");
        assertEquals(4, agents.path("slowSpans").asInt());
    }

    @Test
    void asyncChildrenCountByTheirOverlapNotTheirSum() throws Exception {
        Path file = ParallelWorkTest.writeParallelRun(dir);
        JsonNode doc = json("slow", file.toString(), "--threshold", "50ms", "--kind", "agent", "--json");
        partsAddUp(doc);
        JsonNode agent = span(doc, ParallelWorkTest.AGENT);
        // LLM 1-10 ms; tools 11-51, 10-70 and 52-97 ms on two threads: 145 ms summed, 87 ms of the span's 100.
        assertEquals(9 * MS, agent.path("llmNanos").asLong());
        assertEquals(87 * MS, agent.path("toolNanos").asLong());
        assertEquals(4 * MS, agent.path("ownNanos").asLong());
        assertEquals("tools", agent.path("verdict").asText());
        assertFalse(agent.path("serialTools").asBoolean());
        JsonNode sequential = span(doc, "2000000000000001");
        assertEquals("llm", sequential.path("verdict").asText());
        assertEquals(30 * MS, sequential.path("llmNanos").asLong());
        assertEquals(20 * MS, sequential.path("toolNanos").asLong());
    }

    @Test
    void toolsOneAfterAnotherAreCalledSerial() throws Exception {
        String trace = "7c3fd8bc2f1a5f2eac4c3b2a19a8f7e6";
        Path file = new TraceBuilder().run("20261122-003012-7777-abcd")
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Search", "run", "tool", "search")
                .span(trace, "0000000000000002", "0000000000000001", 2, "main", 0, 30 * MS)
                .span(trace, "0000000000000003", "0000000000000001", 2, "main", 30 * MS, 30 * MS)
                .span(trace, "0000000000000004", "0000000000000001", 2, "main", 60 * MS, 30 * MS)
                .span(trace, "0000000000000001", null, 1, "main", 0, 100 * MS)
                .writeTo(dir.resolve("serial.jsonl"));
        JsonNode agent = span(json("slow", file.toString(), "--kind", "agent", "--json"), "0000000000000001");
        assertEquals("serialTools", agent.path("verdict").asText());
        assertEquals(3, agent.path("toolCalls").asInt());
        assertEquals(60 * MS, agent.path("serialSavableNanos").asLong());
        assertTrue(Cli.run("slow", file.toString()).out().contains("Agent.run: 3 tool calls, none overlapping; in "
                + "parallel up to 60.0 ms less"));
    }

    @Test
    void theRunTotalOfManyRootsIsExact() throws Exception {
        TraceBuilder b = new TraceBuilder().run("20261122-003012-8888-abcd")
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Llm", "complete", "llm", "openai");
        int roots = 10_000;
        for (int i = 0; i < roots; i++) {
            String trace = String.format("%032x", i + 1);
            b.span(trace, String.format("%016x", 2 * i + 2), String.format("%016x", 2 * i + 1), 2, "main",
                    i * 10 * MS + MS, 6 * MS);
            b.span(trace, String.format("%016x", 2 * i + 1), null, 1, "main", i * 10 * MS, 8 * MS);
        }
        JsonNode doc = json("slow", b.writeTo(dir.resolve("many.jsonl")).toString(), "--top", "1", "--json");
        JsonNode t = doc.path("total");
        assertEquals(roots, t.path("roots").asInt());
        assertEquals(roots * 8 * MS, t.path("wallNanos").asLong());
        assertEquals(roots * 6 * MS, t.path("llmNanos").asLong());
        assertEquals(0, t.path("toolNanos").asLong());
        assertEquals(0, doc.path("cut").path("intervals").asLong() + doc.path("cut").path("lateTotal").asLong());
    }

    @Test
    void aTruncatedFileGivesPartialResultsAndAWarning() throws Exception {
        List<String> lines = Traces.sampleLines();
        String kept = String.join("\n", lines.subList(0, lines.size() / 2)) + "\n"
                + lines.get(lines.size() / 2).substring(0, 40);
        Path file = Files.writeString(dir.resolve(Traces.RUN_ID + ".jsonl"), kept, StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("slow", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Warnings\n  ! skipped line " + (lines.size() / 2 + 1) + " of " + file.getFileName()
                + ": torn last line"), r.out());
        assertTrue(r.out().contains("Slow spans ("), r.out());
        JsonNode doc = json("slow", file.toString(), "--json");
        assertEquals(1, doc.path("input").path("linesSkipped").asInt());
        partsAddUp(doc);
    }

    @Test
    void nothingReadableIsBadInputInOneLine() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.jsonl"), "not json\n{also not\n");
        Cli.Result r = Cli.run("slow", garbage.toString());
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("agentdbg-analyzer slow: no trace records could be read from " + garbage),
                r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void badOptionsAreOneLineAndExitCode2() {
        for (String[] args : List.of(new String[] {"--threshold", "fast"}, new String[] {"--threshold", "p0"},
                new String[] {"--top", "0"}, new String[] {"--status", "maybe"}, new String[] {"--from", "soon"})) {
            String[] all = new String[args.length + 2];
            all[0] = "slow";
            all[1] = Traces.sample().toString();
            System.arraycopy(args, 0, all, 2, args.length);
            Cli.Result r = Cli.run(all);
            assertEquals(2, r.exitCode(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(args[0]), r.err());
        }
    }
}
