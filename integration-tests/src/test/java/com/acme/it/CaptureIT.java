package com.acme.it;

import com.acme.it.apps.HostilePayloadApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
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

/** Capture of hostile payloads in a real JVM: every call returns normally, the trace stays bounded and readable. */
class CaptureIT {
    @Test
    void hostilePayloadsAreBoundedMarkedAndRedactedWhileTheCallsReturnNormally(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.capture.maxBytes=16KB",
                "agentdbg.rule.sink.match=com.acme.it.apps.HostilePayloadApp$Sink",
                "agentdbg.rule.sink.kind=tool", ""));

        ChildJvm.Result run = new ChildJvm(Jdks.current()).jvmArg("-Xmx512m").agent("config=" + config)
                .main(HostilePayloadApp.class).run(dir);

        run.assertSuccess();
        assertTrue(run.stdout().contains("sum=6"), run.stdout());
        assertTrue(run.stdout().contains("echo-same=true"), run.stdout());
        assertTrue(run.stdout().contains("accessor-calls=0"), "capture called an accessor: " + run.stdout());
        assertFalse(run.stderr().contains("Exception"), run.stderr());

        Trace trace = Trace.readSingleRun(traces);
        assertEquals(0, trace.finalStats().get("internalErrors").asLong(), trace.agentErrors.toString());
        List<JsonNode> takes = trace.spansOf("HostilePayloadApp$Sink#take");
        assertEquals(6, takes.size());
        for (Path file : trace.files) {
            for (String line : Files.readAllLines(file)) {
                assertTrue(line.length() < 2 * 16 * 1024 + 4096, "a record beyond the payload bound: " + line.length());
                assertFalse(line.contains("sk-hostile"), "secret in the trace");
                assertFalse(line.contains("abcdefghijklmnopqrstuvwxyz012345"), "bearer token in the trace");
            }
        }

        String huge = takes.get(0).get("args").get(0).asText();
        assertTrue(huge.endsWith("…(truncated, 50 MB)"), huge.substring(Math.max(0, huge.length() - 60)));
        JsonNode million = takes.get(1).get("args").get(0);
        assertEquals(101, million.size(), "100 elements and the count of the rest");
        assertEquals("…(+999900 more)", million.get(100).asText());

        JsonNode root = takes.get(2).get("args").get(0);
        assertEquals("root", root.get("label").asText());
        assertTrue(root.get("next").has("@cycle"), root.toString());
        assertTrue(root.get("children").get(0).get("next").has("@cycle"), root.toString());

        JsonNode booby = takes.get(3).get("args").get(0);
        assertEquals("booby", booby.get("name").asText(), "fields are read without calling the getter");
        assertEquals(3, booby.get("size").asInt());
        assertEquals("[REDACTED]", booby.get("apiKey").asText());

        JsonNode lock = takes.get(4).get("args").get(0);
        assertEquals("java.util.concurrent.locks.ReentrantLock", lock.get("@type").asText());
        assertTrue(lock.has("@unreadable"), lock.toString());

        JsonNode headers = takes.get(5).get("args").get(0);
        assertEquals("[REDACTED]", headers.get("Authorization").asText());
        assertEquals("ann", headers.get("user").asText());

        ChildJvm.Result summary = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "summary", traces.toString()).run(dir.resolve("summary"));
        assertEquals(0, summary.exitCode(), summary.stderr());
        assertTrue(summary.stdout().contains("HostilePayloadApp$Sink.take"), summary.stdout());
    }
}
