package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code summary} of a recording and of a replay: what was recorded, what was served, what diverged. */
class RecordReplaySummaryTest {

    static final String REPLAY_ID = "20261201-110000-4343-cd34";

    @TempDir
    Path dir;

    @Test
    void aRecordingSaysWhatItHoldsAndHowToReplayIt() {
        Cli.Result r = Cli.run("summary", Recordings.golden().toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("\nRecording\n  recorded: 4 LLM exchanges, 3 tool values (replay with"
                + " agentdbg.mode=replay, agentdbg.replay.from=" + Recordings.RUN_ID + ")\n"
                + "  not replayable: 2 LLM exchanges, 2 values (why: agentdbg-analyzer replay-plan " + Recordings.RUN_ID
                + ")\n  deterministic values recorded at 2 call sites (served with agentdbg.replay.deterministic)\n"),
                out);
        assertFalse(out.contains("Warnings"), "the golden recording is a clean run:\n" + out);
        assertFalse(out.contains("replayed"), out);

        JsonNode json = Traces.parse(Cli.run("summary", Recordings.golden().toString(), "--json").out());
        assertEquals("record", json.path("run").path("mode").asText());
        JsonNode replay = json.path("replay");
        assertEquals("record", replay.path("mode").asText());
        assertEquals(4, replay.path("recorded").path("exchanges").asInt());
        assertEquals(2, replay.path("recorded").path("exchangesUnservable").asInt());
        assertEquals(3, replay.path("recorded").path("values").asInt());
        assertEquals(2, replay.path("recorded").path("valuesUnservable").asInt());
        assertEquals(2, replay.path("recorded").path("deterministicSites").asInt());
        assertTrue(replay.path("served").isMissingNode());
    }

    @Test
    void aReplaySaysHowManyCallsWereServedAndWhichDiverged() throws Exception {
        Path file = replayRun(true).writeTo(dir.resolve(REPLAY_ID + ".jsonl"));
        Cli.Result r = Cli.run("summary", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("\nReplay\n  replay of run " + Recordings.RUN_ID + ": 3 of 4 LLM calls served (1 from"
                + " an override), 1 diverged; 1 tool call served\n"), out);
        assertTrue(out.contains("  pre-flight: 1 recorded answer could not be served (agentdbg-analyzer replay-plan "
                + Recordings.RUN_ID + " says why)\n"), out);
        assertTrue(out.contains("  divergences (the request differed from the recorded one):\n"
                + "    call 2  llm  POST /v1/chat/completions  (span 0000000000000012)\n"
                + "        request body differs at $.messages[0].content:\n"
                + "        - \"What is the weather in Paris?\"\n"
                + "        + \"What is the weather in Rome?\"\n"
                + "        (recorded 212 bytes, sent 211 bytes)\n"
                + "        ... 2 more line(s)\n"), out);
        assertTrue(out.contains("  full diffs: the replay printed each on stderr; in the trace: jq -r"
                + " 'select(.type==\"divergence\") | .diff' " + file), out);
        // Served spans are marked in the timeline; the live fourth call and the agent are not.
        assertTrue(out.matches("(?s).*  Llm\\.complete +llm +openai +ok \\(replayed\\)\\n.*"), out);
        assertTrue(out.matches("(?s).*  Llm\\.complete +llm +openai +ok \\(replayed, override\\)\\n.*"), out);
        assertTrue(out.matches("(?s).*  Weather\\.forecast +tool +weather +ok \\(replayed\\)\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n +0\\.000 +[0-9.]+ ms +Agent\\.chat +agent +agent +ok\\n.*"), out);
        assertEquals(4, out.split("\\(replayed").length - 1 - countInSlowest(out), out);

        JsonNode json = Traces.parse(Cli.run("summary", file.toString(), "--json").out());
        assertEquals("replay", json.path("run").path("mode").asText());
        assertEquals(Recordings.RUN_ID, json.path("run").path("replayOf").asText());
        JsonNode replay = json.path("replay");
        assertEquals(4, replay.path("served").path("llmCalls").asInt());
        assertEquals(3, replay.path("served").path("llmServed").asInt());
        assertEquals(1, replay.path("served").path("toolServed").asInt());
        assertEquals(1, replay.path("served").path("overrides").asInt());
        assertEquals(1, replay.path("diverged").asInt());
        JsonNode d = replay.path("divergences").get(0);
        assertEquals(2, d.path("call").asInt());
        assertEquals("0000000000000012", d.path("span").asText());
        assertEquals(4, d.path("diffHead").size());
        assertEquals(6, d.path("diffLines").asInt());
        assertEquals(1, replay.path("plan").get(0).path("unservable").asInt());
        int replayed = 0;
        for (JsonNode line : json.path("timeline").path("traces").get(0).path("lines")) {
            boolean served = List.of("0000000000000011", "0000000000000012", "0000000000000013", "0000000000000021")
                    .contains(line.path("span").asText());
            assertEquals(served, line.path("replayed").asBoolean(), line.toString());
            replayed += served ? 1 : 0;
        }
        assertEquals(4, replayed);
        for (JsonNode span : json.path("slowest")) {
            assertTrue(span.has("replayed"), span.toString());
        }
    }

