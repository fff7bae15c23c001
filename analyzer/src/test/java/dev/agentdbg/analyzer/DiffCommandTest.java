package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff}: the demo's recording against its replay (same calls, other latencies), against a hand-edited copy
 * (a changed tool result, an extra tool call), the golden sample against an edited copy, and damaged input.
 */
class DiffCommandTest {

    static final String RECORDING_ID = "20261201-231459-5141-596a";
    static final String REPLAY_ID = "20261201-231503-5196-945a";
    static final String EDITED_ID = "20261201-231459-5141-edit";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    static Path demo(String name) {
        try {
            return Path.of(DiffCommandTest.class.getResource("/diff/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path recording() {
        return demo(RECORDING_ID + ".jsonl");
    }

    static Path replay() {
        return demo(REPLAY_ID + ".jsonl");
    }

    static Path edited() {
        return demo(EDITED_ID + ".jsonl");
    }

    private static JsonNode json(String... args) throws Exception {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.exitCode(), r.err());
        return MAPPER.readTree(r.out());
    }

    private static JsonNode method(JsonNode doc, String name) {
        for (JsonNode m : doc.get("methods")) {
            if (m.get("method").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no method " + name + " in " + doc.get("methods"));
    }

    @Test
    void aReplayMakesTheSameCallsAsItsRecordingAndOnlyLatenciesDiffer() throws Exception {
        Cli.Result r = Cli.run("diff", recording().toString(), replay().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("agentdbg diff of run " + RECORDING_ID + " (A) and run " + REPLAY_ID + " (B)\n"),
                r.out());
        assertTrue(r.out().contains("mode replay, replay of " + RECORDING_ID), r.out());
        assertTrue(r.out().contains("B is a replay of A"), r.out());
        assertTrue(r.out().contains("Same calls: the aligned call trees match and no tool answered differently."),
                r.out());
        assertTrue(r.out().contains("none: the call trees have the same calls in the same order"), r.out());

        JsonNode doc = json("diff", recording().toString(), replay().toString(), "--json");
        assertTrue(doc.get("bReplaysA").asBoolean());
        assertTrue(doc.get("sameCalls").asBoolean());
        assertTrue(doc.get("divergence").isNull());
        assertEquals(26, doc.get("a").get("spans").asLong());
        assertEquals(26, doc.get("b").get("spans").asLong());
        assertEquals(2, doc.get("a").get("traces").asInt());
        boolean latencyDiffers = false;
        for (JsonNode m : doc.get("methods")) {
            assertEquals(0, m.get("delta").asLong(), m.toString());
            assertEquals(0, m.get("added").asLong(), m.toString());
            assertEquals(0, m.get("removed").asLong(), m.toString());
            latencyDiffers |= m.get("p50NanosA").asLong() != m.get("p50NanosB").asLong();
        }
        assertTrue(latencyDiffers, "a replay served from the recording runs at another speed");
        JsonNode gpt4o = doc.get("models").get(0);
        assertEquals("gpt-4o", gpt4o.get("model").asText());
        assertEquals(5, gpt4o.get("callsA").asLong());
        assertEquals(5, gpt4o.get("callsB").asLong());
        assertEquals(gpt4o.get("inputTokensA").asLong(), gpt4o.get("inputTokensB").asLong());
        assertEquals(0, doc.get("toolChanges").size());
    }

    @Test
    void anEditedCopyShowsTheExtraToolCallTheChangedResultAndWhereTheTreesDiverge() throws Exception {
        Cli.Result r = Cli.run("diff", recording().toString(), edited().toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("The runs differ in their calls"), out);
        assertFalse(out.contains("is a replay of"), out);
        assertTrue(out.contains("  trace 1 (A 1971305b, B 1971305b): call 2 here is in run B only\n"
                + "  path  PlannerAgent.run > ToolExecutor.execute [read_file]\n"
                + "  A     nothing\n"
                + "  B     FileReaderTool.run [read_file], span ce8873053a9f3537, 0 child calls\n"), out);
        assertTrue(out.contains("Tool results that changed for the same arguments (1)"), out);
        assertTrue(out.contains("    args      [{\"expression\":\"1200 * (1 + 0.07)^5\"}]\n"
                + "    result A  {\"expression\":\"1200 * (1 + 0.07)^5\",\"result\":1683.06207684}\n"
                + "    result B  {\"expression\":\"1200 * (1 + 0.07)^5\",\"result\":1683.1}\n"), out);

        JsonNode doc = json("diff", recording().toString(), edited().toString(), "--json");
        assertFalse(doc.get("sameCalls").asBoolean());
        JsonNode reader = method(doc, "FileReaderTool.run");
        assertEquals(2, reader.get("callsA").asLong());
        assertEquals(3, reader.get("callsB").asLong());
        assertEquals(1, reader.get("delta").asLong());
        assertEquals(1, reader.get("added").asLong());
        assertEquals(0, reader.get("removed").asLong());
        assertEquals(0, method(doc, "CalculatorTool.run").get("added").asLong());
        JsonNode d = doc.get("divergence");
        assertEquals(1, d.get("trace").asInt());
        assertEquals("PlannerAgent.run", d.get("path").get(0).asText());
        assertEquals("1971305bc209f7b33eaf0f05293db468", d.get("traceA").asText());
        assertTrue(d.get("a").isNull());
        assertEquals(1, doc.get("toolChanges").size());
        assertEquals("CalculatorTool.run", doc.get("toolChanges").get(0).get("method").asText());

        // Swapped, the extra call is a removed one and the divergence is on side A.
        JsonNode swapped = json("diff", edited().toString(), recording().toString(), "--json");
        assertEquals(1, method(swapped, "FileReaderTool.run").get("removed").asLong());
        assertTrue(swapped.get("divergence").get("b").isNull());
    }

    @Test
    void theGoldenSampleAgainstACopyWithOneCallGoneAndOneFailureFixed() throws Exception {
        JsonNode same = null;
        Path copy = dir.resolve("copy.jsonl");
        List<String> lines = new ArrayList<>();
        for (String line : Traces.sampleLines()) {
            ObjectNode n = (ObjectNode) Traces.parse(line);
            String type = n.get("type").asText();
            if ("run".equals(type)) {
                n.put("runId", "20261122-003013-4242-edit");
            } else if ("span".equals(type) && "9f51f7f7c0fa6316".equals(n.get("span").asText())) {
                continue; // the CalculatorTool call of the second trace
            } else if ("span".equals(type) && "4ebbd0c6d548d393".equals(n.get("span").asText())) {
                n.remove("error");
                n.put("status", "ok"); // the first WebSearchTool call no longer fails
            }
            lines.add(MAPPER.writeValueAsString(n));
        }
        Traces.write(copy, lines);
        Cli.Result r = Cli.run("diff", Traces.sample().toString(), copy.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  trace 1 (A 4bf92f35, B 4bf92f35): the call failed in run A only\n"
                + "  path  PlannerAgent.run\n"), r.out());
        JsonNode doc = json("diff", Traces.sample().toString(), copy.toString(), "--json");
        JsonNode calc = method(doc, "CalculatorTool.run");
        assertEquals(-1, calc.get("delta").asLong());
        assertEquals(1, calc.get("removed").asLong());
        assertEquals(0, doc.get("models").get(0).get("callsA").asLong() - doc.get("models").get(0).get("callsB")
                .asLong());

        Path identical = Traces.write(dir.resolve("identical.jsonl"), Traces.sampleLines());
        same = json("diff", Traces.sample().toString(), identical.toString(), "--json");
        assertTrue(same.get("sameCalls").asBoolean());
        assertFalse(same.get("bReplaysA").asBoolean());
    }

    @Test
    void runsOfOneDirectoryArePickedWithRunAAndRunB() throws Exception {
        Path traces = Files.createDirectory(dir.resolve("agentdbg-traces"));
        Files.copy(recording(), traces.resolve(RECORDING_ID + ".jsonl"));
        Files.copy(replay(), traces.resolve(REPLAY_ID + ".jsonl"));
        JsonNode doc = json("diff", traces.toString(), traces.toString(), "--run-a", RECORDING_ID, "--json");
        assertEquals(RECORDING_ID, doc.get("a").get("runId").asText());
        assertEquals(REPLAY_ID, doc.get("b").get("runId").asText());
        assertTrue(doc.get("bReplaysA").asBoolean());

        Cli.Result both = Cli.run("diff", traces.toString(), traces.toString());
        assertEquals(2, both.exitCode());
        assertEquals("agentdbg-analyzer diff: both sides are run " + REPLAY_ID + ": name two runs (with --run-a and "
                + "--run-b for runs of one directory)\n", both.err());

        Cli.Result unknown = Cli.run("diff", traces.toString(), traces.toString(), "--run-b", "nope");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("agentdbg-analyzer diff: run B: no run 'nope' in "), unknown.err());
    }

    @Test
    void aRotatedRunIsReadWholeFromItsDirectoryAndOnePartOfItSaysSo() throws Exception {
        Path rotated = Files.createDirectory(dir.resolve("rotated"));
        List<String> lines = Files.readAllLines(replay(), StandardCharsets.UTF_8);
        String runLine = lines.get(0);
        int half = lines.size() / 2;
        Traces.write(rotated.resolve(REPLAY_ID + ".jsonl"), lines.subList(0, half));
        List<String> second = new ArrayList<>();
        second.add(Traces.with(runLine, "part", 1));
        second.addAll(lines.subList(half, lines.size()));
        Traces.write(rotated.resolve(REPLAY_ID + ".1.jsonl"), second);
        JsonNode whole = json("diff", recording().toString(), rotated.toString(), "--json");
        assertTrue(whole.get("sameCalls").asBoolean(), whole.toString());
        assertEquals(26, whole.get("b").get("spans").asLong());

        Cli.Result part = Cli.run("diff", recording().toString(), rotated.resolve(REPLAY_ID + ".jsonl").toString());
        assertEquals(0, part.exitCode(), part.err());
        assertTrue(part.out().contains("has other part(s) next to this file (" + REPLAY_ID + ".1.jsonl)"), part.out());
    }

    @Test
    void aTornReplayIsComparedAsFarAsItGoesAndSaysSo() throws Exception {
        // Copied alone, as it is kept: next to the whole replay (same run id) it would be a part of a rotated run.
        Path torn = Files.copy(demo("torn/truncated-replay.jsonl"), dir.resolve("truncated-replay.jsonl"));
        Cli.Result r = Cli.run("diff", recording().toString(), torn.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1 unreadable line skipped; the comparison covers the rest (first: skipped line "
                + "41 of truncated-replay.jsonl: torn last line (no newline, 50 bytes))"), r.out());
        assertTrue(r.out().contains("The runs differ in their calls"), r.out());
        JsonNode doc = json("diff", recording().toString(), torn.toString(), "--json");
        assertEquals(1, doc.get("b").get("notes").size());
        assertTrue(doc.get("b").get("spans").asLong() < 26);
        assertNotNull(doc.get("divergence").get("a"));
    }

    @Test
    void aFileWithNothingReadableIsBadInput() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.jsonl"), "not json\n{\"also\": \"no type\"}\n",
                StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("diff", recording().toString(), garbage.toString());
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("agentdbg-analyzer diff: run B: no trace records could be read from run "),
                r.err());
        assertFalse(r.err().contains("\tat "), r.err());

        Cli.Result missing = Cli.run("diff", dir.resolve("missing.jsonl").toString(), recording().toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());
    }

    @Test
    void badOptionsGiveOneLineAndExit2() {
        for (String[] args : List.of(
                new String[] {"diff", recording().toString(), replay().toString(), "--max-spans", "0"},
                new String[] {"diff", recording().toString(), replay().toString(), "--status", "maybe"},
                new String[] {"diff", recording().toString(), replay().toString(), "--min-duration", "soon"},
                new String[] {"diff", recording().toString()})) {
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args));
            assertFalse(r.err().contains("\tat "), r.err());
            assertTrue(r.err().lines().findFirst().orElse("").length() > 10, r.err());
        }
    }

    @Test
    void theTreesAreCutAtMaxSpansAndTheCountsStayWhole() throws Exception {
        JsonNode doc = json("diff", recording().toString(), replay().toString(), "--max-spans", "5", "--json");
        assertEquals(26, doc.get("a").get("spans").asLong());
        assertEquals(5, doc.get("a").get("keptSpans").asLong());
        assertTrue(doc.get("a").get("cut").asBoolean());
        assertEquals(5, method(doc, "OpenAiClient.complete").get("callsA").asLong());
        Cli.Result r = Cli.run("diff", recording().toString(), replay().toString(), "--max-spans", "5");
        assertTrue(r.out().contains("trees cut at 5 spans (--max-spans)"), r.out());
    }

    @Test
    void theKindFilterNarrowsBothRuns() throws Exception {
        JsonNode doc = json("diff", recording().toString(), edited().toString(), "--kind", "tool", "--json");
        for (JsonNode m : doc.get("methods")) {
            assertTrue(m.get("method").asText().endsWith("Tool.run"), m.toString());
        }
        assertEquals(0, doc.get("models").size());
        assertEquals(1, doc.get("toolChanges").size());
        assertEquals(1, method(doc, "FileReaderTool.run").get("added").asLong());
    }
}
