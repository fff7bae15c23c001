package dev.agentdbg.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-thread rings under load: each producer's spans arrive in order, whole, once; what did not
 * arrive was counted as dropped; rings of finished threads are retired without losing counts.
 */
class ThreadRingStressTest {
    @AfterEach
    void uninstall() {
        Spans.uninstall();
    }

    @RepeatedTest(3)
    void singleProducerRingKeepsOrderAndCountsDrops() throws Exception {
        ThreadRing ring = runProducer(32, 500_000);
        assertTrue(ring.dropped() > 0, "the test must overflow the ring");
        assertEquals(32, ring.capacity(), "a ring at its maximum does not grow");
    }

    @RepeatedTest(3)
    void aBurstGrowsTheRingInsteadOfDropping() throws Exception {
        ThreadRing ring = runProducer(1 << 20, 300_000);
        assertTrue(ring.capacity() > ThreadRing.INITIAL_CAPACITY, "grew from " + ThreadRing.INITIAL_CAPACITY);
        assertEquals(0, ring.dropped(), "room to grow: nothing dropped");
    }

    @Test
    void growthStopsAtTheMaximumAndThenDrops() {
        ThreadRing ring = new ThreadRing(4096, Thread.currentThread());
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            if (ring.offer(1, i, 1, 0, 1, 1, "t", 0, 0, null)) {
                accepted++;
            }
        }
        assertEquals(4096, ring.capacity());
        int segments = 0;
        for (int size = ThreadRing.INITIAL_CAPACITY; size <= 4096; size *= 2) {
            segments += size;
        }
        assertEquals(segments, accepted, "every segment filled before the first drop");
        assertEquals(20_000 - accepted, ring.dropped());
        long[] expected = {0};
        int drained = ring.drain(span -> assertEquals(expected[0]++, span.traceLo()), Integer.MAX_VALUE);
        assertEquals(accepted, drained, "all segments drained, in order");
        assertTrue(ring.offer(1, 99, 1, 0, 1, 1, "t", 0, 0, null), "room again after the drain");
    }

    /** One producer thread offering {@code total} spans against a slow, checking consumer. */
    private static ThreadRing runProducer(int maxCapacity, int total) throws Exception {
        ThreadRing[] holder = new ThreadRing[1];
        CountDownLatch created = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            holder[0] = new ThreadRing(maxCapacity, Thread.currentThread());
            created.countDown();
            for (long seq = 1; seq <= total; seq++) {
                holder[0].offer(seq, ~seq, seq * 31, seq * 17, (int) seq, 7, "worker", seq, seq ^ 99,
                        seq % 5 == 0 ? new Error("e") : null);
            }
        });
        producer.start();
        created.await();
        ThreadRing ring = holder[0];
        long[] last = {0};
        long[] consumed = {0};
        List<String> problems = new ArrayList<>();
        RingBuffer.SpanConsumer check = s -> {
            long seq = s.traceHi();
            if (seq <= last[0]) {
                problems.add("out of order or duplicate: " + seq + " after " + last[0]);
            }
            if (s.traceLo() != ~seq || s.spanId() != seq * 31 || s.parentId() != seq * 17 || s.methodId() != (int) seq
                    || s.startEpochNanos() != seq || s.durationNanos() != (seq ^ 99)
                    || (seq % 5 == 0) != (s.thrown() != null) || !"worker".equals(s.threadName())) {
                problems.add("torn span " + seq);
            }
            last[0] = seq;
            consumed[0]++;
        };
        int rounds = 0;
        while (producer.isAlive()) {
            ring.drain(check, 8);
            if (++rounds % 4 == 0) {
                LockSupport.parkNanos(20_000);
            }
        }
        producer.join();
        while (ring.drain(check, 1024) > 0) {
            // rest
        }
        assertTrue(problems.isEmpty(), problems.subList(0, Math.min(5, problems.size())).toString());
        assertEquals(total, consumed[0] + ring.dropped(), "produced = consumed + dropped");
        assertTrue(ring.isEmpty());
        return ring;
    }

    @Test
    void manyThreadsThroughTheBridgeAddUpAndFinishedThreadsAreRetired() throws Exception {
        SpanRings rings = new SpanRings(64, 64);
        Spans.install(rings, 0, System.nanoTime(), 11);
        int threads = 8;
        int perThread = 50_000;
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Long, Long> consumedPerThread = new HashMap<>();
        RingBuffer.SpanConsumer count = s -> consumedPerThread.merge(s.threadId(), 1L, Long::sum);
        Thread drainer = new Thread(() -> {
            while (running.get()) {
                rings.shared().drain(count, 256);
                for (ThreadRing ring : rings.threadRings()) {
                    ring.drain(count, 256);
                    if (!ring.owner().isAlive() && ring.isEmpty()) {
                        rings.retire(ring);
                    }
                }
                LockSupport.parkNanos(100_000);
            }
        });
        drainer.start();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    int outer = Spans.enter(1);
                    Spans.exit(Spans.enter(2), null);
                    Spans.exit(outer, null);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        Thread.sleep(50);
        running.set(false);
        drainer.join();
        for (ThreadRing ring : rings.threadRings()) { // whatever the last pass left
            ring.drain(count, Integer.MAX_VALUE);
            rings.retire(ring);
        }
        long consumed = consumedPerThread.values().stream().mapToLong(Long::longValue).sum();
        assertEquals((long) threads * perThread * 2, consumed + rings.dropped(), "produced = consumed + dropped");
        assertEquals(threads, consumedPerThread.size());
        assertEquals(0, rings.threadRings().length, "rings of finished threads are retired");
        assertFalse(rings.dropped() < 0);
    }
}
