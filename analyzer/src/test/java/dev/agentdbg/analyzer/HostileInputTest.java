package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces written by a buggy or hostile writer: a wrong type in one field costs that field, not the record; a span
 * whose outcome is unclear is never counted as ok; a part that is there twice is read once.
 */
class HostileInputTest {

    private static final String RUN = "20261122-003012-5151-c0de";

    @TempDir
    Path dir;

    @Test
    void wrongTypeInOneFieldKeepsTheRestOfTheRecordAndIsNamedOnce() throws Exception {
        Path file = new TraceBuilder()
                .run(RUN)
                .method(1, "com.acme.agents.PlannerAgent", "run", "agent", "planner").set("line", "forty")
                .method(2, "com.acme.tools.SearchTool", "search", "tool", "search").set("line", "twelve")
                .method(3, "com.acme.tools.MathTool", "add", "tool", "math").set("kind", 7)
                .span(1, 2, 1, 2, 1_000, 5_000_000)
                .span(1, 3, 1, 3, 7_000_000, 1_000_000).set("threadId", "main")
                .span(1, 1, 0, 1, 0, 10_000_000)
                // rejected (no dur): its bad threadId is not counted as an ignored field
                .span(1, 9, 1, 3, 8_000_000, 1).set("threadId", "worker").set("dur", null)
                .stats(3, 0, 0)
                .writeTo(dir.resolve("run.jsonl"));

        Cli.Result result = Cli.run("summary", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("PlannerAgent.run"), "the method record with a bad line is still used:\n" + out);
        assertTrue(out.contains("SearchTool.search"), out);
        assertFalse(out.contains("refer to a method id that no method record describes"), out);
        assertTrue(out.contains("Spans by kind (3 spans, 0 failed)"), out);
        assertTrue(out.contains("method records: field `line` is not a number (first at run.jsonl:2); ignored in 2"
                + " records"), out);
        assertTrue(out.contains("method records: field `kind` is not a string (first at run.jsonl:4); ignored in 1"
                + " record"), out);
        assertTrue(out.contains("span records: field `threadId` is not a number (first at run.jsonl:6); ignored in"
                + " 1 record"), out);
        assertEquals(1, count(out, "field `line`"), "one warning per field, not per record:\n" + out);

        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        assertEquals(3, json.path("spans").path("total").asInt(), json.toString());
    }

    @Test
    void aSpanWhoseStatusIsUnclearIsNeverCountedAsOk() throws Exception {
        Path file = new TraceBuilder()
                .run(RUN)
                .method(1, "com.acme.agents.PlannerAgent", "run", "agent", "planner")
                .method(2, "com.acme.tools.SearchTool", "search", "tool", "search")
                // a numeric status with an exception recorded: it failed
                .span(1, 2, 1, 2, 1_000, 5_000_000).failed("java.io.IOException", "reset").set("status", 1)
                // an unknown status with an exception recorded: it failed
                .span(1, 3, 1, 2, 6_000_000, 1_000_000).failed("java.lang.IllegalStateException", "bad")
                .set("status", "crashed")
                // an unknown status and nothing else: not ok either
                .span(1, 4, 1, 2, 8_000_000, 1_000_000).set("status", "maybe")
                // no status at all
                .span(1, 5, 1, 2, 9_000_000, 500_000).set("status", null)
                .span(1, 6, 1, 2, 9_600_000, 100_000)
                .span(1, 1, 0, 1, 0, 10_000_000)
                .stats(6, 0, 0)
                .writeTo(dir.resolve("run.jsonl"));

        Cli.Result result = Cli.run("summary", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("Spans by kind (6 spans, 4 failed)"), out);
        assertTrue(out.contains("java.io.IOException: reset"), out);
        assertTrue(out.contains("java.lang.IllegalStateException: bad"), out);
        assertTrue(out.contains("span records: field `status` is not \"ok\" or \"error\" (first at run.jsonl:4);"
                + " counted as failed in 4 records"), out);
        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        assertEquals(4, json.path("spans").path("errors").asInt(), json.toString());
    }

    @Test
    void theSameFileTwiceInADirectoryIsReadOnce() throws Exception {
        Path traces = Files.createDirectory(dir.resolve("traces"));
        Path file = sampleRun(traces.resolve(Traces.RUN_ID + ".jsonl"));
        Files.createSymbolicLink(traces.resolve("latest.jsonl"), file);

        Cli.Result result = Cli.run("summary", traces.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("Spans by kind (13 spans, 1 failed)"), "counted once:\n" + out);
        assertEquals(1, count(out, "(part 0, "), "one file read:\n" + out);
        assertTrue(out.contains("latest.jsonl is the same file as " + Traces.RUN_ID + ".jsonl; read once"), out);
    }

    @Test
    void aFileNamedAndInADirectoryGivenTooIsReadOnce() throws Exception {
        Path traces = Files.createDirectory(dir.resolve("traces"));
        Path file = sampleRun(traces.resolve(Traces.RUN_ID + ".jsonl"));

        Cli.Result result = Cli.run("summary", traces.toString(), file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("Spans by kind (13 spans, 1 failed)"), "counted once:\n" + out);
        assertEquals(1, count(out, "(part 0, "), "one file read:\n" + out);
        assertTrue(out.contains(file + " is given twice; read once"), out);

        Cli.Result llm = Cli.run("llm", file.toString(), traces.toString(), "--json");
        assertEquals(0, llm.exitCode(), llm.err());
        assertEquals(4, Traces.parse(llm.out()).path("total").path("calls").asInt(), llm.out());
    }

    @Test
    void aCopiedPartWithTheSameRunAndPartIsReadOnce() throws Exception {
        Path traces = Files.createDirectory(dir.resolve("traces"));
        Path file = sampleRun(traces.resolve(Traces.RUN_ID + ".jsonl"));
        Files.copy(file, traces.resolve(Traces.RUN_ID + " (copy).jsonl"));

        Cli.Result result = Cli.run("summary", traces.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("Spans by kind (13 spans, 1 failed)"), "counted once:\n" + out);
        assertEquals(1, count(out, "(part 0, "), "one file read:\n" + out);
        assertTrue(out.contains("part 0 is in both " + Traces.RUN_ID + " (copy).jsonl and " + Traces.RUN_ID
                + ".jsonl (a copy?); read once, from " + Traces.RUN_ID + ".jsonl"), out);
        JsonNode json = Traces.parse(Cli.run("summary", traces.toString(), "--json").out());
        assertEquals(13, json.path("spans").path("total").asInt());
    }

    private static Path sampleRun(Path to) throws Exception {
        return Files.copy(Traces.sample(), to);
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static Map<String, String> columns(int n) {
        return Map.of("COLUMNS", String.valueOf(n));
    }
}
