package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}: on the golden sample, on the demo's recorded run and its replay, and on damaged files. */
class InspectTest {

    static final String DEMO_RUN = "20261202-010135-26066-ac42";
    static final String DEMO_REPLAY = "20261202-010143-26161-e351";
    private static final String WEB_SEARCH_FAILED = "4ebbd0c6d548d393";

    @TempDir
    Path tmp;

    static Path demo(String runId) {
        try {
            return Path.of(InspectTest.class.getResource("/demo/" + runId + ".jsonl").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listsEverySpanOfTheSampleEarliestFirst() {
        Cli.Result r = Cli.run("inspect", Traces.sample().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("agentdbg inspect of run " + Traces.RUN_ID + ": 13 of 13 spans\n"), r.out());
        assertTrue(r.out().indexOf(Traces.PLANNER_SPAN) < r.out().indexOf(WEB_SEARCH_FAILED), r.out());
        assertTrue(r.out().contains(WEB_SEARCH_FAILED + "  4bf92f35   +1.258 s  310.2 ms  tool   WebSearchTool.search"
                + "   error IOException"), r.out());
    }

    @Test
    void filtersNarrowTheListAndLimitCountsTheRest() {
        Cli.Result failed = Cli.run("inspect", Traces.sample().toString(), "--kind", "tool", "--status", "error");
        assertEquals(0, failed.exitCode(), failed.err());
        assertTrue(failed.out().contains("1 of 13 spans match the filters"), failed.out());
        assertTrue(failed.out().contains(WEB_SEARCH_FAILED), failed.out());
        Cli.Result limited = Cli.run("inspect", Traces.sample().toString(), "--kind", "llm", "--limit", "2");
        assertTrue(limited.out().contains("4 of 13 spans match the filters, the earliest 2 listed"), limited.out());
        assertTrue(limited.out().contains("... and 2 more"), limited.out());
        Cli.Result zero = Cli.run("inspect", Traces.sample().toString(), "--kind", "llm", "--limit", "0");
        assertTrue(zero.out().contains("4 span(s) match, none listed (--limit 0)"), zero.out());
        Cli.Result none = Cli.run("inspect", Traces.sample().toString(), "--min-duration", "1h");
        assertEquals(0, none.exitCode());
        assertTrue(none.out().contains("no span matches the filters"), none.out());
    }

    @Test
    void showsAFailedSpanWholeByAPrefix() {
        Cli.Result r = Cli.run("inspect", Traces.sample().toString(), "4ebb");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("  method      com.acme.research.tools.WebSearchTool.search(String, int)\n"), out);
        assertTrue(out.contains("  source      WebSearchTool.java:28\n"), out);
        assertTrue(out.contains("  status      error\n"), out);
        assertTrue(out.contains("  java.io.IOException: connection reset while reading results from search.acme.dev\n"
                + "      at jdk.internal.net.http.HttpClientImpl.send(HttpClientImpl.java:586)\n"), out);
        assertTrue(out.contains("      ... 3 more frame(s) not recorded"), out);
        assertTrue(out.contains("  caused by: java.net.SocketException: Connection reset\n"), out);
        assertTrue(out.contains("Parent chain (root first)\n"), out);
        assertTrue(out.contains("  " + Traces.PLANNER_SPAN + "  -1.258 s   5.057 s  agent  PlannerAgent.run  ok"), out);
        assertTrue(out.contains("Children (0)\n  none\n"), out);
    }

    @Test
    void showsChildrenAndTheTreeBoundedByDepth() {
        Cli.Result r = Cli.run("inspect", Traces.sample().toString(), Traces.PLANNER_SPAN, "--tree", "--depth", "1");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("parent      none (a root)"), out);
        assertTrue(out.contains("Children (8)\n"), out);
        assertTrue(out.contains("Tree (start relative to this span)\n"), out);
        assertTrue(out.contains("\n  PlannerAgent.run  "), out);
        assertTrue(out.contains("\n    SummarizerAgent.run  "), out);
        assertTrue(out.contains("... 1 more (--depth, --limit)"), out);
        Cli.Result all = Cli.run("inspect", Traces.sample().toString(), Traces.PLANNER_SPAN, "--tree");
        assertTrue(all.out().contains("\n      OpenAiClient.complete  7fa2dd80f7a7e06d"), all.out());
    }

    @Test
    void payloadMarkersArePrintedAsWritten() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Traces.sampleLines()) {
            if (line.contains("\"span\":\"9a4cbd787f6c813e\"") && line.contains("\"type\":\"span\"")) {
                line = Traces.with(line, "args", List.of(
                        Map.of("@type", "com.acme.Deep", "@truncated", "depth"),
                        Map.of("@ref", 1), "[REDACTED]", "abc…(truncated, 182 KB)"));
                line = Traces.with(line, "result", Map.of("@type", "com.acme.Big", "@truncated", "size"));
            }
            lines.add(line);
        }
        Path file = Traces.write(tmp.resolve(Traces.RUN_ID + ".jsonl"), lines);
        String out = Cli.run("inspect", file.toString(), "9a4c").out();
        assertTrue(out.contains("\"@truncated\": \"depth\""), out);
        assertTrue(out.contains("  [1] {\n        \"@ref\": 1\n      }"), out);
        assertTrue(out.contains("  [2] \"[REDACTED]\""), out);
        assertTrue(out.contains("  [3] \"abc…(truncated, 182 KB)\""), out);
        assertTrue(out.contains("Result\n  {\n"), out);
        assertTrue(out.contains("\"@truncated\": \"size\""), out);
        JsonNode json = Traces.parse(Cli.run("inspect", file.toString(), "9a4c", "--json").out());
        assertEquals("depth", json.path("span").path("args").path(0).path("@truncated").asText());
        assertEquals(1, json.path("span").path("args").path(1).path("@ref").asInt());
        assertEquals("size", json.path("span").path("result").path("@truncated").asText());
    }

    @Test
    void theParentChainIsFoundWhenAParentWasWrittenBeforeItsChild() throws Exception {
        // async work: a child handed to another thread may finish after its parent
        List<String> lines = new ArrayList<>(Traces.sampleLines());
        int root = -1;
        int firstSpan = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"span\"")) {
                firstSpan = firstSpan < 0 ? i : firstSpan;
                if (lines.get(i).contains("\"span\":\"" + Traces.PLANNER_SPAN + "\"")) {
                    root = i;
                }
            }
        }
        lines.add(firstSpan, lines.remove(root));
        Path file = Traces.write(tmp.resolve(Traces.RUN_ID + ".jsonl"), lines);
        Cli.Result r = Cli.run("inspect", file.toString(), WEB_SEARCH_FAILED);
        assertTrue(r.out().contains("  " + Traces.PLANNER_SPAN + "  -1.258 s   5.057 s  agent  PlannerAgent.run"),
                r.out());
        assertFalse(r.out().contains("not in the trace"), r.out());
    }

    @Test
    void aMissingParentIsNamed() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Traces.sampleLines()) {
            if (!(line.contains("\"type\":\"span\"") && line.contains("\"span\":\"" + Traces.PLANNER_SPAN + "\""))) {
                lines.add(line);
            }
        }
        Path file = Traces.write(tmp.resolve(Traces.RUN_ID + ".jsonl"), lines);
        Cli.Result r = Cli.run("inspect", file.toString(), WEB_SEARCH_FAILED);
        assertTrue(r.out().contains("  " + Traces.PLANNER_SPAN + "  not in the trace: still running when the run"
                + " ended"), r.out());
    }

    @Test
    void jsonDocuments() {
        JsonNode list = Traces.parse(Cli.run("inspect", Traces.sample().toString(), "--status", "error", "--json").out());
        assertEquals(13, list.path("spans").asInt());
        assertEquals(1, list.path("matched").asInt());
        assertEquals(WEB_SEARCH_FAILED, list.path("list").path(0).path("span").asText());
        assertEquals("error", list.path("list").path(0).path("status").asText());
        JsonNode one = Traces.parse(Cli.run("inspect", Traces.sample().toString(), "4ebb", "--tree", "--json").out());
        assertEquals(WEB_SEARCH_FAILED, one.path("span").path("span").asText());
        assertEquals("java.net.SocketException", one.path("span").path("error").path("cause").path("type").asText());
        assertEquals(6, one.path("span").path("error").path("stack").size());
        assertEquals(Traces.PLANNER_SPAN, one.path("ancestors").path(0).path("span").asText());
        assertEquals(0, one.path("childrenTotal").asInt());
        assertEquals(WEB_SEARCH_FAILED, one.path("tree").path("span").asText());
    }

    @Test
    void aRecordedDemoSpanNamesWhatWasRecordedForIt() {
        Path run = demo(DEMO_RUN);
        Cli.Result llm = Cli.run("inspect", run.toString(), "482c2b508267ffef");
        assertEquals(0, llm.exitCode(), llm.err());
        assertTrue(llm.out().contains("in run " + DEMO_RUN + " (recorded)"), llm.out());
        assertTrue(llm.out().contains("  recorded    LLM call 1: POST /v1/chat/completions, HTTP 200, replayable\n"),
                llm.out());
        assertTrue(llm.out().contains("  gen_ai.request.model                  gpt-4o\n"), llm.out());
        assertTrue(llm.out().contains("\"@type\": \"com.acme.research.llm.ChatRequest\""), llm.out());
        Cli.Result tool = Cli.run("inspect", run.toString(), "789e6524");
        assertTrue(tool.out().contains("  recorded    value (throw java.io.IOException), replayable\n"), tool.out());
        assertTrue(tool.out().contains("  java.io.IOException: connection reset by search backend\n"), tool.out());
        Cli.Result tools = Cli.run("inspect", run.toString(), "--kind", "tool", "--method", "WebSearch*");
        assertTrue(tools.out().contains("2 of 26 spans match the filters"), tools.out());
    }

    @Test
    void aReplayedDemoSpanSaysItWasReplayed() {
        Path replay = demo(DEMO_REPLAY);
        Cli.Result llm = Cli.run("inspect", replay.toString(), "edf64bda");
        assertEquals(0, llm.exitCode(), llm.err());
        assertTrue(llm.out().contains("(a replay of " + DEMO_RUN + ")"), llm.out());
        assertTrue(llm.out().contains("  replayed    yes: llm call 1 served from the recording, POST "
                + "/v1/chat/completions\n"), llm.out());
        JsonNode json = Traces.parse(Cli.run("inspect", replay.toString(), "edf64bda", "--json").out());
        assertEquals("recording", json.path("replayed").path(0).path("source").asText());
        assertEquals("replay", json.path("mode").asText());
        String root = json.path("ancestors").path(0).path("span").asText();
        Cli.Result agent = Cli.run("inspect", replay.toString(), root);
        assertTrue(agent.out().contains("  replayed    no: this call ran live in the replay\n"), agent.out());
    }

    @Test
    void aTruncatedFileGivesPartialResultsAndSaysWhy() throws Exception {
        byte[] all = Files.readAllBytes(demo(DEMO_RUN));
        String text = new String(all, StandardCharsets.UTF_8);
        int cut = text.indexOf("{\"type\":\"span\",\"trace\":\"5b3f11581f3fca03ef8d3c0d2f14528e\","
                + "\"span\":\"3f6f2a554043c790\"");
        Path file = Files.write(tmp.resolve(DEMO_RUN + ".jsonl"), text.substring(0, cut + 40)
                .getBytes(StandardCharsets.UTF_8));
        Cli.Result r = Cli.run("inspect", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("! skipped line "), r.out());
        assertTrue(r.out().contains("torn last line"), r.out());
        assertTrue(r.out().contains("13 of 13 spans"), r.out());
        Cli.Result gone = Cli.run("inspect", file.toString(), "3f6f2a554043c790");
        assertEquals(2, gone.exitCode());
        assertTrue(gone.err().contains("no span with id 3f6f2a554043c790"), gone.err());
    }

    @Test
    void aFileWithNothingReadableIsBadInput() throws Exception {
        Path file = Files.writeString(tmp.resolve("broken.jsonl"), "garbage\n{\"type\":\n");
        Cli.Result r = Cli.run("inspect", file.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("agentdbg-analyzer inspect: no trace records could be read from"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void unknownAndAmbiguousIdsAndBadOptionsAreOneLineWithExit2() {
        String sample = Traces.sample().toString();
        Cli.Result unknown = Cli.run("inspect", sample, "ffff");
        assertEquals(2, unknown.exitCode());
        assertEquals("agentdbg-analyzer inspect: no span with id starting with ffff in run " + Traces.RUN_ID
                + " (13 spans read); list them with: inspect <trace> [filters]", unknown.err().strip());
        Cli.Result ambiguous = Cli.run("inspect", sample, "7");
        assertEquals(2, ambiguous.exitCode());
        assertTrue(ambiguous.err().contains("span id prefix 7 is ambiguous: 3 spans start with it (7c11c05dff7b9c8f, "
                + "7c1c400911d31690, 7fa2dd80f7a7e06d); give more digits"), ambiguous.err());
        Cli.Result notAnId = Cli.run("inspect", sample, "planner");
        assertEquals(2, notAnId.exitCode());
        assertEquals("agentdbg-analyzer inspect: 'planner' is neither a trace file or directory nor a span id (16 hex"
                + " digits, or the first of them)", notAnId.err().strip());
        Cli.Result narrowed = Cli.run("inspect", sample, "7", "--kind", "agent");
        assertEquals(0, narrowed.exitCode(), narrowed.err());
        assertTrue(narrowed.out().startsWith("agentdbg inspect of span 7c11c05dff7b9c8f"), narrowed.out());
        for (String[] args : new String[][] {{"--tree"}, {"--status", "maybe"}, {"--limit", "-1"},
            {"--min-duration", "soon"}}) {
            List<String> all = new ArrayList<>(List.of("inspect", sample));
            all.addAll(List.of(args));
            Cli.Result r = Cli.run(all.toArray(String[]::new));
            assertEquals(2, r.exitCode(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }
    @Test
    void aFullIdInOnePassShowsWhatAPrefixInTwoShows() {
        // a full id is resolved in one pass when the chain reaches its root and no tree is asked for
        for (Path trace : List.of(Traces.sample(), demo(DEMO_RUN), demo(DEMO_REPLAY))) {
            JsonNode list = Traces.parse(Cli.run("inspect", trace.toString(), "--json", "--limit", "100").out());
            for (JsonNode row : list.path("list")) {
                String id = row.path("span").asText();
                assertEquals(Cli.run("inspect", trace.toString(), id.substring(0, 15)).out(),
                        Cli.run("inspect", trace.toString(), id).out(), id);
            }
        }
    }
}
