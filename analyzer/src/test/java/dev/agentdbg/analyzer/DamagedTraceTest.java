package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torn, corrupt and incomplete files: bad lines are skipped and named, everything else is still analysed. */
class DamagedTraceTest {

    @TempDir
    Path dir;

    @Test
    void tornLastLineOfAKilledRunIsSkippedAndTheRestAnalysed() throws Exception {
        List<String> lines = new ArrayList<>(Traces.sampleLines());
        lines.remove(lines.size() - 1); // a killed JVM writes no final stats
        String torn = "{\"type\":\"span\",\"trace\":\"4bf92f3577b34da6";
        assertEquals(40, torn.length());
        Path file = dir.resolve("torn.jsonl");
        Traces.write(file, lines);
        Files.writeString(file, torn, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        Cli.Result result = Cli.run("summary", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        int tornLine = lines.size() + 1;
        assertTrue(out.contains("! skipped line " + tornLine + " of torn.jsonl: torn last line (no newline, 40 bytes)"), out);
        assertTrue(out.contains("! no final stats record: the JVM did not exit normally (killed?)"), out);
        assertTrue(out.contains("lines skipped         1 (see warnings)"));
        assertTrue(out.contains("Spans by kind (13 spans, 1 failed)"), "every complete span is still read");
        assertTrue(out.contains("(first span start -> last span end)"), "without stats the wall time ends at the last span");
        assertTrue(out.contains("Agent stats\n  none: the run has no stats record"));

        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        JsonNode skipped = json.path("input").path("skippedLines").get(0);
        assertEquals(tornLine, skipped.path("line").asInt());
        assertEquals("torn last line (no newline, 40 bytes)", skipped.path("reason").asText());
        assertTrue(json.path("agentStats").isNull());
    }

    @Test
    void corruptMiddleLineIsSkippedWithItsLineNumber() throws Exception {
        List<String> lines = new ArrayList<>(Traces.sampleLines());
        int calculator = 0;
        while (!(lines.get(calculator).contains("\"type\":\"span\"") && lines.get(calculator).contains("\"method\":3"))) {
            calculator++;
        }
        lines.set(calculator, "{\"type\":\"span\",\"trace\":\"4bf9\u0000\u0000\u0000garbage");
        Path file = Traces.write(dir.resolve("corrupt.jsonl"), lines);

        Cli.Result result = Cli.run("summary", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("! skipped line " + (calculator + 1) + " of corrupt.jsonl: corrupt JSON ("), out);
        assertTrue(out.contains("! the agent wrote 13 span(s) but 12 were read"), out);
        // The calculator call has its start record but its span line is lost: it counts as unfinished.
        assertTrue(out.contains("Spans by kind (12 spans, 1 failed, 1 unfinished)"), out);
        assertTrue(out.contains("Errors (1 failed span(s))"), "spans after the bad line are read");
        assertFalse(out.contains("no final stats"));
    }

    @Test
    void eachKindOfUnusableLineIsNamedAndUnknownRecordsAreIgnored() throws Exception {
        List<String> lines = new ArrayList<>(Traces.sampleLines());
        // Inserted from the bottom up so the line numbers below stay as written.
        lines.add(3, "{\"type\":\"span\",\"trace\":\"" + Traces.TRACE_1 + "\",\"span\":\"00000000000000ff\",\"method\":2,"
                + "\"start\":1}");
        lines.add(3, "");
        lines.add(3, "[1,2,3]");
        lines.add(3, "{\"no\":\"type\"}");
        lines.add(3, "{\"type\":\"span\"}{\"type\":\"span\"}");
        lines.add(3, "{\"type\":\"heartbeat\",\"at\":\"2026-11-22T00:30:13Z\"}");
        lines.set(2, Traces.with(lines.get(2), "tokensIn", 1234));
        Path file = Traces.write(dir.resolve("mixed.jsonl"), lines);

        Cli.Result result = Cli.run("summary", file.toString(), "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = Traces.parse(result.out());
        List<String> reasons = new ArrayList<>();
        for (JsonNode s : json.path("input").path("skippedLines")) {
            reasons.add(s.path("line").asInt() + ": " + s.path("reason").asText());
        }
        assertEquals(5, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("5: corrupt JSON ("), reasons.toString());
        assertEquals("6: record without a 'type'", reasons.get(1));
        assertEquals("7: not a JSON object", reasons.get(2));
        assertEquals("8: empty line", reasons.get(3));
        assertEquals("9: invalid span record: missing 'dur'", reasons.get(4));
        assertEquals(13, json.path("spans").path("total").asInt(), "the heartbeat and the extra field change nothing");
        assertEquals(0, json.path("warnings").size(), json.path("warnings").toString());
    }

    @Test
    void aFileThatIsEmptyOrAllGarbageIsBadInput() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        Cli.Result result = Cli.run("summary", empty.toString());
        assertEquals(2, result.exitCode());
        assertEquals("agentdbg-analyzer summary: no trace records could be read from " + empty + "\n", result.err());

        Path garbage = Files.writeString(dir.resolve("garbage.jsonl"), "not json\n");
        result = Cli.run("summary", garbage.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("skipped line 1 of garbage.jsonl: corrupt JSON"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void callsTracedWithoutTheirPayloadsAreAWarning(@TempDir Path dir) throws Exception {
        List<String> lines = new java.util.ArrayList<>(Traces.sampleLines());
        int last = lines.size() - 1;
        lines.set(last, Traces.with(lines.get(last), "captureSkipped", 4));
        Path file = Traces.write(dir.resolve("skipped.jsonl"), lines);

        String out = Cli.run("summary", file.toString()).out();
        assertTrue(out.contains("! 4 call(s) were traced without their payloads: the writer fell behind and "
                + "agentdbg.capture.maxBuffered was reached"), out);
        assertTrue(out.contains("capture skipped       4   <- WARNING: calls traced without their payloads"), out);
        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        assertEquals(4, json.path("agentStats").path("captureSkipped").asInt(), json.path("agentStats").toString());
    }
}
