package dev.agentdbg.bootstrap;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many producers, a tiny buffer and a slow consumer: every span offered is either consumed exactly
 * once, whole, or counted as dropped.
 */
class RingBufferStressTest {
    private static final int PRODUCERS = 6;
    private static final int PER_PRODUCER = 200_000;

    @RepeatedTest(3)
    void producedEqualsConsumedPlusDroppedWithNoTornOrDuplicatedSpan() throws Exception {
        RingBuffer buffer = new RingBuffer(64);
        AtomicLong acceptedByOffer = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            final long producer = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                Throwable marker = new Throwable("producer " + producer);
                long accepted = 0;
                for (long seq = 0; seq < PER_PRODUCER; seq++) {
                    long check = mix(producer, seq);
                    if (buffer.offer(producer, seq, check, ~check, (int) (check & 0x7fff),
                            producer, "p" + (producer % 3), seq * 3, check ^ 0x5555, seq % 7 == 0 ? marker : null)) {
                        accepted++;
                    }
                }
                acceptedByOffer.addAndGet(accepted);
            });
            producers.add(t);
            t.start();
        }

        BitSet[] seen = new BitSet[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            seen[p] = new BitSet(PER_PRODUCER);
        }
        long[] consumed = {0};
        List<String> problems = new ArrayList<>();
        RingBuffer.SpanConsumer verifier = span -> {
            int p = (int) span.traceHi();
            long seq = span.traceLo();
            long check = mix(p, seq);
            if (span.spanId() != check || span.parentId() != ~check || span.methodId() != (int) (check & 0x7fff)
                    || span.threadId() != p || !span.threadName().equals("p" + (p % 3))
                    || span.startEpochNanos() != seq * 3 || span.durationNanos() != (check ^ 0x5555)
                    || (seq % 7 == 0) != (span.thrown() != null)) {
                problems.add("torn span p=" + p + " seq=" + seq);
            }
            if (seen[p].get((int) seq)) {
                problems.add("duplicate span p=" + p + " seq=" + seq);
            }
            seen[p].set((int) seq);
            consumed[0]++;
        };

        AtomicBoolean producing = new AtomicBoolean(true);
        start.countDown();
        Thread watcher = new Thread(() -> {
            for (Thread t : producers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
            producing.set(false);
        });
        watcher.start();
        int round = 0;
        while (producing.get()) {
            buffer.drain(verifier, 16);
            if (++round % 8 == 0) {
                LockSupport.parkNanos(50_000); // a slow consumer, so the buffer fills and drops
            }
        }
        while (buffer.drain(verifier, 1024) > 0) {
            // the rest
        }
        watcher.join();

        assertTrue(problems.isEmpty(), problems.subList(0, Math.min(10, problems.size())).toString());
        long produced = (long) PRODUCERS * PER_PRODUCER;
        assertEquals(produced, consumed[0] + buffer.dropped(), "produced = consumed + dropped");
        assertEquals(acceptedByOffer.get(), consumed[0], "every accepted span was consumed");
        assertTrue(buffer.dropped() > 0, "the test must actually overflow the buffer");
        assertTrue(consumed[0] > 0);
    }

    @Test
    void capacityIsAPowerOfTwoAndFullBufferRefusesWithoutBlocking() {
        RingBuffer buffer = new RingBuffer(5);
        assertEquals(8, buffer.capacity());
        for (int i = 0; i < 8; i++) {
            assertTrue(buffer.offer(1, i, 1, 0, 1, 1, "t", 0, 0, null));
        }
        assertFalse(buffer.offer(1, 99, 1, 0, 1, 1, "t", 0, 0, null));
        assertEquals(1, buffer.dropped());
        List<Long> order = new ArrayList<>();
        assertEquals(8, buffer.drain(span -> order.add(span.traceLo()), 100));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), order);
        // Slots are reusable after a lap, and references are cleared.
        assertTrue(buffer.offer(1, 100, 1, 0, 1, 1, "t", 0, 0, new RuntimeException()));
        buffer.drain(span -> assertEquals(100L, span.traceLo()), 100);
        assertEquals(0, buffer.drain(span -> { }, 100));
    }

    @Test
    void consumerFailureDoesNotLoseTheSlotsPlace() {
        RingBuffer buffer = new RingBuffer(4);
        buffer.offer(1, 1, 1, 0, 1, 1, "t", 0, 0, null);
        buffer.offer(1, 2, 1, 0, 1, 1, "t", 0, 0, null);
        try {
            buffer.drain(span -> {
                throw new IllegalStateException("writer bug");
            }, 10);
        } catch (IllegalStateException expected) {
            // propagates to the drainer, which counts it
        }
        List<Long> rest = new ArrayList<>();
        buffer.drain(span -> rest.add(span.traceLo()), 10);
        assertEquals(List.of(2L), rest, "the failing span was released, the next one is intact");
    }

    private static long mix(long producer, long seq) {
        long z = producer * 0x9e3779b97f4a7c15L + seq;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        return z ^ (z >>> 31);
    }
}
