package dev.agentdbg.bootstrap;

import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.capture.CapturedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls captured unboxed (every parameter and the result primitive), driven as the advice drives
 * them: the arguments' bits go into the thread's scratch, the ring slot copies them, the drainer
 * boxes them; the application thread allocates nothing.
 */
class PrimitiveCaptureTest {
    private final SpanRings rings = new SpanRings(64, 64);
    private final MethodRegistry registry = new MethodRegistry();
    private int toolId;

    @BeforeEach
    void install() {
        Spans.install(rings, 0, System.nanoTime(), 7);
        CallCapture.useMethods(registry);
        MethodInfo info = registry.register("com.acme.Calc", "mix", "(JDZC)J", "tool", "Calc", "calc");
        CaptureSpec spec = new CaptureSpec(CaptureSettings.defaults(), 0b1111, true, -1, 0, false);
        spec.setPrimitiveShape("JDZC", 'J');
        info.setCapture(spec);
        toolId = info.callSiteId();
    }

    @AfterEach
    void uninstall() {
        Spans.uninstall();
        CallCapture.useMethods(null);
    }

    /** What the advice of {@code long mix(long, double, boolean, char)} does around one call. */
    private void call(long a, double b, boolean c, char d, long result, Throwable thrown) {
        Object state = Spans.state();
        long[] bits = CallCapture.argumentBits(state);
        bits[0] = a;
        bits[1] = Double.doubleToRawLongBits(b);
        bits[2] = c ? 1 : 0;
        bits[3] = d;
        int token = CallCapture.enterPrimitive(state, toolId, bits);
        CallCapture.exitPrimitive(state, token, result, thrown);
    }

    private List<SpanSlotView> drain() {
        List<SpanSlotView> out = new ArrayList<>();
        RingBuffer.SpanConsumer consumer = s -> out.add(new SpanSlotView(s.isStart(), s.captured(), s.thrown()));
        for (ThreadRing ring : rings.threadRings()) {
            ring.drain(consumer, 10_000);
        }
        rings.shared().drain(consumer, 10_000);
        return out;
    }

    private record SpanSlotView(boolean start, CapturedCall call, Throwable thrown) {
    }

    @Test
    void argumentsAndResultAreWrittenAsTheBoxedCaptureWouldHaveThem() {
        call(42, 1.5, true, 'x', -7, null);
        IllegalStateException failure = new IllegalStateException("boom");
        call(1, 0.0, false, 'y', 0, failure);

        List<SpanSlotView> records = drain();
        assertEquals(4, records.size(), "a start record and a span per call");
        SpanSlotView start = records.get(0);
        assertTrue(start.start());
        assertEquals(Arrays.asList(42L, 1.5, true, "x"), Arrays.asList(start.call().args));
        assertFalse(start.call().hasResult);
        SpanSlotView span = records.get(1);
        assertEquals(Arrays.asList(42L, 1.5, true, "x"), Arrays.asList(span.call().args));
        assertTrue(span.call().hasResult);
        assertEquals(-7L, span.call().result);
        assertNull(span.thrown());
        SpanSlotView failed = records.get(3);
        assertSame(failure, failed.thrown());
        assertEquals(Arrays.asList(1L, 0.0, false, "y"), Arrays.asList(failed.call().args));
        assertFalse(failed.call().hasResult);
    }

    @Test
    void nestedCallsKeepTheirOwnArguments() {
        MethodInfo info = registry.register("com.acme.Calc", "depth", "(I)I", "chain", "Calc", "depth");
        CaptureSpec spec = new CaptureSpec(CaptureSettings.defaults(), 0b1, true, -1, 0, false);
        spec.setPrimitiveShape("I", 'I');
        info.setCapture(spec);
        Object state = Spans.state();
        int[] tokens = new int[12];
        for (int level = 0; level < tokens.length; level++) { // deeper than the first frames array
            long[] bits = CallCapture.argumentBits(state);
            bits[0] = level;
            tokens[level] = CallCapture.enterPrimitive(state, info.callSiteId(), bits);
        }
        for (int level = tokens.length - 1; level >= 0; level--) {
            CallCapture.exitPrimitive(state, tokens[level], level * 10L, null);
        }
        List<SpanSlotView> records = drain();
        assertEquals(tokens.length, records.size(), "spans only: this kind has no start records");
        for (int i = 0; i < records.size(); i++) {
            int level = tokens.length - 1 - i;
            assertEquals(Arrays.asList(level), Arrays.asList(records.get(i).call().args));
            assertEquals(level * 10, records.get(i).call().result);
        }
    }

    @Test
    void theApplicationThreadAllocatesNothingPerCall() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) { // the thread's state, ring and slots are made once
            call(i, i, true, 'c', i, null);
            if (i % 100 == 0) {
                drain();
            }
        }
        int calls = 100_000;
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) { // the ring fills up: records are dropped and counted, as under load
            call(i, i, false, 'c', i, null);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < calls, allocated + " bytes for " + calls + " calls");
    }
}
