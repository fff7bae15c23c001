package dev.agentdbg.bootstrap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The global memory budget and how rings reserve, grow, shrink and give back their bytes. */
class MemoryBudgetTest {
    private static final long FIRST = MemoryBudget.THREAD_OVERHEAD_BYTES
            + MemoryBudget.segmentBytes(ThreadRing.INITIAL_CAPACITY);
    private static final RingBuffer.SpanConsumer IGNORE = span -> { };

    @Test
    void reservationsStopAtTheLimitAndThePeakIsKept() {
        MemoryBudget budget = new MemoryBudget(1000);
        assertTrue(budget.tryReserve(600));
        assertFalse(budget.tryReserve(401), "would pass the limit");
        assertEquals(600, budget.reserved(), "a refused reservation reserves nothing");
        assertTrue(budget.tryReserve(400));
        budget.release(700);
        assertEquals(300, budget.reserved());
        assertEquals(1000, budget.peak());
    }

    @Test
    void defaultIsSixtyFourMegabytesOrAnEighthOfASmallHeap() {
        assertEquals(64L << 20, MemoryBudget.defaultMax(4L << 30));
        assertEquals(32L << 20, MemoryBudget.defaultMax(256L << 20));
        assertEquals(1L << 20, MemoryBudget.defaultMax(2L << 20), "never below 1 MB");
    }

    @Test
    void aRingGrowsOnlyAsFarAsTheBudgetAllowsThenDropsAndCounts() {
        int small = ThreadRing.INITIAL_CAPACITY;
        MemoryBudget budget = new MemoryBudget(FIRST + MemoryBudget.segmentBytes(2 * small));
        ThreadRing ring = ThreadRing.reserve(1 << 16, Thread.currentThread(), budget);
        assertNotNull(ring);
        int offered = 10 * small;
        int stored = 0;
        for (int i = 0; i < offered; i++) {
            stored += offer(ring, i) ? 1 : 0;
        }
        assertEquals(3 * small, stored, "the first segment and one twice as big, nothing more");
        assertEquals(offered - stored, ring.dropped());
        assertEquals(ring.dropped(), ring.droppedByBudget(), "every drop was the budget's");
        assertEquals(budget.max(), budget.reserved());
        assertTrue(budget.peak() <= budget.max());

        assertEquals(stored, ring.drain(IGNORE, Integer.MAX_VALUE));
        assertEquals(FIRST + MemoryBudget.segmentBytes(2 * small) - MemoryBudget.segmentBytes(small), budget.reserved(),
                "the drainer gave back the first segment when it moved past it");
    }

    @Test
    void aGrownRingShrinksBackAfterTheBurstAndGivesTheBigSegmentBack() {
        int small = ThreadRing.INITIAL_CAPACITY;
        MemoryBudget budget = new MemoryBudget(64L << 20);
        ThreadRing ring = ThreadRing.reserve(1 << 16, Thread.currentThread(), budget);
        for (int i = 0; i < 16 * small; i++) {
            assertTrue(offer(ring, i));
        }
        assertEquals(16 * small, ring.capacity(), "a burst grew it");
        assertEquals(16 * small, ring.drain(IGNORE, Integer.MAX_VALUE));
        assertEquals(MemoryBudget.THREAD_OVERHEAD_BYTES + MemoryBudget.segmentBytes(16 * small), budget.reserved());

        long t0 = 1_000_000_000_000L;
        ring.shrinkIfIdle(t0);                                    // the burst's window ends
        ring.drain(IGNORE, Integer.MAX_VALUE);                    // quiet from here on
        ring.shrinkIfIdle(t0 + ThreadRing.SHRINK_WINDOW_NANOS);   // a quiet window: shrink
        assertTrue(offer(ring, 1), "the next offer links the small segment");
        assertEquals(small, ring.capacity());
        assertEquals(1, ring.drain(IGNORE, Integer.MAX_VALUE));
        assertEquals(small, ring.consumerCapacity());
        assertEquals(FIRST, budget.reserved(), "the big segment's bytes went back when the drainer moved past it");

        for (int i = 0; i < 4 * small; i++) {
            assertTrue(offer(ring, i), "it grows again in the next burst");
        }
        assertTrue(ring.capacity() > small);
    }

    @Test
    void aBusyRingIsNotAskedToShrink() {
        MemoryBudget budget = new MemoryBudget(64L << 20);
        ThreadRing ring = ThreadRing.reserve(1 << 16, Thread.currentThread(), budget);
        int big = 8 * ThreadRing.INITIAL_CAPACITY;
        for (int i = 0; i < big; i++) {
            offer(ring, i);
        }
        ring.shrinkIfIdle(0);
        ring.drain(IGNORE, Integer.MAX_VALUE); // a backlog of a whole big segment in this window
        ring.shrinkIfIdle(ThreadRing.SHRINK_WINDOW_NANOS);
        offer(ring, 1);
        assertEquals(big, ring.capacity());
    }

