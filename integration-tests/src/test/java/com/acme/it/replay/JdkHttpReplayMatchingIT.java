package com.acme.it.replay;

import com.acme.it.apps.replay.EchoLlmServer;
import com.acme.it.apps.replay.PromptApp;
import com.acme.it.harness.Trace;
import com.acme.it.replay.ReplayRuns.Run;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.acme.it.replay.JdkHttpReplayIT.args;
import static com.acme.it.replay.JdkHttpReplayIT.line;
import static com.acme.it.replay.JdkHttpReplayIT.promptRules;
import static com.acme.it.replay.JdkHttpReplayIT.recordPrompts;
import static com.acme.it.replay.ReplayRuns.agentLines;
import static com.acme.it.replay.ReplayRuns.closedBaseUrl;
import static com.acme.it.replay.ReplayRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a java.net.http replay matches requests to recorded answers, and what it does when they do not
 * fit: order vs content, strict divergence, exhaustion, live fallback, the until/override forks,
 * recorded timing of a stream, and a damaged recording. PromptApp's stub answers name the prompt and
 * the server ("rec" while recording, "live" for a live fallback), so each answer says where it came from.
 */
class JdkHttpReplayMatchingIT {
    private static final String[] ABCD = {"alpha", "bravo", "charlie", "delta"};

    private static Run replay(Path dir, String name, Run recorded, String baseUrl, List<String> keys, String mode,
                              String... prompts) throws Exception {
        List<String> lines = new ArrayList<>(List.of("agentdbg.mode=replay", "agentdbg.replay.from=" + recorded.traces()));
        lines.addAll(keys);
        Run run = run(dir, name, promptRules(lines.toArray(new String[0])), PromptApp.class, args(baseUrl, mode, prompts));
        run.result().assertSuccess();
        run.trace().assertAgentHealthy();
        return run;
    }

    @Test
    void contentMatchingServesParallelCallsTheirOwnAnswersAndOrderMatchingReportsTheSwap(@TempDir Path dir)
            throws Exception {
        Run parallel = recordPrompts(dir, "record-parallel", "parallel", ABCD);
        assertEquals(4, parallel.trace().replayRecords("exchange").size());
        for (String p : ABCD) {
            assertEquals(p + " => 200 {\"answer\":\"rec answers " + p + "\"}", line(parallel, p));
        }
        // Replayed in parallel again: whichever thread asks first, content matching finds its own answer.
        Run content = replay(dir, "content", parallel, closedBaseUrl(), List.of("agentdbg.replay.match=content"),
                "parallel", ABCD);
        assertEquals(parallel.stdout(), content.stdout(), agentLines(content));
        Trace contentTrace = content.trace();
        assertEquals(4, contentTrace.replayRecords("replayed").size());
        assertTrue(contentTrace.replayRecords("divergence").isEmpty(), contentTrace.replayRecords("divergence").toString());

        // A fixed order against a recording made in another: order matching serves by position and says so.
        Run sequential = recordPrompts(dir, "record-sequential", "sequential", ABCD);
        String[] reversed = {"delta", "charlie", "bravo", "alpha"};
        Run byOrder = replay(dir, "order", sequential, closedBaseUrl(), List.of(), "sequential", reversed);
        assertEquals("delta => 200 {\"answer\":\"rec answers alpha\"}", line(byOrder, "delta"));
        List<JsonNode> divergences = byOrder.trace().replayRecords("divergence");
        assertEquals(4, divergences.size(), "every request differs from the one recorded at its place");
        assertTrue(divergences.get(0).path("diff").asText().contains("delta"), divergences.get(0).toString());
        assertTrue(byOrder.stderr().contains("differs from the recording"), byOrder.stderr());
        Run byContent = replay(dir, "order-content", sequential, closedBaseUrl(),
                List.of("agentdbg.replay.match=content"), "sequential", reversed);
        for (String p : ABCD) {
            assertEquals(line(sequential, p), line(byContent, p));
        }
        assertTrue(byContent.trace().replayRecords("divergence").isEmpty());
    }

