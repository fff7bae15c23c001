package com.acme.it;

import com.acme.it.apps.openaijava.RecordReplayApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Replays;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Record and replay on the real OpenAI Java SDK (OkHttp transport): a run recorded against a stub is
 * replayed in a fresh JVM with no server at the base URL and a dummy key, blocking, async and
 * streamed calls alike, and gives the same output and span tree. A changed tool replayed with
 * {@code replay.kinds=llm} runs for real, and the next prompt's difference is reported.
 */
class OpenAiJavaReplayIT {
    private static final String DUMMY_KEY = "sk-dummy";

    @Test
    void recordedRunReplaysOfflineWithTheSameOutputAndSpans(@TempDir Path dir) throws Exception {
        Path recorded = dir.resolve("recorded");
        ChildJvm.Result original = record(dir, recorded);
        Trace recording = Trace.readSingleRun(recorded);
        recording.assertAgentHealthy();
        assertEquals("record", recording.runs.get(0).path("mode").asText());
        assertEquals(4, recording.exchanges.size(), "tool loop (2), async (1), stream (1): " + recording.exchanges);
        for (JsonNode e : recording.exchanges) {
            assertEquals("openai-java", e.path("client").asText());
            assertEquals("POST /v1/chat/completions", e.path("endpoint").asText());
            assertTrue(e.path("complete").asBoolean(), e.toString());
            assertTrue(e.path("request").path("body").asText().startsWith("{"), "the JSON the SDK sent: " + e);
        }
        JsonNode streamed = recording.exchanges.get(3);
        assertTrue(streamed.path("response").path("chunks").toString().contains("data: "), streamed.toString());
        Replays.assertNowhere(recorded, RecordReplayApp.API_KEY);

        Path replayed = dir.resolve("replayed");
        ChildJvm.Result replay = replay(dir, recorded, replayed, "llm").run(dir.resolve("replay-out")).assertSuccess();
        assertEquals(original.stdout(), replay.stdout(), "the replay printed what the recorded run printed");
        assertTrue(replay.stdout().contains("completed on the caller's thread: false"), replay.stdout());
        assertTrue(replay.stdout().contains("stream: Grand| old| lady"), replay.stdout());
        assertFalse(replay.stderr().contains("Exception"), replay.stderr());

        Trace trace = Trace.readSingleRun(replayed);
        trace.assertAgentHealthy();
        assertEquals("replay", trace.runs.get(0).path("mode").asText());
        assertEquals(Replays.shape(recording), Replays.shape(trace), "same span tree");
        assertEquals(4, trace.replayed.size(), "every LLM call answered from the recording: " + trace.replayed);
        assertEquals(List.of(), trace.divergences, "nothing differed");
        assertEquals(0, trace.exchanges.size(), "a replay records nothing new");
    }

    @Test
    void aChangedToolRunsForRealAndTheNextPromptsDifferenceIsReported(@TempDir Path dir) throws Exception {
        Path recorded = dir.resolve("recorded");
        ChildJvm.Result original = record(dir, recorded);
        assertTrue(original.stdout().contains("tool get_weather: sunny, 24 C in Paris"), original.stdout());

        Path replayed = dir.resolve("replayed");
        ChildJvm.Result replay = replay(dir, recorded, replayed, "llm").jvmArg("-Dapp.forecast=v2")
                .run(dir.resolve("replay-out")).assertSuccess();
        assertTrue(replay.stdout().contains("tool get_weather: cloudy, 17 C in Paris"), "the new tool ran: " + replay.stdout());
        assertTrue(replay.stdout().contains("tools: No umbrella: sunny in Paris. [chatcmpl-rr-2]"),
                "the model's recorded answer is served all the same: " + replay.stdout());
        assertTrue(replay.stderr().contains("differs from the recording"), replay.stderr());
        assertTrue(replay.stderr().contains("cloudy, 17 C in Paris"), "the diff shows the tool's new result: " + replay.stderr());

        Trace trace = Trace.readSingleRun(replayed);
        trace.assertAgentHealthy();
        JsonNode divergence = Trace.single(trace.divergences);
        assertEquals(2, divergence.path("call").asInt(), "the request after the tool: " + divergence);
        assertTrue(divergence.path("diff").asText().contains("sunny, 24 C in Paris"), divergence.toString());
        assertTrue(divergence.path("diff").asText().contains("cloudy, 17 C in Paris"), divergence.toString());
        JsonNode tool = Trace.single(trace.spansOfKind("tool"));
        assertEquals("cloudy, 17 C in Paris", tool.path("result").asText(), "the tool's span is the real new call");
        assertEquals(4, trace.replayed.size(), trace.replayed.toString());
    }

    @Test
    void strictReplayFailsTheDivergingCallThroughTheSdkWithTheDifference(@TempDir Path dir) throws Exception {
        Path recorded = dir.resolve("recorded");
        record(dir, recorded);
        Path replayed = dir.resolve("replayed");
        ChildJvm.Result replay = replay(dir, recorded, replayed, "llm", "agentdbg.replay.strict=true")
                .jvmArg("-Dapp.forecast=v2").run(dir.resolve("replay-out"));
        assertEquals(1, replay.exitCode(), "the diverging call failed the app: " + replay.stderr());
        assertTrue(replay.stdout().contains("tool get_weather: cloudy, 17 C in Paris"), replay.stdout());
        assertFalse(replay.stdout().contains("tools: "), "the second model call never returned: " + replay.stdout());
        assertTrue(replay.stderr().contains("dev.agentdbg.replay.ReplayException: agentdbg replay (strict): LLM call 2"),
                "the SDK hands the agent's exception to the app unchanged: " + replay.stderr());
        assertTrue(replay.stderr().contains("\"cloudy, 17 C in Paris\""), replay.stderr());
    }

    private static ChildJvm.Result record(Path dir, Path traces) throws Exception {
        Path config = dir.resolve("record.properties");
        Files.writeString(config, String.join("\n", rules(traces), "agentdbg.mode=record", ""));
        return new ChildJvm(Jdks.current()).agent("config=" + config).main(RecordReplayApp.class, "stub")
                .run(dir.resolve("record-out")).assertSuccess();
    }

    private static ChildJvm replay(Path dir, Path recorded, Path traces, String kinds, String... more) throws Exception {
        Path config = dir.resolve("replay.properties");
        Files.writeString(config, String.join("\n", rules(traces), "agentdbg.mode=replay",
                "agentdbg.replay.from=" + recorded, "agentdbg.replay.kinds=" + kinds, String.join("\n", more), ""));
        return new ChildJvm(Jdks.current()).agent("config=" + config).jvmArg("-Dapp.apiKey=" + DUMMY_KEY)
                .main(RecordReplayApp.class, Replays.closedBaseUrl());
    }

    private static String rules(Path traces) {
        return String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.presets=openai-java",
                "agentdbg.rule.forecast-agent.match=com.acme.it.apps.openaijava.ForecastAgent#run*",
                "agentdbg.rule.forecast-agent.kind=agent",
                "agentdbg.rule.forecast-tool.match=com.acme.it.apps.openaijava.ForecastTool#lookup",
                "agentdbg.rule.forecast-tool.kind=tool",
                "agentdbg.rule.stream-model.match=com.acme.it.apps.openaijava.StreamingModel#complete",
                "agentdbg.rule.stream-model.kind=llm");
    }
}
