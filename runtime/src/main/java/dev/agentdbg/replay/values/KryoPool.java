package dev.agentdbg.replay.values;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kryo instances with their output buffers, lent to one thread at a time. Lock-free (a
 * {@link ConcurrentLinkedQueue}; Kryo's own thread-safe Pool uses a LinkedBlockingQueue, whose lock
 * would pin a virtual thread's carrier) and bounded: more threads than {@link #MAX_IDLE} encoding at
 * once make instances that are dropped afterwards. Keyed by nothing of the thread, so a million
 * virtual threads share the same few instances.
 */
final class KryoPool {
    static final int MAX_IDLE = 16;

    private final ConcurrentLinkedQueue<Lease> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** One Kryo with its output; used by one thread until {@link #giveBack}. */
    static final class Lease {
        final SafeKryo kryo = new SafeKryo();
        final BudgetedOutput output = new BudgetedOutput();
    }

    Lease take() {
        Lease l = idle.poll();
        if (l == null) {
            return new Lease();
        }
        idleCount.decrementAndGet();
        return l;
    }

    /** A lease whose Kryo failed midway (its state is unknown): its memory is given back, it is not reused. */
    void discard(Lease l) {
        l.output.settle();
    }

    /** Returns a lease that finished normally. */
    void giveBack(Lease l) {
        l.output.settle();
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offer(l);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
