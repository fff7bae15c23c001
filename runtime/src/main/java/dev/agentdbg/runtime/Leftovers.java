package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.RingBuffer;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.SpanSlot;
import dev.agentdbg.bootstrap.ThreadRing;
import dev.agentdbg.capture.CaptureBudget;
import dev.agentdbg.capture.CapturedCall;

/** What is left in the rings when the drainer stops writing: counted as dropped, never written. */
final class Leftovers {
    private static final int BATCH = 4096;

    private Leftovers() {
    }

    /**
     * Empties every ring without writing, counting what it held as dropped. After a failure the
     * application goes on, so the payloads are let go too ({@code release}); at exit only the count
     * matters, and speed: the machine may be busy, and the shutdown budget is spent.
     * @return spans (not start records) counted
     */
    static long count(SpanRings rings, boolean release) {
        long[] counts = new long[2];
        RingBuffer.SpanConsumer counter = span -> {
            counts[span.isStart() ? 1 : 0]++;
            releaseCapture(span);
        };
        while (rings.shared().drain(counter, BATCH) > 0) {
            // until empty: the rings are bounded by the memory budget
        }
        for (ThreadRing ring : rings.threadRings()) {
            if (release) {
                while (ring.drain(counter, BATCH) > 0) {
                    // as above
                }
            } else {
                ring.skipAll(counts);
            }
        }
        rings.countUnwritten(counts[0], counts[1]);
        return counts[0];
    }

    /** A span that will not be written no longer holds its payload's bytes in the budget. */
    static void releaseCapture(SpanSlot span) {
        // The detail itself, not captured(): that would box a primitive call's values only to find
        // it holds nothing.
        if (!span.isStart() && span.detail() instanceof CapturedCall call) {
            CaptureBudget.release(call);
        }
    }
}