    @Test
    void strictExhaustionLiveFallbackAndForks(@TempDir Path dir) throws Exception {
        Run recorded = recordPrompts(dir, "record", "sequential", "alpha", "bravo", "charlie");

        Run strict = replay(dir, "strict", recorded, closedBaseUrl(), List.of("agentdbg.replay.strict=true"),
                "sequential", "alpha", "zulu", "charlie");
        assertEquals(line(recorded, "alpha"), line(strict, "alpha"));
        String failed = line(strict, "zulu");
        assertTrue(failed.startsWith("zulu => failed: dev.agentdbg.replay.ReplayException: agentdbg replay (strict): "
                + "LLM call 2 (POST /v1/chat/completions) differs from recorded call 2"), failed);
        assertTrue(strict.stdout().contains("zulu"), strict.stdout());
        assertEquals(line(recorded, "charlie"), line(strict, "charlie"), "the calls after a refused one are served");

        Run exhausted = replay(dir, "exhausted", recorded, closedBaseUrl(), List.of(), "sequential",
                "alpha", "bravo", "charlie", "delta");
        String missing = line(exhausted, "delta");
        assertTrue(missing.contains("ReplayException: agentdbg replay: LLM call 4 (POST /v1/chat/completions) asked for "
                + "answer 4 of that endpoint, but run "), missing);
        assertTrue(missing.contains("recorded 3 answers for it; set agentdbg.replay.onMissing=live"), missing);

        try (EchoLlmServer live = new EchoLlmServer("live", 0)) {
            Run fallback = replay(dir, "live", recorded, live.baseUrl(), List.of("agentdbg.replay.onMissing=live"),
                    "sequential", "alpha", "bravo", "charlie", "delta");
            assertEquals(line(recorded, "charlie"), line(fallback, "charlie"));
            assertEquals("delta => 200 {\"answer\":\"live answers delta\"}", line(fallback, "delta"));
            assertEquals(1, live.served(), "only the call beyond the recording went to the network");

            Run until = replay(dir, "until", recorded, live.baseUrl(), List.of("agentdbg.replay.until=1"),
                    "sequential", "alpha", "bravo", "charlie");
            assertEquals(line(recorded, "alpha"), line(until, "alpha"));
            assertEquals("bravo => 200 {\"answer\":\"live answers bravo\"}", line(until, "bravo"));
            assertEquals("charlie => 200 {\"answer\":\"live answers charlie\"}", line(until, "charlie"));
            assertEquals(3, live.served());
            assertEquals(1, until.trace().replayRecords("replayed").size());
        }

        Path edited = Files.writeString(dir.resolve("answer-2.json"), "{\"answer\":\"what if the model had said this\"}");
        Run override = replay(dir, "override", recorded, closedBaseUrl(),
                List.of("agentdbg.replay.override.2=" + edited), "sequential", "alpha", "bravo", "charlie");
        assertEquals("bravo => 200 {\"answer\":\"what if the model had said this\"}", line(override, "bravo"));
        assertEquals(line(recorded, "charlie"), line(override, "charlie"));
        List<JsonNode> served = override.trace().replayRecords("replayed");
        assertEquals(List.of("recording", "override", "recording"), served.stream().map(r -> r.path("source").asText()).toList());
    }

    @Test
    void aCallThatFailedWhenRecordedIsRecordedAsFailedAndNotServed(@TempDir Path dir) throws Exception {
        Run recorded = run(dir, "record", promptRules("agentdbg.mode=record"), PromptApp.class,
                args(closedBaseUrl(), "sequential", "alpha"));
        recorded.result().assertSuccess();
        assertTrue(line(recorded, "alpha").startsWith("alpha => failed: java.net.ConnectException"), recorded.stdout());
        JsonNode exchange = recorded.trace().replayRecords("exchange").get(0);
        assertFalse(exchange.path("complete").asBoolean(), exchange.toString());
        assertFalse(exchange.has("response"), exchange.toString());
        assertEquals("java.net.ConnectException", exchange.path("error").path("type").asText(), exchange.toString());

        Run replay = replay(dir, "replay", recorded, closedBaseUrl(), List.of(), "sequential", "alpha");
        String plan = agentLines(replay);
        assertTrue(plan.contains("1 recorded, 0 will be served"), plan);
        assertTrue(plan.contains("cannot serve call 1: the call failed when recorded: java.net.ConnectException"), plan);
        String refused = line(replay, "alpha");
        assertTrue(refused.contains("ReplayException") && refused.contains("which cannot be served"), refused);
    }

