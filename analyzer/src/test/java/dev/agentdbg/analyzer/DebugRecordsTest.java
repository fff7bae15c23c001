package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A real trace of the demo run under the live debugger ({@code debug} records: pauses, releases by a step,
 * by continue-all, breakpoints set and removed, "pause the next run"), read by the analyzer without
 * complaint: no skipped line, no warning, the spans as in any run.
 */
class DebugRecordsTest {
    private static Path trace() throws URISyntaxException {
        return Path.of(DebugRecordsTest.class.getResource("/debug/debugger-run.jsonl").toURI());
    }

    @Test
    void theFixtureHoldsEveryKindOfDebugRecordItIsMeantTo() throws Exception {
        List<JsonNode> debug = Files.readAllLines(trace()).stream().map(Traces::parse)
                .filter(n -> "debug".equals(n.path("type").asText())).toList();
        Set<String> events = debug.stream().map(n -> n.path("event").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("pause", "release", "breakpoint"), events);
        assertTrue(debug.stream().anyMatch(n -> "step_over".equals(n.path("command").asText())));
        assertTrue(debug.stream().anyMatch(n -> "pause_next_run".equals(n.path("breakpoint").asText())));
    }

    @Test
    void summaryReadsItWithoutComplaint() throws Exception {
        Cli.Result r = Cli.run("summary", trace().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("lines skipped         0"), r.out());
        assertTrue(r.out().contains("Spans by kind (26 spans, 1 failed)"), r.out());
        assertFalse(r.out().contains("Warnings"), r.out());
    }

    @Test
    void anEditedCallIsReportedBySummaryAndInspect(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // The fixture's paused web_search call, as if its result had been edited on the page before it went on:
        // the record exactly as the agent's DebugFeed writes it (runtime DebugRecordTest checks that side).
        Path edited = dir.resolve("edited.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(trace()));
        lines.add(lines.size() - 1, "{\"type\":\"debug\",\"event\":\"edit\",\"time\":1796183160000000000,"
                + "\"trace\":\"0071d41b1147243f8cd5a046e06702fe\",\"span\":\"e3ed186b555a17e5\",\"thread\":\"tool-pool-2\","
                + "\"target\":\"result\",\"before\":\"rates are 4.5%\",\"after\":\"rates are 9%\"}");
        Files.write(edited, lines);
        Cli.Result summary = Cli.run("summary", edited.toString());
        assertEquals("", summary.err());
        assertTrue(summary.out().contains("Live debugger\n  pauses                3 (paused 19.2"), summary.out());
        assertTrue(summary.out().contains("  edited by hand        1 value(s): these calls did not return what the "
                + "program computed\n    span e3ed186b555a17e5 result: rates are 4.5% -> rates are 9%"), summary.out());
        Cli.Result inspect = Cli.run("inspect", edited.toString(), "e3ed186b555a17e5");
        assertEquals("", inspect.err());
        assertTrue(inspect.out().contains("result changed by hand in the debugger: rates are 4.5% -> rates are 9%"),
                inspect.out());
        assertTrue(inspect.out().contains("paused 1 time (16."), inspect.out());
    }

    @Test
    void inspectAndErrorsReadItWithoutComplaint() throws Exception {
        for (String command : List.of("errors", "inspect")) {
            Cli.Result r = command.equals("inspect")
                    ? Cli.run("inspect", trace().toString(), "e3ed186b555a17e5")
                    : Cli.run(command, trace().toString());
            assertEquals(0, r.exitCode(), command + ": " + r.err());
            assertEquals("", r.err(), command);
            assertFalse(r.out().contains("skipped line"), r.out());
        }
    }
}
