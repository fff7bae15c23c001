package com.acme.it;

import com.acme.it.apps.springai.SpringAiApp;
import com.acme.it.apps.springai.SpringAiReplayApp;
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
 * Record and replay on Spring AI 2: {@code OpenAiChatModel} sends through Spring AI's own OkHttp
 * client for the OpenAI SDK ({@code SpringAiOpenAiHttpClient}). A ChatClient call with two tools,
 * recorded against a stub, replays in a fresh JVM with no server and a dummy key: same answer, same
 * span tree, the tools run for real against the recorded model decisions.
 */
class SpringAiReplayIT {
    @Test
    void chatClientWithToolsReplaysOffline(@TempDir Path dir) throws Exception {
        Path recorded = dir.resolve("recorded");
        Path recordConfig = dir.resolve("record.properties");
        Files.writeString(recordConfig, String.join("\n",
                "agentdbg.output.dir=" + recorded, "agentdbg.presets=spring-ai", "agentdbg.mode=record", ""));
        ChildJvm.Result original = new ChildJvm(Jdks.current()).agent("config=" + recordConfig)
                .main(SpringAiReplayApp.class, "stub").run(dir.resolve("record-out")).assertSuccess();
        assertTrue(original.stdout().contains("answer: It is sunny in Paris, 21 C."), original.stdout());

        Trace recording = Trace.readSingleRun(recorded);
        recording.assertAgentHealthy();
        assertEquals(2, recording.exchanges.size(), "one exchange per model request: " + recording.exchanges);
        for (JsonNode e : recording.exchanges) {
            assertEquals("openai-java", e.path("client").asText(), "Spring AI's client speaks the SDK's transport");
            assertTrue(e.path("complete").asBoolean(), e.toString());
        }
        assertTrue(recording.exchanges.get(1).path("request").path("body").asText().contains("14:05"),
                "the second request carries the tools' results");
        Replays.assertNowhere(recorded, SpringAiApp.API_KEY);

        Path replayed = dir.resolve("replayed");
        Path replayConfig = dir.resolve("replay.properties");
        Files.writeString(replayConfig, String.join("\n",
                "agentdbg.output.dir=" + replayed, "agentdbg.presets=spring-ai", "agentdbg.mode=replay",
                "agentdbg.replay.from=" + recorded, ""));
        ChildJvm.Result replay = new ChildJvm(Jdks.current()).agent("config=" + replayConfig)
                .jvmArg("-Dapp.apiKey=sk-dummy")
                .main(SpringAiReplayApp.class, Replays.closedBaseUrl()).run(dir.resolve("replay-out")).assertSuccess();
        assertEquals(original.stdout(), replay.stdout());
        assertFalse(replay.stderr().contains("Exception"), replay.stderr());

        Trace trace = Trace.readSingleRun(replayed);
        trace.assertAgentHealthy();
        assertEquals(Replays.shape(recording), Replays.shape(trace), "same span tree");
        assertEquals(2, trace.replayed.size(), trace.replayed.toString());
        assertEquals(List.of(), trace.divergences, "the tools answered as recorded, so nothing differed");
        assertEquals(2, trace.spansOfKind("tool").size(), "the tools ran for real (replay.kinds=llm)");
    }
}
