package dev.agentdbg.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When trace files come into being, and what happens when one disappears under the writer. */
class TraceFileLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunInfo run() {
        return RunInfo.forThisProcess(Instant.now(), "test", Map.of(), List.of(Map.of("name", "r", "kind", "tool")),
                List.of());
    }

    @Test
    void aRunThatTracedNothingCreatesNoDirectoryAndNoFile(@TempDir Path dir) {
        Path traces = dir.resolve("a/b/traces");
        MethodRegistry registry = new MethodRegistry();
        registry.register("com.acme.Tool", "run", "()V", "tool", "Tool", "r");
        SpanRings rings = new SpanRings(64, 64);
        Drainer drainer = new Drainer(rings, registry, new TraceSettings(traces, 64, 20, 1 << 20, 4), run());
        drainer.start();
        Spans.install(rings, 0, System.nanoTime(), 5);
        assertTrue(drainer.currentFile().startsWith(traces.toString()), "names the file it will write");
        drainer.finish(5_000);
        assertFalse(Files.exists(dir.resolve("a")), "nothing created");
    }

    @Test
    void aDeletedPartIsFollowedByTheNextPartWithRunAndMethodRecords(@TempDir Path dir) throws Exception {
        MethodRegistry registry = new MethodRegistry();
        MethodInfo method = registry.register("com.acme.Tool", "run", "()V", "tool", "Tool", "r");
        SpanRings rings = new SpanRings(64, 64);
        Drainer drainer = new Drainer(rings, registry, new TraceSettings(dir, 64, 20, 1 << 20, 4), run());
        drainer.start();
        Spans.install(rings, 0, System.nanoTime(), 5);
        Spans.exit(Spans.enter(method.id()), null);
        Path first = Path.of(drainer.currentFile());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!(Files.exists(first) && Files.readString(first).contains("\"span\""))) {
            assertTrue(System.nanoTime() < deadline, "the first span reaches the file");
            Thread.sleep(10);
        }
        Files.delete(first);
        for (int i = 0; i < 3; i++) {
            Spans.exit(Spans.enter(method.id()), null);
        }
        drainer.finish(5_000);

        assertFalse(Files.exists(first));
        Path second = dir.resolve(first.getFileName().toString().replace(".jsonl", ".1.jsonl"));
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(second, StandardCharsets.UTF_8)) {
            records.add(JSON.readTree(line));
        }
        assertEquals(List.of("run", "method", "span", "span", "span", "stats"),
                records.stream().map(r -> r.get("type").asText()).toList());
        assertEquals(1, records.get(0).get("part").asInt());
        assertEquals(4, records.get(5).get("spans").asInt(), "the stats count every span written");
        assertEquals(2, records.get(5).get("files").asInt());
    }

    @Test
    void aDirectoryUnderAFileIsNamedAsTheCause(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertEquals(file + " is not a directory", TraceWriter.whyNotWritable(file.resolve("traces/deeper")));
        assertNull(TraceWriter.whyNotWritable(dir.resolve("new/traces")));
    }
}
