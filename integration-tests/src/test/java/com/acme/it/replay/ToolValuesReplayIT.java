package com.acme.it.replay;

import com.acme.it.apps.ValueToolApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tool values at full fidelity: a run in record mode keeps what each tool call returned or threw; a
 * replay with {@code agentdbg.replay.kinds=llm,tool} in a fresh JVM, where the tools would now fail
 * or answer differently, hands the program the same objects (records, final fields, enums,
 * collections, maps, Optional, a Kotlin data class, an exception with its cause and stack), keeps
 * the span tree, and names the one value that cannot be rebuilt (a socket) in its pre-flight.
 */
class ToolValuesReplayIT {
    private static final String[] RULES = {"agentdbg.rule.tools.match=com.acme.it.apps.ValueToolApp$Tools",
        "agentdbg.rule.tools.kind=tool", "agentdbg.rule.index.match=com.acme.it.apps.ValueToolApp$Index",
        "agentdbg.rule.index.kind=retrieval"};

    @Test
    void replayedToolsAnswerWhatTheyAnsweredWhenRecorded(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("record"));
        Files.createDirectories(dir.resolve("replay"));
        Path recorded = dir.resolve("recorded");
        Path config = Configs.of(dir.resolve("record"), recorded, config("agentdbg.mode=record"));
        ChildJvm.Result record = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(ValueToolApp.class).run(dir.resolve("record"));
        record.assertSuccess();
        Trace original = Trace.readSingleRun(recorded);
        original.assertAgentHealthy();

        List<JsonNode> values = original.replayRecords("value");
        assertEquals(8, values.size(), "one value per call with a span (the wordCount inside summarize is part of it,"
                + " the lookup is not): " + values);
        Set<String> spans = original.spans.stream().map(s -> s.get("span").asText()).collect(Collectors.toSet());
        for (JsonNode v : values) {
            assertTrue(spans.contains(v.get("span").asText()), "a value joins its span: " + v);
        }
        JsonNode search = byMethod(values, "search");
        assertEquals("com.acme.it.apps.ValueToolApp$SearchResult", search.get("class").asText());
        assertEquals("[\"jvm agents\"]", search.get("args").asText());
        assertTrue(search.has("kryo"));
        JsonNode fetch = byMethod(values, "fetch");
        assertEquals("throw", fetch.get("outcome").asText());
        assertEquals("void", byMethod(values, "remember").get("class").asText());
        JsonNode connect = byMethod(values, "connect");
        assertEquals("java.net.Socket: a socket is a connection of this process (at Connection.socket)",
                connect.get("unrebuildable").asText());
        JsonNode summarize = byMethod(values, "summarize");
        JsonNode lookup = byMethod(values, "lookup");
        assertEquals("retrieval", lookup.get("kind").asText());
        assertEquals(summarize.get("span").asText(), lookup.get("within").asText(), "the lookup says where it ran");
        assertEquals("[\"a b c d\"]", lookup.get("args").asText());

        Path replayed = dir.resolve("replayed");
        Path replayConfig = Configs.of(dir.resolve("replay"), replayed, config("agentdbg.mode=replay",
                "agentdbg.replay.from=" + recorded, "agentdbg.replay.kinds=llm,tool"));
        ChildJvm.Result replay = new ChildJvm(Jdks.current()).agent("config=" + replayConfig)
                .jvmArg("-Dtoolapp.broken=true").main(ValueToolApp.class).run(dir.resolve("replay"));
        replay.assertSuccess();

        List<String> before = lines(record.stdout());
        List<String> after = lines(replay.stdout());
        assertEquals(before.size(), after.size(), replay.stdout());
        for (int i = 0; i < before.size() - 1; i++) {
            assertEquals(before.get(i), after.get(i), "the replayed tool answers as recorded");
        }
        assertEquals("connect: db", before.get(before.size() - 1));
        assertTrue(after.get(after.size() - 1).startsWith("connect failed: agentdbg replay: tool call 1 of "
                + "com.acme.it.apps.ValueToolApp$Tools#connect()"), after.get(after.size() - 1));
        assertTrue(after.get(after.size() - 1).contains("cannot be served: unrebuildable: java.net.Socket"));
        assertTrue(before.get(0).contains("best=(a, 1)"), "the Kotlin pair is printed: " + before.get(0));
        assertTrue(before.get(4).contains("ToolFailure fetch failed") && before.get(4).contains("status=503")
                && before.get(4).contains("cause=java.io.IOException: connection reset") && before.get(4).endsWith("at fetch"),
                before.get(4));

        assertTrue(replay.stderr().contains("cannot serve call 1: unrebuildable: java.net.Socket: a socket is a "
                + "connection of this process (at Connection.socket)"), replay.stderr());
        assertTrue(replay.stderr().lines().anyMatch(l -> l.endsWith(
                "retrieval 1 recorded call of 1 method run live (agentdbg.replay.kinds=llm,tool)")), replay.stderr());