    @Test
    void recordedTimingKeepsTheStreamsDelays(@TempDir Path dir) throws Exception {
        Run recorded = recordPrompts(dir, "record", "stream", "slow");
        JsonNode exchange = recorded.trace().replayRecords("exchange").get(0);
        JsonNode chunks = exchange.path("response").path("chunks");
        assertTrue(chunks.size() >= 3, "the stub flushed each event on its own: " + exchange);
        long lastAt = chunks.get(chunks.size() - 1).path("at").asLong();
        String recordedLines = line(recorded, "slow");

        Run fast = replay(dir, "fast", recorded, closedBaseUrl(), List.of(), "stream", "slow");
        assertEquals(recordedLines, line(fast, "slow"));
        Run timed = replay(dir, "timed", recorded, closedBaseUrl(), List.of("agentdbg.replay.timing=recorded"),
                "stream", "slow");
        assertEquals(recordedLines, line(timed, "slow"), "same events, same order");
        long elapsed = timed.stdout().lines().filter(l -> l.startsWith("elapsedNanos ")).mapToLong(
                l -> Long.parseLong(l.substring("elapsedNanos ".length()))).findFirst().orElseThrow();
        // A lower bound only, which the replay guarantees: no chunk is handed over before its recorded offset.
        assertTrue(elapsed >= lastAt, "the replayed stream took " + elapsed + " ns, its last chunk came after " + lastAt);
    }

    @Test
    void aDamagedRecordingStillServesTheCallsItHolds(@TempDir Path dir) throws Exception {
        Run recorded = recordPrompts(dir, "record", "sequential", ABCD);
        Path file = recorded.trace().files.get(0);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int second = -1;
        int fourth = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"type\":\"exchange\",\"call\":2,")) {
                second = i;
            } else if (lines.get(i).startsWith("{\"type\":\"exchange\",\"call\":4,")) {
                fourth = i;
            }
        }
        assertTrue(second > 0 && fourth > second, lines.toString());
        // bravo's line is corrupt in the middle of the file; the file ends inside delta's line (a cut copy).
        List<String> damaged = new ArrayList<>(lines.subList(0, fourth));
        damaged.set(second, lines.get(second).substring(0, lines.get(second).length() / 2) + "#garbage#");
        String text = String.join("\n", damaged) + "\n" + lines.get(fourth).substring(0, lines.get(fourth).length() / 2);
        Files.writeString(file, text, StandardCharsets.UTF_8);

        Run replay = replay(dir, "replay", recorded, closedBaseUrl(), List.of("agentdbg.replay.match=content"),
                "sequential", "alpha", "charlie", "bravo", "delta");
        String plan = agentLines(replay);
        assertTrue(plan.contains("2 recorded, 2 will be served"), plan);
        assertTrue(plan.contains("problem: " + file.getFileName() + " line " + (second + 1)
                + " is not a complete JSON record (corrupt)"), plan);
        assertTrue(plan.contains("problem: " + file.getFileName() + " line " + (fourth + 1)
                + " is not a complete JSON record (the file ends inside it: truncated)"), plan);
        assertEquals(line(recorded, "alpha"), line(replay, "alpha"));
        assertEquals(line(recorded, "charlie"), line(replay, "charlie"));
        assertTrue(line(replay, "bravo").contains("ReplayException"), line(replay, "bravo"));
        assertTrue(line(replay, "delta").contains("recorded 2 answers"), line(replay, "delta"));
        assertFalse(replay.stdout().contains("failed: java.net.ConnectException"), "nothing went to the network");
    }
}
