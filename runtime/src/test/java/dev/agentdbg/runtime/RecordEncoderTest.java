package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.bootstrap.ThreadRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte-level fast path for plain spans writes exactly what the JSON generator would. */
class RecordEncoderTest {
    @AfterEach
    void uninstall() {
        Spans.uninstall();
    }

    @Test
    void fastSpanLineEqualsGeneratorOutput() throws Exception {
        SpanRings rings = new SpanRings(64, 64);
        Spans.install(rings, 1_795_307_412_345_678_000L, System.nanoTime(), 5);
        String originalName = Thread.currentThread().getName();
        try {
            for (String name : List.of("main", "pool-1-thread-3", "weird \"quoted\" \\ name", "ünïcode")) {
                Thread.currentThread().setName(name);
                int outer = Spans.enter(7 | dev.agentdbg.bootstrap.MethodInfo.START_EVENT_FLAG);
                Spans.exit(Spans.enter(12345), null);
                Spans.exit(outer, null);
            }
        } finally {
            Thread.currentThread().setName(originalName);
        }
        RecordEncoder encoder = new RecordEncoder(8, null);
        List<String[]> pairs = new ArrayList<>();
        for (ThreadRing ring : rings.threadRings()) {
            ring.drain(slot -> {
                try {
                    LineBuffer fast = encoder.span(slot);
                    String a = new String(fast.array(), 0, fast.size(), StandardCharsets.UTF_8);
                    LineBuffer slow = encoder.generatedSpan(slot);
                    String b = new String(slow.array(), 0, slow.size(), StandardCharsets.UTF_8);
                    pairs.add(new String[] {a, b});
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }, 100);
        }
        assertEquals(12, pairs.size(), "per name: a start record and two spans");
        int starts = 0;
        for (String[] pair : pairs) {
            assertEquals(pair[1], pair[0]);
            if (pair[0].startsWith("{\"type\":\"start\"")) {
                starts++;
                assertTrue(pair[0].endsWith(",\"start\":" + pair[0].replaceAll(".*\"start\":(\\d+)}\n", "$1") + "}\n"));
                assertTrue(pair[0].contains("\"method\":7,"), pair[0]);
            } else {
                assertTrue(pair[0].endsWith("\"status\":\"ok\"}\n"));
            }
        }
        assertEquals(4, starts);
    }

    @Test
    void threadNamesAndTheRunRecordPassTheRedactor() throws Exception {
        SpanRings rings = new SpanRings(64, 64);
        Spans.install(rings, 1_795_307_412_345_678_000L, System.nanoTime(), 5);
        String originalName = Thread.currentThread().getName();
        try {
            Thread.currentThread().setName("worker-sk-abc123def4 of sk-proj-TESTSECRET1234567890abcd");
            Spans.exit(Spans.enter(7 | dev.agentdbg.bootstrap.MethodInfo.START_EVENT_FLAG), null);
            Spans.exit(Spans.enter(12345), null);
        } finally {
            Thread.currentThread().setName(originalName);
        }
        RecordEncoder encoder = new RecordEncoder(8, null);
        List<String> lines = new ArrayList<>();
        for (ThreadRing ring : rings.threadRings()) {
            ring.drain(slot -> {
                try {
                    LineBuffer fast = encoder.span(slot);
                    lines.add(new String(fast.array(), 0, fast.size(), StandardCharsets.UTF_8));
                    LineBuffer slow = encoder.generatedSpan(slot);
                    lines.add(new String(slow.array(), 0, slow.size(), StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }, 100);
        }
        assertEquals(6, lines.size(), "start and span, each through both paths");
        for (String line : lines) {
            assertTrue(line.contains("\"thread\":\"worker-[REDACTED] of [REDACTED]\""), line);
        }

        RunInfo run = new RunInfo("r", java.time.Instant.EPOCH, 0, 1, "host", "app.Main --api-key hunter2 --model gpt",
                "dev", java.util.Map.of("agentdbg.x", "Bearer abcdefgh12345"), List.of(java.util.Map.of("match",
                "token=abc")), List.of("warned about sk-abc123def4"));
        String record = new String(encoder.run(run, 0).array(), 0, encoder.line().size(), StandardCharsets.UTF_8);
        assertTrue(record.contains("\"command\":\"app.Main --api-key [REDACTED] --model gpt\""), record);
        assertTrue(record.contains("\"agentdbg.x\":\"Bearer [REDACTED]\""), record);
        assertTrue(record.contains("\"match\":\"token=[REDACTED]\""), record);
        assertTrue(record.contains("\"warned about [REDACTED]\""), record);
    }
}