    @Test
    void aReplayWithoutDivergenceIsOneLine() throws Exception {
        Path file = replayRun(false).writeTo(dir.resolve(REPLAY_ID + ".jsonl"));
        String out = Cli.run("summary", file.toString()).out();
        assertTrue(out.contains("\nReplay\n  replay of run " + Recordings.RUN_ID + ": 3 of 4 LLM calls served (1 from"
                + " an override), 0 diverged; 1 tool call served\n  pre-flight:"), out);
        assertFalse(out.contains("divergences"), out);
    }

    @Test
    void nestedLlmSpansCountAsOneCall() throws Exception {
        Path file = new TraceBuilder().run(REPLAY_ID).set("mode", "replay").set("replayOf", Recordings.RUN_ID)
                .method(1, "com.acme.ChatModel", "chat", "llm", "model")
                .method(2, "com.acme.ChatModel", "doChat", "llm", "model")
                .span(1, 0x2, 0x1, 2, 1_000, 5_000)
                .span(1, 0x1, 0, 1, 0, 9_000)
                .line("{\"type\":\"replayed\",\"span\":\"0000000000000002\",\"call\":1,\"kind\":\"llm\","
                        + "\"source\":\"recording\",\"key\":\"POST /v1/chat/completions\"}")
                .stats(2, 0, 0)
                .writeTo(dir.resolve("nested.jsonl"));
        String out = Cli.run("summary", file.toString()).out();
        assertTrue(out.contains("replay of run " + Recordings.RUN_ID + ": 1 of 1 LLM calls served, 0 diverged\n"),
                out);
    }

    @Test
    void aTracedRunHasNeitherSection() {
        String out = Cli.run("summary", Traces.sample().toString()).out();
        assertFalse(out.contains("\nRecording\n") || out.contains("\nReplay\n") || out.contains("replayed"), out);
    }

    private static int countInSlowest(String out) {
        String slowest = out.substring(out.indexOf("Slowest spans"));
        slowest = slowest.contains("\n\n") ? slowest.substring(0, slowest.indexOf("\n\n")) : slowest;
        return slowest.split("\\(replayed").length - 1;
    }

    /**
     * A replay of the golden recording with a changed prompt: calls 1-3 served (call 3 from an override), call 2
     * diverged, call 4 went live; the weather tool served from the recording.
     */
    static TraceBuilder replayRun(boolean diverged) {
        String trace = String.format("%032x", 1);
        TraceBuilder b = new TraceBuilder().run(REPLAY_ID).set("mode", "replay").set("replayOf", Recordings.RUN_ID)
                .set("replayPlan", List.of(Map.of("kind", "llm", "key", Recordings.ENDPOINT, "recorded", 4,
                        "served", 3, "unservable", 1, "reasons", List.of("call 4: failed without a response"))))
                .method(1, "com.acme.Agent", "chat", "agent", "agent")
                .method(2, "com.acme.Llm", "complete", "llm", "openai")
                .method(3, "com.acme.Weather", "forecast", "tool", "weather")
                .span(1, 0x11, 0x1, 2, 1_000_000, 1_000_000)
                .line(replayed("0000000000000011", 1, "llm", "recording"))
                .span(1, 0x21, 0x1, 3, 3_000_000, 1_000_000)
                .line(replayed("0000000000000021", 0, "tool", "recording"))
                .span(1, 0x12, 0x1, 2, 5_000_000, 1_000_000)
                .line(replayed("0000000000000012", 2, "llm", "recording"));
        if (diverged) {
            b.line("{\"type\":\"divergence\",\"call\":2,\"span\":\"0000000000000012\",\"kind\":\"llm\",\"key\":\""
                    + Recordings.ENDPOINT + "\",\"diff\":\"request body differs at $.messages[0].content:\\n"
                    + "- \\\"What is the weather in Paris?\\\"\\n+ \\\"What is the weather in Rome?\\\"\\n"
                    + "(recorded 212 bytes, sent 211 bytes)\\nline five\\nline six\"}");
        }
        return b.span(1, 0x13, 0x1, 2, 7_000_000, 1_000_000)
                .line(replayed("0000000000000013", 3, "llm", "override"))
                .span(1, 0x14, 0x1, 2, 9_000_000, 300_000_000)
                .span(1, 0x1, 0, 1, 0, 320_000_000)
                .stats(6, 0, 0);
    }

    private static String replayed(String span, int call, String kind, String source) {
        return "{\"type\":\"replayed\",\"span\":\"" + span + "\",\"call\":" + call + ",\"kind\":\"" + kind
                + "\",\"source\":\"" + source + "\",\"key\":\"" + ("llm".equals(kind) ? Recordings.ENDPOINT
                : "com.acme.Weather#forecast(Ljava/lang/String;)Ljava/lang/String;") + "\"}";
    }
}
