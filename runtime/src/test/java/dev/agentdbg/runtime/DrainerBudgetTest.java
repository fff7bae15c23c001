package dev.agentdbg.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drainer's own failure and the shutdown budget: the application goes on, the stats are written. */
class DrainerBudgetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunInfo run() {
        return RunInfo.forThisProcess(Instant.now(), "test", Map.of(), List.of(), List.of());
    }

    @Test
    void anErrorInTheWriterStopsRecordingOnceAndTheApplicationGoesOn(@TempDir Path dir) throws Exception {
        SpanRings rings = new SpanRings(1024, 1024);
        MethodRegistry registry = new MethodRegistry();
        MethodInfo m = registry.register("com.acme.Step", "run", "()V", "custom", "Step", "r");
        Drainer drainer = new Drainer(rings, registry, new TraceSettings(dir, 1024, 50, 1 << 20, 8), run());
        AtomicInteger writes = new AtomicInteger();
        drainer.beforeEachSpan = () -> {
            if (writes.incrementAndGet() == 100) {
                throw new OutOfMemoryError("injected by the test");
            }
        };
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long produced = 0;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            drainer.start();
            Spans.install(rings, 0, System.nanoTime(), 3);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Spans.state() != null && System.nanoTime() < deadline) {
                Spans.exit(Spans.enter(m.id()), null);
                produced++;
            }
            assertNull(Spans.state(), "recording stopped");
            for (int i = 0; i < 10_000; i++) {
                assertEquals(0, Spans.enter(m.id()), "the application's calls go on, untraced");
            }
            long start = System.nanoTime();
            drainer.finish(1_000);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "exit is not held up");
        } finally {
            System.setErr(stderr);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().filter(l -> l.contains("recording stopped")).count(), printed);
        assertTrue(printed.contains("OutOfMemoryError"), printed);
        assertFalse(printed.contains("\tat "), "no stack trace: " + printed);
        JsonNode stats = finalStats(dir);
        long accounted = stats.get("spans").asLong() + stats.get("dropped").asLong();
        // The last call may have entered before the stop and ended after it: it made no span.
        assertTrue(accounted == produced || accounted == produced - 1, produced + " produced: " + stats);
        assertEquals(99, stats.get("spans").asLong(), "written before the failure");
        assertTrue(stats.get("internalErrors").asLong() >= 1, stats.toString());
    }

    @Test
    void whatTheShutdownBudgetLeavesUnwrittenIsCountedAsDropped(@TempDir Path dir) throws Exception {
        SpanRings rings = new SpanRings(1 << 20, 64);
        MethodRegistry registry = new MethodRegistry();
        MethodInfo m = registry.register("com.acme.Step", "run", "()V", "custom", "Step", "r");
        Drainer drainer = new Drainer(rings, registry, new TraceSettings(dir, 1 << 20, 50, 1 << 30, 8), run());
        Spans.install(rings, 0, System.nanoTime(), 3);
        int produced = 300_000;
        for (int i = 0; i < produced; i++) {
            Spans.exit(Spans.enter(m.id()), null);
        }
        drainer.start();
        drainer.finish(0);
        JsonNode stats = finalStats(dir);
        assertEquals(produced, stats.get("spans").asLong() + stats.get("dropped").asLong(), stats.toString());
        assertTrue(stats.get("droppedAtExit").asLong() > 0, stats.toString());
        assertEquals(stats.get("dropped").asLong(), stats.get("droppedAtExit").asLong(), stats.toString());
        assertTrue(stats.get("memoryPeak").asLong() > 0, stats.toString());
    }

    private static JsonNode finalStats(Path dir) throws Exception {
        List<JsonNode> stats = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    JsonNode record = JSON.readTree(line);
                    if ("stats".equals(record.get("type").asText()) && record.get("final").asBoolean()) {
                        stats.add(record);
                    }
                }
            }
        }
        assertEquals(1, stats.size(), "one final stats record");
        return stats.get(0);
    }
}
