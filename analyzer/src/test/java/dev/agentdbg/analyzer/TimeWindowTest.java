package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --from}/{@code --to} count from the same instant in every command, the +0 of the offsets they print: the
 * demo run's agent started about 6 s before its first call, so a command counting from the agent's start instead
 * would select nothing in the first windows below.
 */
class TimeWindowTest {

    private static final String FAILED_SEARCH = "789e6524a2c64a89";

    @ParameterizedTest
    @CsvSource({"0ms, 2ms", "790ms, 850ms", "800ms, 801ms", "850ms, 2s", "0ms, 10s"})
    void errorsSlowInspectAndBundleSelectTheSameSpans(String from, String to, @TempDir Path dir) throws Exception {
        String demo = SlowCommandTest.demo().toString();
        Set<String> listed = ids(json("inspect", demo, "--from", from, "--to", to, "--limit", "1000"), "list");
        JsonNode slow = json("slow", demo, "--from", from, "--to", to, "--threshold", "0", "--top", "1000");
        JsonNode errors = json("errors", demo, "--from", from, "--to", to);

        assertFalse(listed.isEmpty(), from + ".." + to);
        assertEquals(listed, ids(slow, "spans"), "slow and inspect, " + from + ".." + to);
        assertEquals(listed.size(), slow.path("spansConsidered").asInt());
        assertEquals(listed.size(), errors.path("spans").asInt(), "errors and inspect, " + from + ".." + to);
        assertEquals(listed.contains(FAILED_SEARCH) ? 1 : 0, errors.path("failures").asInt());

        Path bundle = dir.resolve("bundle");
        assertEquals(listed.size(), json("bundle", demo, "--from", from, "--to", to, "-o", bundle.toString())
                .path("selectedSpans").asInt());
        Set<String> excerpt = new TreeSet<>();
        for (String line : Files.readAllLines(bundle.resolve("spans_excerpt.jsonl"))) {
            excerpt.add(Traces.parse(line).path("span").asText());
        }
        assertEquals(listed, excerpt, "bundle and inspect, " + from + ".." + to);
    }

    @Test
    void theWindowCountsFromTheOffsetsTheReportsPrint() throws Exception {
        String demo = SlowCommandTest.demo().toString();
        // summary, errors and why print the failed web search at +800.9 ms, inspect and slow too
        assertTrue(Cli.run("summary", demo).out().contains("trace 5b3f1158  at +800.9 ms"));
        assertTrue(Cli.run("inspect", demo, FAILED_SEARCH).out().contains("(+800.9 ms into the run)"));
        assertEquals(800_941_619L, json("errors", demo).path("groups").get(0).path("firstOffsetNanos").asLong());
        assertTrue(Cli.run("why", demo, "web_search").out().contains(FAILED_SEARCH + "  trace 5b3f1158  at +800.9 ms"));

        assertTrue(ids(json("inspect", demo, "--from", "800ms", "--to", "802ms"), "list").contains(FAILED_SEARCH));
        assertFalse(ids(json("inspect", demo, "--from", "801ms"), "list").contains(FAILED_SEARCH));
        assertEquals(0, json("errors", demo, "--to", "800ms").path("failures").asInt());
        assertEquals(1, json("errors", demo, "--to", "801ms").path("failures").asInt());
        JsonNode errors = json("errors", demo);
        assertEquals(errors.path("runStartNanos"), errors.path("filterStartNanos"));
    }

    private static JsonNode json(String... args) throws Exception {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--json";
        Cli.Result r = Cli.run(all);
        assertEquals(0, r.exitCode(), r.err());
        return Traces.parse(r.out());
    }

    private static Set<String> ids(JsonNode doc, String field) {
        Set<String> ids = new TreeSet<>();
        doc.path(field).forEach(n -> ids.add(n.path("span").asText()));
        return ids;
    }
}
