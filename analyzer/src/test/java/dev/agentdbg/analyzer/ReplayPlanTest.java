package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay-plan}: what a replay of a recording serves, what runs live, and why the rest cannot be served. */
class ReplayPlanTest {

    @TempDir
    Path dir;

    @Test
    void theGoldenRecordingServesItsCompleteLlmCallsAndLeavesToolsLiveByDefault() {
        Cli.Result r = Cli.run("replay-plan", Recordings.golden().toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("agentdbg replay plan of run " + Recordings.RUN_ID + "\n"), out);
        assertTrue(out.contains("what a replay with replay.kinds=llm and no replay.until"), out);
        assertTrue(out.contains("LLM calls by endpoint (4 recorded, 2 served)"), out);
        assertTrue(out.matches("(?s).*\\n  POST /v1/chat/completions +4 +2 +2  served; 2 unservable \\(below\\)\\n.*"),
                out);
        assertTrue(out.contains("! POST /v1/chat/completions, call 3: cut when recorded: response over 4194304 bytes"
                + " (agentdbg.record.maxBytes)"), out);
        assertTrue(out.contains("! POST /v1/chat/completions, call 4: failed without a response:"
                + " java.net.ConnectException: Connection refused"), out);
        assertTrue(out.contains("Tool and other method calls by method (3 recorded, 0 served; replay.kinds=llm: they"
                + " run live)"), out);
        assertTrue(out.matches("(?s).*\\n  WeatherTool\\.forecast\\(String\\) +tool +weather +1 +1 +0 +runs live "
                + "\\(replay\\.kinds=llm\\)\\n.*"), out);
        assertTrue(out.contains("! DbTool.connect(String), answer 1: unrebuildable value: java.net.Socket: a socket is"
                + " a connection of this process"), out);
        assertTrue(out.contains("! SearchTool.search(String), answer 1: cut when recorded: over 4194304 bytes"), out);
        assertTrue(out.matches("(?s).*\\n  currentTimeMillis +1 +2\\n  uuid +1 +1\\n.*"), out);
        assertFalse(out.contains("Warnings") || out.contains("Unreadable lines"), out);
    }

    @Test
    void kindsAndUntilMirrorTheReplaySettings() {
        String out = Cli.run("replay-plan", Recordings.golden().toString(), "--kinds", "llm,tool", "--until", "1")
                .out();
        assertTrue(out.contains("replay.kinds=llm,tool and replay.until=1 (LLM calls after call 1 run live)"), out);
        assertTrue(out.contains("LLM calls by endpoint (4 recorded, 1 served)"), out);
        assertTrue(out.contains("served, call 2 live (replay.until=1); 2 unservable (below)"), out);
        assertTrue(out.contains("Tool and other method calls by method (3 recorded, 1 served)"), out);
        assertTrue(out.matches("(?s).*\\n  WeatherTool\\.forecast\\(String\\) +tool +weather +1 +1 +1 +served\\n.*"),
                out);
        assertTrue(out.matches("(?s).*\\n  DbTool\\.connect\\(String\\) +tool +db +1 +0 +0 +none can be served "
                + "\\(below\\)\\n.*"), out);

        String byRule = Cli.run("replay-plan", Recordings.golden().toString(), "--kinds", "weather").out();
        assertTrue(byRule.contains("LLM calls by endpoint (4 recorded, 0 served)"), byRule);
        assertTrue(byRule.matches("(?s).*\\n  POST /v1/chat/completions +4 +2 +0  runs live "
                + "\\(replay\\.kinds=weather\\)\\n.*"),
                byRule);
        assertTrue(byRule.matches("(?s).*\\n  WeatherTool\\.forecast\\(String\\) +tool +weather +1 +1 +1 +served\\n.*"),
                byRule);

        String llmRule = Cli.run("replay-plan", Recordings.golden().toString(), "--kinds", "chat-client").out();
        assertTrue(llmRule.contains("LLM calls by endpoint (4 recorded, 2 served)"),
                "an llm rule's name serves the exchanges under its spans:\n" + llmRule);
    }

