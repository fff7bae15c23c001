package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory holding several runs: the newest is summarised and named, the others can be picked. */
class DirectoryTest {

    private static final String OLDER = "20261121-220501-3131-0f0f";
    private static final long ONE_DAY = 86_400_000_000_000L;

    @TempDir
    Path dir;

    @BeforeEach
    void writeTwoRuns() throws Exception {
        // The newer run sits in a file whose name sorts first: start time, not file name, decides.
        Traces.write(dir.resolve("aaa-renamed.jsonl"), Traces.sampleLines());
        List<String> older = new ArrayList<>(Traces.sampleLines());
        String run = Traces.with(older.get(0), "runId", OLDER);
        run = Traces.with(run, "start", "2026-11-21T00:30:12.345678Z");
        run = Traces.with(run, "startNanos", Traces.parse(older.get(0)).path("startNanos").asLong() - ONE_DAY);
        older.set(0, run);
        older.remove(older.size() - 1);
        Traces.write(dir.resolve(OLDER + ".jsonl"), older);
    }

    @Test
    void theNewestRunIsChosenAndTheOtherNamed() {
        Cli.Result result = Cli.run("summary", dir.toString());
        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\n");
        assertEquals("agentdbg summary of run " + Traces.RUN_ID, lines[0]);
        assertEquals("  (newest of 2 runs in " + dir + "; others: " + OLDER + "; pick one with --run <runId>)",
                lines[1]);
        assertTrue(result.out().contains("files read            " + dir.resolve("aaa-renamed.jsonl")));
        assertTrue(result.out().contains("Agent stats (final,"));
    }

    @Test
    void runPicksAnotherRun() {
        Cli.Result result = Cli.run("summary", dir.toString(), "--run", OLDER, "--json");
        assertEquals(0, result.exitCode(), result.err());
        var json = Traces.parse(result.out());
        assertEquals(OLDER, json.path("run").path("runId").asText());
        assertEquals(false, json.path("input").path("newestRun").asBoolean());
        assertEquals(Traces.RUN_ID, json.path("input").path("otherRuns").get(0).asText());
        assertEquals("no final stats record: the JVM did not exit normally (killed?)",
                json.path("warnings").get(0).asText());
    }

    @Test
    void anUnknownRunIsBadInputAndListsTheRuns() {
        Cli.Result result = Cli.run("summary", dir.toString(), "--run", "nope");
        assertEquals(2, result.exitCode());
        assertEquals("agentdbg-analyzer summary: no run 'nope' in " + dir + "; runs found: " + OLDER + ", "
                + Traces.RUN_ID + "\n", result.err());
    }

    @Test
    void filesOtherThanJsonLinesAreIgnored() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a trace");
        Files.createDirectory(dir.resolve("sub.jsonl"));
        Cli.Result result = Cli.run("summary", dir.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("newest of 2 runs"));
    }
}
