package dev.agentdbg.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The enter/exit bridge: nesting, ids, tokens, time line and the exit-skipped repair. */
class SpansTest {
    private final SpanRings buffer = new SpanRings(1024, 1024);

    @AfterEach
    void uninstall() {
        Spans.uninstall();
    }

    private record Captured(long traceHi, long traceLo, long spanId, long parentId, int methodId, long start,
                            long dur, Throwable thrown) {
    }

    private List<Captured> drain() {
        List<Captured> out = new ArrayList<>();
        RingBuffer.SpanConsumer capture = s -> out.add(new Captured(s.traceHi(), s.traceLo(), s.spanId(),
                s.parentId(), s.methodId(), s.startEpochNanos(), s.durationNanos(), s.thrown()));
        buffer.shared().drain(capture, 10_000);
        for (ThreadRing ring : buffer.threadRings()) {
            ring.drain(capture, 10_000);
        }
        return out;
    }

    @Test
    void nestedCallsShareATraceAndPointAtTheirParent() {
        Spans.install(buffer, 1_000_000_000_000L, System.nanoTime(), 42);
        int outer = Spans.enter(1);
        int inner = Spans.enter(2);
        RuntimeException failure = new RuntimeException("x");
        Spans.exit(inner, failure);
        Spans.exit(outer, null);
        int next = Spans.enter(3);
        Spans.exit(next, null);

        List<Captured> spans = drain();
        assertEquals(3, spans.size());
        Captured in = spans.get(0);
        Captured out = spans.get(1);
        Captured second = spans.get(2);
        assertEquals(2, in.methodId());
        assertEquals(out.spanId(), in.parentId());
        assertEquals(0, out.parentId());
        assertEquals(out.traceHi(), in.traceHi());
        assertEquals(out.traceLo(), in.traceLo());
        assertSame(failure, in.thrown());
        assertNull(out.thrown());
        assertTrue(in.start() >= out.start() && in.start() + in.dur() <= out.start() + out.dur());
        assertTrue(out.start() >= 1_000_000_000_000L, "on the anchored time line");
        assertNotEquals(out.traceLo(), second.traceLo(), "a new root call starts a new trace");
        assertEquals(0, second.parentId());
    }

    @Test
    void startEventKindsGetAStartRecordWithTheSameIdsBeforeTheirSpan() {
        Spans.install(buffer, 0, System.nanoTime(), 13);
        int agent = Spans.enter(5 | MethodInfo.START_EVENT_FLAG);
        int chain = Spans.enter(6); // a kind without start records
        Spans.exit(chain, null);
        Spans.exit(agent, null);

        List<Captured> records = drain();
        assertEquals(3, records.size());
        Captured start = records.get(0);
        Captured chainSpan = records.get(1);
        Captured agentSpan = records.get(2);
        assertEquals(SpanSlot.STARTED, start.dur(), "first comes the start record");
        assertEquals(5, start.methodId(), "the flag is not part of the written id");
        assertEquals(agentSpan.spanId(), start.spanId());
        assertEquals(agentSpan.traceLo(), start.traceLo());
        assertEquals(agentSpan.start(), start.start());
        assertEquals(5, agentSpan.methodId());
        assertTrue(agentSpan.dur() >= 0);
        assertEquals(6, chainSpan.methodId());
        assertEquals(agentSpan.spanId(), chainSpan.parentId());
    }

    @Test
    void idsAreUniqueAndNeverZero() {
        Spans.install(buffer, 0, System.nanoTime(), 7);
        Set<Long> ids = new HashSet<>();
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 100; i++) {
                Spans.exit(Spans.enter(1), null);
            }
            for (Captured c : drain()) {
                assertTrue(c.spanId() != 0 && (c.traceHi() | c.traceLo()) != 0);
                assertTrue(ids.add(c.spanId()));
            }
        }
        assertEquals(1000, ids.size());
    }

    @Test
    void nothingIsRecordedBeforeInstallOrWhileSuspended() {
        assertEquals(0, Spans.enter(1), "not installed: token 0");
        Spans.exit(0, null);
        Spans.install(buffer, 0, System.nanoTime(), 1);
        boolean previous = Spans.suspend();
        assertEquals(0, Spans.enter(1));
        Spans.resume(previous);
        assertTrue(drain().isEmpty());
    }

    @Test
    void aSkippedExitIsRepairedAndCounted() {
        Spans.install(buffer, 0, System.nanoTime(), 1);
        long errorsBefore = AgentCounters.internalErrors.get();
        int outer = Spans.enter(1);
        Spans.enter(2); // its exit never runs (e.g. the frame was unwound by a VM error)
        Spans.exit(outer, null);
        List<Captured> spans = drain();
        assertEquals(1, spans.size());
        assertEquals(1, spans.get(0).methodId());
        assertEquals(errorsBefore + 1, AgentCounters.internalErrors.get());
        int again = Spans.enter(3);
        assertEquals(1, again, "the stack is back at depth 0");
        Spans.exit(again, null);
    }
}