    @Test
    void retiringAFinishedThreadsRingGivesAllItsBytesBack() throws Exception {
        MemoryBudget budget = new MemoryBudget(64L << 20);
        SpanRings rings = new SpanRings(1 << 16, 64, budget);
        long sharedRing = budget.reserved();
        Thread worker = new Thread(() -> {
            ThreadRing ring = rings.ringFor(Thread.currentThread());
            for (int i = 0; i < 5 * ThreadRing.INITIAL_CAPACITY; i++) {
                offer(ring, i);
            }
            assertTrue(ring.reserveExtra(4096), "its span stack grew");
        });
        worker.start();
        worker.join();
        assertTrue(budget.reserved() > sharedRing);
        ThreadRing ring = rings.threadRings()[0];
        ring.drain(IGNORE, Integer.MAX_VALUE);
        rings.retire(ring);
        assertEquals(sharedRing, budget.reserved());
        assertEquals(0, rings.threadRings().length);
    }

    @Test
    void aThreadWithNoRoomForItsFirstSegmentUsesTheSharedRing() {
        MemoryBudget budget = new MemoryBudget(4 * FIRST);
        SpanRings rings = new SpanRings(1 << 16, 64, budget);
        assertTrue(budget.tryReserve(budget.max() - budget.reserved() - FIRST + 1), "others took all but a little");
        assertNull(rings.ringFor(Thread.currentThread()));
        assertEquals(0, rings.threadRings().length);
    }

    @Test
    void theSharedRingTakesAtMostAnEighthOfTheBudget() {
        MemoryBudget budget = new MemoryBudget(8L << 20);
        SpanRings rings = new SpanRings(1 << 16, 1 << 16, budget);
        assertTrue(budget.reserved() <= budget.max() / 8, budget.reserved() + " reserved");
        assertTrue(rings.shared().capacity() >= 4096, "still a useful size: " + rings.shared().capacity());
    }

    @Test
    void primitiveValuesKeptBySlotsCountAgainstTheBudgetAndGoBackWithTheSegment() {
        int small = ThreadRing.INITIAL_CAPACITY;
        MemoryBudget budget = new MemoryBudget(64L << 20);
        MemoryBudget before = MemoryBudget.installed();
        MemoryBudget.install(budget); // slots reserve their primitive values' arrays from the installed budget
        try {
            ThreadRing ring = ThreadRing.reserve(1 << 16, Thread.currentThread(), budget);
            dev.agentdbg.capture.CaptureSpec spec = new dev.agentdbg.capture.CaptureSpec(
                    dev.agentdbg.capture.CaptureSettings.defaults(), 0b1, true, -1, 0, false);
            spec.setPrimitiveShape("J", 'J');
            PrimitiveValues values = new PrimitiveValues().record(spec, 0, 1, true, 42);
            for (int i = 0; i < small; i++) {
                assertTrue(ring.offer(1, 2, i + 1, 0, 1, 7, "t", i, 10, values));
            }
            assertEquals(FIRST + small * SpanSlot.BITS_BYTES, budget.reserved(), "one array per slot, counted");
            ring.drain(IGNORE, Integer.MAX_VALUE);
            for (int i = 0; i < small; i++) {
                assertTrue(ring.offer(1, 2, i + 1, 0, 1, 7, "t", i, 10, values), "slots reuse their arrays");
            }
            assertEquals(FIRST + small * SpanSlot.BITS_BYTES, budget.reserved());
            ring.drain(IGNORE, Integer.MAX_VALUE);
            ring.releaseAll();
            assertEquals(0, budget.reserved(), "the ring's slots gave their arrays' bytes back");

            MemoryBudget full = new MemoryBudget(FIRST);
            MemoryBudget.install(full);
            ThreadRing tight = ThreadRing.reserve(1 << 16, Thread.currentThread(), full);
            assertTrue(tight.offer(1, 2, 1, 0, 1, 7, "t", 0, 10, values), "the span is kept");
            tight.drain(span -> assertTrue(span.captured().skipped, "its values are not: no room"), 1);
            assertEquals(FIRST, full.reserved());
        } finally {
            MemoryBudget.install(before);
        }
    }

    private static boolean offer(ThreadRing ring, int i) {
        return ring.offer(1, 2, i + 1, 0, 1, 7, "t", i, 10, null);
    }
}
