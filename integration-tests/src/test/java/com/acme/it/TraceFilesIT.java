package com.acme.it;

import com.acme.it.apps.BusyApp;
import com.acme.it.apps.RulesApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trace files as the agent leaves them: after SIGKILL, and when rotated by size. */
class TraceFilesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jvmKilledWithSigkillLeavesAReadableTrace(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.sampleAgent(dir, traces);
        Process process = new ChildJvm(Jdks.current()).agent("config=" + config).main(BusyApp.class).start(dir);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(dir.resolve("stdout.txt")).contains("warm")) {
                assertTrue(process.isAlive(), "BusyApp died: " + Files.readString(dir.resolve("stderr.txt")));
                assertTrue(System.nanoTime() < deadline, "BusyApp never warmed up");
                Thread.sleep(50);
            }
            Thread.sleep(700); // a few flush intervals while spans keep coming
        } finally {
            process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(137, process.exitValue(), "killed by SIGKILL");

        Trace trace = Trace.readSingleRun(traces); // fails on any line that does not parse
        byte[] bytes = Files.readAllBytes(trace.files.get(0));
        assertEquals('\n', bytes[bytes.length - 1], "the file ends with a complete line");
        assertEquals(1, trace.runs.size());
        assertTrue(trace.spans.size() > 100, "spans written before the kill: " + trace.spans.size());
        assertTrue(trace.stats.isEmpty(), "no final stats after SIGKILL");
        for (JsonNode span : trace.spans) {
            assertTrue(trace.methods.containsKey(span.get("method").asInt()), "method record before " + span);
        }

        ChildJvm.Result summary = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "summary", traces.toString()).run(dir.resolve("analyzer"));
        assertEquals(0, summary.exitCode(), summary.stderr() + summary.stdout());
        String all = summary.stdout() + summary.stderr();
        assertTrue(all.contains("no final stats"), all);
        assertTrue(summary.stdout().contains("ResearchAgent.runTask"), summary.stdout());
    }

    @Test
    void filesRotateBySizeAndEachPartStandsAlone(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.sampleAgent(dir, traces, "agentdbg.file.rotate.size=3KB");
        new ChildJvm(Jdks.current()).agent("config=" + config).main(RulesApp.class).run(dir).assertSuccess();

        Trace trace = Trace.readSingleRun(traces);
        assertTrue(trace.files.size() >= 3, "rotated into several parts: " + trace.files);
        assertEquals(trace.files.size(), trace.runs.size());
        for (int part = 0; part < trace.files.size(); part++) {
            List<String> lines = Files.readAllLines(trace.files.get(part), StandardCharsets.UTF_8);
            JsonNode head = JSON.readTree(lines.get(0));
            assertEquals("run", head.get("type").asText());
            assertEquals(part, head.get("part").asInt());
            Set<Integer> methodsSoFar = new HashSet<>();
            for (String line : lines) {
                JsonNode record = JSON.readTree(line);
                switch (record.get("type").asText()) {
                    case "method" -> methodsSoFar.add(record.get("id").asInt());
                    case "span" -> assertTrue(methodsSoFar.contains(record.get("method").asInt()),
                            "part " + part + " has the method record before " + line);
                    default -> { }
                }
            }
            JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
            assertEquals("stats", last.get("type").asText());
            assertEquals(part == trace.files.size() - 1, last.get("final").asBoolean());
            if (part < trace.files.size() - 1) {
                assertTrue(Files.size(trace.files.get(part)) <= 3 * 1024 + 600, "part stays near the limit");
            }
        }
        JsonNode stats = trace.finalStats();
        assertEquals(19, trace.spans.size(), "RulesApp's 21 calls minus the 2 untraced @Step calls");
        assertEquals(19, stats.get("spans").asInt());
        assertEquals(trace.files.size(), stats.get("files").asInt());
        long bytes = 0;
        for (Path f : trace.files) {
            bytes += Files.size(f);
        }
        long finalLine = Files.readAllLines(trace.files.get(trace.files.size() - 1)).stream()
                .reduce((a, b) -> b).orElseThrow().getBytes(StandardCharsets.UTF_8).length + 1;
        assertEquals(bytes - finalLine, stats.get("bytes").asLong(), "bytes counts everything before the stats line");
        assertFalse(trace.runs.stream().map(r -> r.get("runId").asText()).distinct().count() > 1);
    }
}
