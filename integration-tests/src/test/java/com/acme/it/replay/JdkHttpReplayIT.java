package com.acme.it.replay;

import com.acme.it.apps.langchain4j.LangChain4jApp;
import com.acme.it.apps.replay.EchoLlmServer;
import com.acme.it.apps.replay.LangChain4jReplayApp;
import com.acme.it.apps.replay.PromptApp;
import com.acme.it.apps.stub.ScriptedLlmServer;
import com.acme.it.harness.ChildJvm;
import com.acme.it.replay.ReplayRuns.Run;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.acme.research.llm.OpenAiClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.acme.it.replay.ReplayRuns.agentLines;
import static com.acme.it.replay.ReplayRuns.closedBaseUrl;
import static com.acme.it.replay.ReplayRuns.run;
import static com.acme.it.replay.ReplayRuns.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Record and replay at the java.net.http layer, in real JVMs: the demo's hand-written client and
 * LangChain4j's default HTTP client recorded against a stub, then replayed with nothing listening on
 * the base URL and a dummy key; same stdout, same span tree, every call marked replayed.
 */
class JdkHttpReplayIT {
    @Test
    void demoReplaysOfflineWithTheSameOutputAndTree(@TempDir Path dir) throws Exception {
        String demoConfig = System.getProperty("agentdbg.demo.config");
        Path recorded = dir.resolve("recorded");
        ChildJvm.Result record = new ChildJvm(Jdks.current())
                .agent("config=" + demoConfig + ",output.dir=" + recorded + ",mode=record")
                .jar(ChildJvm.demoJar()).run(dir.resolve("record")).assertSuccess();
        Trace recording = Trace.readSingleRun(recorded);
        recording.assertAgentHealthy();
        List<JsonNode> exchanges = recording.replayRecords("exchange");
        assertEquals(7, exchanges.size(), "5 blocking and 2 streamed LLM calls: " + exchanges);
        for (JsonNode x : exchanges) {
            assertTrue(x.path("complete").asBoolean(), x.toString());
            assertEquals("java.net.http", x.path("client").asText());
            assertEquals("POST /v1/chat/completions", x.path("endpoint").asText());
        }
        String recordingText = Files.readString(recording.files.get(0), StandardCharsets.UTF_8);
        assertFalse(recordingText.contains(OpenAiClient.DEFAULT_API_KEY), "the recording holds no API key");
        assertFalse(recordingText.toLowerCase().contains("\"authorization\""), "no Authorization header");

        Path replayed = dir.resolve("replayed");
        ChildJvm.Result replay = new ChildJvm(Jdks.current())
                .agent("config=" + demoConfig + ",output.dir=" + replayed + ",mode=replay,replay.from=" + recorded)
                .env("RESEARCH_DEMO_BASE_URL", closedBaseUrl() + "/v1/")
                .env("OPENAI_API_KEY", "dummy")
                .jar(ChildJvm.demoJar()).run(dir.resolve("replay")).assertSuccess();
        assertEquals(record.stdout(), replay.stdout(), replay.stderr());
        Trace trace = Trace.readSingleRun(replayed);
        trace.assertAgentHealthy();
        assertEquals(tree(recording), tree(trace));
        assertEquals(7, trace.replayRecords("replayed").size(), trace.replayRecords.toString());
        JsonNode run = trace.runs.get(0);
        assertEquals("replay", run.path("mode").asText());
        assertEquals(recording.runs.get(0).path("runId").asText(), run.path("replayOf").asText());
        for (JsonNode served : trace.replayRecords("replayed")) {
            assertEquals("llm", trace.kind(trace.span(served.get("span").asText())), "served inside an llm span");
        }
    }

    @Test
    void langChain4jBlockingAndStreamingToolLoopsReplayOffline(@TempDir Path dir) throws Exception {
        List<String> preset = List.of("agentdbg.presets=langchain4j");
        Run record;
        try (ScriptedLlmServer stub = new ScriptedLlmServer()) {
            LangChain4jApp.script(stub);
            record = run(dir, "record", with(preset, "agentdbg.mode=record"), LangChain4jReplayApp.class,
                    stub.baseUrl(), LangChain4jApp.API_KEY);
            record.result().assertSuccess();
            assertEquals(4, stub.received().size());
        }
        assertTrue(record.stdout().contains("streamed answer: It is 14:05 in Oslo."), record.stdout());
        Trace recording = record.trace();
        recording.assertAgentHealthy();
        assertEquals(4, recording.replayRecords("exchange").size(), recording.replayRecords.toString());
        String recordingText = Files.readString(recording.files.get(0), StandardCharsets.UTF_8);
        assertFalse(recordingText.contains(LangChain4jApp.API_KEY), "the recording holds no API key");

        Run replay = run(dir, "replay", with(preset, "agentdbg.mode=replay", "agentdbg.replay.from=" + record.traces()),
                LangChain4jReplayApp.class, closedBaseUrl(), "dummy-key");
        replay.result().assertSuccess();
        assertEquals(record.stdout(), replay.stdout(), agentLines(replay));
        Trace trace = replay.trace();
        trace.assertAgentHealthy();
        assertEquals(tree(recording), tree(trace));
        assertEquals(4, trace.replayRecords("replayed").size());
        assertTrue(trace.replayRecords("divergence").isEmpty(), trace.replayRecords("divergence").toString());
    }

    /** The rules of PromptApp's client. */
    static List<String> promptRules(String... more) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "agentdbg.rule.llm.match=com.acme.it.apps.replay.PromptLlm#ask",
                "agentdbg.rule.llm.kind=llm",
                "agentdbg.rule.llmstream.match=com.acme.it.apps.replay.PromptLlm#stream",
                "agentdbg.rule.llmstream.kind=llm"));
        lines.addAll(List.of(more));
        return lines;
    }

    static List<String> with(List<String> base, String... more) {
        return Stream.concat(base.stream(), Stream.of(more)).collect(Collectors.toList());
    }

    /** Records PromptApp asking {@code prompts} in {@code mode} against a stub tagged "rec". */
    static Run recordPrompts(Path dir, String name, String mode, String... prompts) throws Exception {
        try (EchoLlmServer stub = new EchoLlmServer("rec", 120)) {
            Run record = run(dir, name, promptRules("agentdbg.mode=record"), PromptApp.class,
                    args(stub.baseUrl(), mode, prompts));
            record.result().assertSuccess();
            record.trace().assertAgentHealthy();
            return record;
        }
    }

    static String[] args(String baseUrl, String mode, String... prompts) {
        return Stream.concat(Stream.of(baseUrl, mode), Stream.of(prompts)).toArray(String[]::new);
    }

    /** PromptApp's answer line for {@code prompt}. */
    static String line(Run run, String prompt) {
        return run.stdout().lines().filter(l -> l.startsWith(prompt + " => ")).findFirst()
                .orElseThrow(() -> new AssertionError("no answer to " + prompt + ":\n" + run.stdout() + run.stderr()));
    }
}
