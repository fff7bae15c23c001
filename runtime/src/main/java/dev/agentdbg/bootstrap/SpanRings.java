package dev.agentdbg.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where finished spans wait for the drainer: one {@link ThreadRing} per platform thread that
 * records spans, and one shared {@link RingBuffer} for virtual threads (which come and go by the
 * million, so they must not each own a ring). All of them live within one {@link MemoryBudget}: a
 * platform thread whose first segment does not fit uses the shared ring instead.
 */
public final class SpanRings {
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final int perThreadCapacity;
    private final MemoryBudget budget;
    private final RingBuffer shared;
    private final AtomicReference<ThreadRing[]> rings = new AtomicReference<>(new ThreadRing[0]);
    /** Drops of rings already retired; written by the drainer only. */
    private volatile long retiredDropped;
    private volatile long retiredDroppedStarts;
    private volatile long retiredDroppedByBudget;
    /** Records that reached a ring but were not written (writer failure, shutdown deadline). */
    private final AtomicLong unwritten = new AtomicLong();
    private final AtomicLong unwrittenStarts = new AtomicLong();

    /** Rings outside any budget (tests, benchmarks). */
    public SpanRings(int perThreadCapacity, int sharedCapacity) {
        this(perThreadCapacity, sharedCapacity, MemoryBudget.unlimited());
    }

    /**
     * @param perThreadCapacity slots each platform thread's ring may grow to
     * @param sharedCapacity    slots in the ring virtual threads share, allocated now; at most an
     *                          eighth of the budget
     */
    public SpanRings(int perThreadCapacity, int sharedCapacity, MemoryBudget budget) {
        this.perThreadCapacity = perThreadCapacity;
        this.budget = budget;
        int capacity = 2;
        long share = budget.max() / 8;
        while (capacity < sharedCapacity && MemoryBudget.segmentBytes(capacity * 2) <= share) {
            capacity <<= 1;
        }
        budget.tryReserve(MemoryBudget.segmentBytes(capacity)); // fits: an eighth of an empty budget
        this.shared = new RingBuffer(capacity);
    }

    public MemoryBudget budget() {
        return budget;
    }

    /** The ring for a thread's spans: its own for a platform thread, null (use the shared one) for a virtual thread. */
    ThreadRing ringFor(Thread thread) {
        if (isVirtual(thread)) {
            return null;
        }
        ThreadRing ring = ThreadRing.reserve(perThreadCapacity, thread, budget);
        if (ring == null) {
            return null; // no room in the budget: this thread shares the virtual threads' ring
        }
        ThreadRing[] current;
        ThreadRing[] next;
        do {
            current = rings.get();
            next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = ring;
        } while (!rings.compareAndSet(current, next));
        return ring;
    }

    public RingBuffer shared() {
        return shared;
    }

    /** The current platform-thread rings; the array is never modified. */
    public ThreadRing[] threadRings() {
        return rings.get();
    }

    /** Drainer only: forgets a drained ring whose thread has ended. */
    public void retire(ThreadRing ring) {
        ThreadRing[] current;
        ThreadRing[] next;
        do {
            current = rings.get();
            int i = Arrays.asList(current).indexOf(ring);
            if (i < 0) {
                return;
            }
            next = new ThreadRing[current.length - 1];
            System.arraycopy(current, 0, next, 0, i);
            System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        } while (!rings.compareAndSet(current, next));
        retiredDropped = retiredDropped + ring.dropped();
        retiredDroppedStarts = retiredDroppedStarts + ring.droppedStarts();
        retiredDroppedByBudget = retiredDroppedByBudget + ring.droppedByBudget();
        ring.releaseAll();
    }

    /** Counts records that reached a ring but will never be written (the writer failed or ran out of time). */
    public void countUnwritten(long spans, long starts) {
        unwritten.addAndGet(spans);
        unwrittenStarts.addAndGet(starts);
    }

    /** Spans lost because a buffer was full, or counted as lost by the writer, since start. */
    public long dropped() {
        long total = shared.dropped() + retiredDropped + unwritten.get();
        for (ThreadRing ring : rings.get()) {
            total += ring.dropped();
        }
        return total;
    }

    /** Start records lost because a buffer was full, since start. */
    public long droppedStarts() {
        long total = shared.droppedStarts() + retiredDroppedStarts + unwrittenStarts.get();
        for (ThreadRing ring : rings.get()) {
            total += ring.droppedStarts();
        }
        return total;
    }

    /** Of {@link #dropped()}, the spans lost because the memory budget let no ring grow. */
    public long droppedByBudget() {
        long total = retiredDroppedByBudget;
        for (ThreadRing ring : rings.get()) {
            total += ring.droppedByBudget();
        }
        return total;
    }

    private static boolean isVirtual(Thread thread) {
        try {
            return IS_VIRTUAL != null && (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable t) {
            return false;
        }
    }

    /** {@code Thread.isVirtual()} exists from JDK 21; we are compiled for 17. */
    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
