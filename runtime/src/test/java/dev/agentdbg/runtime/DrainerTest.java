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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drainer end to end on real files: records, bounded exceptions, and a directory it cannot write. */
class DrainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunInfo run() {
        return RunInfo.forThisProcess(Instant.now(), "test", Map.of("agentdbg.output.dir", "x"),
                List.of(Map.of("name", "r", "kind", "tool")), List.of("a warning"));
    }

    @Test
    void writesRunMethodSpanAndFinalStatsAndBoundsExceptions(@TempDir Path dir) throws Exception {
        SpanRings buffer = new SpanRings(256, 256);
        MethodRegistry registry = new MethodRegistry();
        MethodInfo used = registry.register("com.acme.Tool", "run", "()V", "tool", "Tool", "r");
        used.setSourceFile("Tool.java");
        used.setFirstLine(12);
        registry.register("com.acme.Unused", "never", "()V", "tool", "Unused", "r");
        Drainer drainer = new Drainer(buffer, registry, new TraceSettings(dir, 256, 50, 1 << 20, 2), run());
        drainer.start();
        Spans.install(buffer, 1_700_000_000_000_000_000L, System.nanoTime(), 3);

        Spans.exit(Spans.enter(used.id()), null);
        Exception deep = deepException(40, "x".repeat(10_000));
        Spans.exit(Spans.enter(used.id()), deep);
        drainer.finish(5_000);

        List<JsonNode> records = read(dir);
        assertEquals(List.of("run", "method", "span", "span", "method", "stats"),
                records.stream().map(r -> r.get("type").asText()).toList());
        assertEquals("Tool.java", records.get(1).get("file").asText());
        assertEquals(12, records.get(1).get("line").asInt());
        assertEquals("a warning", records.get(0).get("warnings").get(0).asText());
        JsonNode failed = records.get(3);
        assertEquals("error", failed.get("status").asText());
        assertEquals(2, failed.at("/error/stack").size(), "frames bounded by the setting");
        assertTrue(failed.at("/error/framesOmitted").asInt() > 30);
        assertTrue(failed.at("/error/message").asText().endsWith("…(truncated, 10000 chars)"));
        assertEquals("java.lang.IllegalStateException", failed.at("/error/cause/type").asText());
        assertEquals("never", records.get(4).get("method").asText(), "never-called methods are listed at the end");
        JsonNode stats = records.get(5);
        assertTrue(stats.get("final").asBoolean());
        assertEquals(2, stats.get("spans").asInt());
        assertEquals(0, stats.get("dropped").asInt());
    }

    @Test
    void unwritableDirectoryCountsSpansAsDroppedAndNeverThrows(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a directory");
        SpanRings buffer = new SpanRings(64, 64);
        MethodRegistry registry = new MethodRegistry();
        MethodInfo m = registry.register("com.acme.Tool", "run", "()V", "tool", "Tool", "r");
        Drainer drainer = new Drainer(buffer, registry, new TraceSettings(blocker.resolve("traces"), 64, 50, 1 << 20, 8), run());
        drainer.start();
        Spans.install(buffer, 0, System.nanoTime(), 3);
        for (int i = 0; i < 500; i++) {
            Spans.exit(Spans.enter(m.id()), null);
        }
        drainer.finish(5_000);
        assertEquals(500, buffer.dropped(), "every span is accounted for as dropped");
        assertFalse(Files.exists(blocker.resolve("traces")));
    }

    private static Exception deepException(int depth, String message) {
        if (depth == 0) {
            return new RuntimeException(message, new IllegalStateException("cause"));
        }
        return deepException(depth - 1, message);
    }

    private static List<JsonNode> read(Path dir) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        return records;
    }
}