    @Test
    void jsonHasTheShapeOfTheReplaysPreFlight() {
        Cli.Result r = Cli.run("replay-plan", Recordings.golden().toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = Traces.parse(r.out());
        assertEquals("record", json.path("mode").asText());
        assertEquals(Recordings.RUN_ID, json.path("input").path("runId").asText());
        assertEquals("llm", json.path("settings").path("kinds").get(0).asText());
        assertTrue(json.path("settings").path("until").isNull());
        JsonNode llm = json.path("plan").get(0);
        assertEquals("llm", llm.path("kind").asText());
        assertEquals(Recordings.ENDPOINT, llm.path("key").asText());
        assertEquals(4, llm.path("recorded").asInt());
        assertEquals(2, llm.path("served").asInt());
        assertEquals(2, llm.path("unservable").asInt());
        assertEquals(2, llm.path("reasons").size());
        assertTrue(llm.path("reasons").get(0).asText().startsWith("call 3: cut when recorded"));
        JsonNode weather = json.path("plan").get(3);
        assertEquals("com.acme.assistant.tools.WeatherTool#forecast(Ljava/lang/String;)Ljava/lang/String;",
                weather.path("key").asText());
        assertEquals("weather", weather.path("rule").asText());
        assertEquals(0, weather.path("served").asInt());
        assertEquals(1, weather.path("live").asInt());
        assertEquals("runs live (replay.kinds=llm)", weather.path("liveReason").asText());
        assertEquals(2, json.path("deterministic").size());
        assertEquals(0, json.path("lostLinesTotal").asInt());
    }

    @Test
    void aTruncatedLastLineLosesTheCallItHeldAndTheRestIsServed() throws Exception {
        List<String> lines = Recordings.goldenLines();
        int call4 = Recordings.indexOf(lines, "\"type\":\"exchange\"", "\"call\":4");
        Path file = Traces.write(dir.resolve("killed.jsonl"), lines.subList(0, call4));
        String torn = lines.get(call4).substring(0, lines.get(call4).indexOf("\"request\"") + 40);
        Files.writeString(file, torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        Cli.Result r = Cli.run("replay-plan", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("Unreadable lines (1): what they held is lost, the rest is served"), out);
        assertTrue(out.contains("! line " + (call4 + 1) + " of killed.jsonl: torn last line (no newline, "
                + torn.length() + " bytes); it held LLM call 4 (POST /v1/chat/completions), which is lost"), out);
        assertTrue(out.contains("LLM calls by endpoint (4 recorded, 2 served)"), out);
        assertTrue(out.contains("! POST /v1/chat/completions, call 4: lost: line " + (call4 + 1) + " of killed.jsonl"
                + " is unreadable: torn last line"), out);
        assertTrue(out.contains("call 3: cut when recorded"), "the calls before it are planned as before:\n" + out);
    }

    @Test
    void aCorruptMiddleLineIsNamedAndTheCallsAfterItAreStillServed() throws Exception {
        List<String> lines = new ArrayList<>(Recordings.goldenLines());
        int call2 = Recordings.indexOf(lines, "\"type\":\"exchange\"", "\"call\":2");
        String line = lines.get(call2);
        int body = line.indexOf("\"body\"");
        lines.set(call2, line.substring(0, body) + "\u0000\u0000garbage" + line.substring(body + 20));
        int weather = Recordings.indexOf(lines, "\"type\":\"value\"", "WeatherTool");
        lines.set(weather, lines.get(weather).replace("\"outcome\"", "\"outcome\"::"));
        Path file = Traces.write(dir.resolve("corrupt.jsonl"), lines);

        Cli.Result r = Cli.run("replay-plan", file.toString(), "--kinds", "llm,tool");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("Unreadable lines (2)"), out);
        assertTrue(out.contains("! line " + (call2 + 1) + " of corrupt.jsonl: corrupt JSON ("), out);
        assertTrue(out.contains("it held LLM call 2 (POST /v1/chat/completions), which is lost"), out);
        assertTrue(out.contains("! line " + (weather + 1) + " of corrupt.jsonl: corrupt JSON ("), out);
        assertTrue(out.contains("it held a recorded value of WeatherTool.forecast(String), which is lost"), out);
        assertTrue(out.contains("LLM calls by endpoint (4 recorded, 1 served)"), out);
        assertTrue(out.contains("! POST /v1/chat/completions, call 2: lost: line " + (call2 + 1)), out);
        assertTrue(out.matches("(?s).*\\n  WeatherTool\\.forecast\\(String\\) +tool +weather +1 +0 +0 +none can be"
                + " served \\(below\\)\\n.*"), out);
    }

    @Test
    void aCallNumberThatNoLineHoldsIsReportedMissing() throws Exception {
        List<String> lines = new ArrayList<>(Recordings.goldenLines());
        lines.remove(Recordings.indexOf(lines, "\"type\":\"exchange\"", "\"call\":2"));
        Path file = Traces.write(dir.resolve("dropped.jsonl"), lines);
        String out = Cli.run("replay-plan", file.toString()).out();
        assertTrue(out.contains("LLM calls by endpoint (3 recorded, 1 served)"), out);
        assertTrue(out.contains("! 1 call number(s) not in the recording (2): dropped when recorded"), out);
    }

    @Test
    void unreadableSpanLinesDoNotCountAsLostAnswers() throws Exception {
        List<String> lines = new ArrayList<>(Recordings.goldenLines());
        int span = Recordings.indexOf(lines, "{\"type\":\"span\"");
        lines.set(span, lines.get(span).substring(0, 30));
        String out = Cli.run("replay-plan", Traces.write(dir.resolve("span.jsonl"), lines).toString()).out();
        assertFalse(out.contains("Unreadable lines"), out);
        assertTrue(out.contains("! 1 unreadable line(s) held trace records (spans, starts, ...), not recorded answers:"
                + " replay does not need them"), out);
    }

    @Test
    void aTracedRunIsRefusedWithWhatToDo() {
        Cli.Result r = Cli.run("replay-plan", Traces.sample().toString());
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals("agentdbg-analyzer replay-plan: run 20261122-003012-4242-a1b2 was traced, not recorded: nothing"
                + " to replay; record it with agentdbg.mode=record\n", r.err());
    }

    @Test
    void aReplayRunIsRefusedAndTheRecordingNamed() throws Exception {
        Path file = new TraceBuilder().run("20261201-110000-77-cd34").set("mode", "replay")
                .set("replayOf", Recordings.RUN_ID).writeTo(dir.resolve("replay.jsonl"));
        Cli.Result r = Cli.run("replay-plan", file.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("run 20261201-110000-77-cd34 is a replay of run " + Recordings.RUN_ID
                + ", not a recording: nothing to replay from it; plan the recording: replay-plan "
                + Recordings.RUN_ID), r.err());
    }

    @Test
    void aDirectoryGivesItsNewestRecordingAndARunIdIsLookedUpInTheOutputDir() throws Exception {
        Path traces = Files.createDirectories(dir.resolve("traces"));
        Files.copy(Recordings.golden(), traces.resolve(Recordings.RUN_ID + ".jsonl"));
        // A newer run that was only traced: a directory's newest recording is still the one planned.
        new TraceBuilder().run("20261202-000000-1-ffff").writeTo(traces.resolve("20261202-000000-1-ffff.jsonl"));
        Cli.Result r = Cli.run("replay-plan", traces.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("agentdbg replay plan of run " + Recordings.RUN_ID + "\n  (newest recorded run"
                + " of 2 runs in " + traces), r.out());

        Map<String, String> env = Map.of("COLUMNS", "100000", "AGENTDBG_OUTPUT_DIR", traces.toString());
        Cli.Result byId = Cli.run(env, "replay-plan", Recordings.RUN_ID);
        assertEquals(0, byId.exitCode(), byId.err());
        assertTrue(byId.out().contains("LLM calls by endpoint (4 recorded, 2 served)"), byId.out());

        Cli.Result nowhere = Cli.run(Map.of("AGENTDBG_OUTPUT_DIR", dir.resolve("none").toString()), "replay-plan",
                Recordings.RUN_ID);
        assertEquals(2, nowhere.exitCode());
        assertTrue(nowhere.err().contains("no such file or directory: " + Recordings.RUN_ID + " (as a run id it was"
                + " looked up in " + dir.resolve("none") + ", which does not exist"), nowhere.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.Result kinds = Cli.run("replay-plan", Recordings.golden().toString(), "--kinds", "llm;tool");
        assertEquals(2, kinds.exitCode());
        assertTrue(kinds.err().contains("--kinds takes kinds and rule names separated by commas (e.g. llm,tool), not"
                + " 'llm;tool'"), kinds.err());
        Cli.Result until = Cli.run("replay-plan", Recordings.golden().toString(), "--until", "-1");
        assertEquals(2, until.exitCode());
        assertTrue(until.err().contains("--until takes a number >= 0"), until.err());
        Cli.Result missing = Cli.run("replay-plan", dir.resolve("nope.jsonl").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
    }
}