        Trace again = Trace.readSingleRun(replayed);
        again.assertAgentHealthy();
        assertEquals(original.spansOfKind("tool").size(), again.spansOfKind("tool").size(), "every tool call has its span");
        assertEquals(1, original.spansOfKind("retrieval").size());
        assertEquals(0, again.spansOfKind("retrieval").size(), "the lookup inside the replayed summarize did not run");
        List<JsonNode> served = again.replayRecords("replayed");
        assertEquals(6, served.size(), "six calls served from the recording (connect cannot be): " + served);
        JsonNode run = again.runs.get(0);
        assertEquals("replay", run.get("mode").asText());
        assertEquals(original.runs.get(0).get("runId").asText(), run.get("replayOf").asText());
        assertTrue(again.replayRecords("divergence").isEmpty(), again.replayRecords("divergence").toString());
    }

    @Test
    void aChangedArgumentIsReportedOrFailsAndACallBeyondTheRecordingFails(@TempDir Path dir) throws Exception {
        Path recorded = dir.resolve("recorded");
        Files.createDirectories(dir.resolve("record"));
        new ChildJvm(Jdks.current()).agent("config=" + Configs.of(dir.resolve("record"), recorded,
                config("agentdbg.mode=record"))).main(ValueToolApp.class).run(dir.resolve("record")).assertSuccess();
        String runId = Trace.readSingleRun(recorded).runs.get(0).get("runId").asText();

        Files.createDirectories(dir.resolve("diverge"));
        Path diverged = dir.resolve("diverged");
        ChildJvm.Result lenient = new ChildJvm(Jdks.current()).agent("config=" + Configs.of(dir.resolve("diverge"),
                diverged, config("agentdbg.mode=replay", "agentdbg.replay.from=" + recorded,
                        "agentdbg.replay.kinds=tool"))).jvmArg("-Dtoolapp.query=jvm tracers").jvmArg("-Dtoolapp.again=true")
                .main(ValueToolApp.class).run(dir.resolve("diverge"));
        lenient.assertSuccess();
        assertTrue(lenient.stdout().startsWith("search: SearchResult[query=jvm agents,"),
                "served as recorded, with a report: " + lenient.stdout());
        assertTrue(lenient.stderr().contains("[agentdbg] replay: tool call 1 "
                + "(com.acme.it.apps.ValueToolApp$Tools#search(Ljava/lang/String;)Lcom/acme/it/apps/ValueToolApp$SearchResult;)"
                + " differs from the recording:\n  arguments differ at character 6:\n    recorded: [\"jvm agents\"]\n"
                + "    now:      [\"jvm tracers\"]"), lenient.stderr());
        JsonNode divergence = Trace.single(Trace.readSingleRun(diverged).replayRecords("divergence"));
        assertEquals("tool", divergence.get("kind").asText());
        assertTrue(lenient.stdout().contains("words again failed: agentdbg replay: call 2 of "
                + "com.acme.it.apps.ValueToolApp$Tools#wordCount(Ljava/lang/String;)I asked for recorded value 2, but run "
                + runId + " recorded 1 call of it; set agentdbg.replay.onMissing=live to run the method for real beyond"
                + " the recording"), lenient.stdout());

        Files.createDirectories(dir.resolve("strict"));
        ChildJvm.Result strict = new ChildJvm(Jdks.current()).agent("config=" + Configs.of(dir.resolve("strict"),
                dir.resolve("strictTraces"), config("agentdbg.mode=replay", "agentdbg.replay.from=" + recorded,
                        "agentdbg.replay.kinds=tool", "agentdbg.replay.strict=true", "agentdbg.replay.onMissing=live")))
                .jvmArg("-Dtoolapp.query=jvm tracers").jvmArg("-Dtoolapp.again=true")
                .main(ValueToolApp.class).run(dir.resolve("strict"));
        assertEquals(1, strict.exitCode(), "the search fails, and the app does not catch it");
        assertTrue(strict.stderr().contains("dev.agentdbg.replay.ReplayException: agentdbg replay (strict): tool call 1 of "
                + "com.acme.it.apps.ValueToolApp$Tools#search(Ljava/lang/String;)Lcom/acme/it/apps/ValueToolApp$SearchResult;"
                + " differs from recorded call 1 of run " + runId + ":"), strict.stderr());
    }

    private static String[] config(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(RULES));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private static JsonNode byMethod(List<JsonNode> values, String method) {
        return Trace.single(values.stream().filter(v -> v.get("key").asText().contains("#" + method + "(")).toList());
    }

    private static List<String> lines(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
