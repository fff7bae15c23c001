package dev.agentdbg.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One platform thread's own buffer of finished spans: single producer (the owner thread), single
 * consumer (the drainer). The owner never writes a cache line another application thread writes,
 * and takes no CAS: it fills a preallocated slot and publishes with one release store.
 *
 * <p>The producer caches how far it may go (JCTools' "producer limit"), so it reads the drainer's
 * index only about once per lap. A ring starts small and, when a burst fills it, the owner links a
 * segment twice as big behind it (as JCTools' growable SPSC queue does) instead of dropping, up to
 * the configured maximum and as far as the {@link MemoryBudget} allows; only then are spans dropped
 * and counted. So a quiet thread holds about 12 KB, and only a thread that really bursts pays for a
 * big buffer. When the burst is over the drainer asks the owner to shrink: the owner links a small
 * segment the same way at its next offer, and the big one's bytes go back to the budget once the
 * drainer has moved past it.
 */
public final class ThreadRing extends ThreadRingConsumerFields {
    static final int INITIAL_CAPACITY = 128;
    /** How long the drainer watches a grown ring's backlog before it asks for a shrink. */
    static final long SHRINK_WINDOW_NANOS = 1_000_000_000L;

    private static final VarHandle PUBLISHED;
    private static final VarHandle CONSUMED;
    private static final VarHandle DROPPED;
    private static final VarHandle DROPPED_STARTS;
    private static final VarHandle DROPPED_BY_BUDGET;
    private static final VarHandle EXTRA_BYTES;
    private static final VarHandle SHRINK;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PUBLISHED = lookup.findVarHandle(ThreadRingProducerFields.class, "published", long.class);
            DROPPED = lookup.findVarHandle(ThreadRingProducerFields.class, "dropped", long.class);
            DROPPED_STARTS = lookup.findVarHandle(ThreadRingProducerFields.class, "droppedStarts", long.class);
            DROPPED_BY_BUDGET = lookup.findVarHandle(ThreadRingProducerFields.class, "droppedByBudget", long.class);
            EXTRA_BYTES = lookup.findVarHandle(ThreadRingProducerFields.class, "extraBytes", long.class);
            SHRINK = lookup.findVarHandle(ThreadRingProducerFields.class, "shrinkRequested", int.class);
            CONSUMED = lookup.findVarHandle(ThreadRingConsumerFields.class, "consumed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A power-of-two run of slots, and the bigger segment that follows it once the ring grew. */
    static final class Segment {
        final SpanSlot[] slots;
        final int mask;
        /** First index stored in {@link #next}; written before {@code next} is published. */
        long nextStartsAt;
        volatile Segment next;

        Segment(int capacity) {
            slots = new SpanSlot[capacity];
            for (int i = 0; i < capacity; i++) {
                slots[i] = new SpanSlot(0);
            }
            mask = capacity - 1;
        }
    }

    private final int maxCapacity;
    private final Thread owner;
    private final MemoryBudget budget;

    /** A ring outside any budget (tests, benchmarks). */
    ThreadRing(int maxCapacity, Thread owner) {
        this(roundUp(maxCapacity), owner, MemoryBudget.unlimited(), true);
    }

    private ThreadRing(int maxCapacity, Thread owner, MemoryBudget budget, boolean reserve) {
        this.maxCapacity = maxCapacity;
        this.owner = owner;
        this.budget = budget;
        int first = Math.min(INITIAL_CAPACITY, maxCapacity);
        if (reserve) {
            budget.tryReserve(firstBytes(first));
        }
        Segment segment = new Segment(first);
        producerSegment = segment;
        consumerSegment = segment;
        producerLimit = first;
    }

    /**
     * A ring whose first segment and fixed share are reserved from {@code budget} before they are
     * allocated. @return null when the budget (or the heap) has no room for them
     */
    static ThreadRing reserve(int maxCapacity, Thread owner, MemoryBudget budget) {
        int max = roundUp(maxCapacity);
        long bytes = firstBytes(Math.min(INITIAL_CAPACITY, max));
        if (!budget.tryReserve(bytes)) {
            return null;
        }
        try {
            return new ThreadRing(max, owner, budget, false);
        } catch (OutOfMemoryError e) {
            budget.release(bytes);
            return null;
        }
    }

    private static long firstBytes(int slots) {
        return MemoryBudget.THREAD_OVERHEAD_BYTES + MemoryBudget.segmentBytes(slots);
    }

    private static int roundUp(int maxCapacity) {
        int max = 2;
        while (max < maxCapacity && max < (1 << 30)) {
            max <<= 1;
        }
        return max;
    }

    /** Slots the producer writes into now. */
    public int capacity() {
        return producerSegment.slots.length;
    }

    public int maxCapacity() {
        return maxCapacity;
    }

    /** The thread that writes this ring; once it is dead and the ring is empty, the ring can go. */
    public Thread owner() {
        return owner;
    }

    /** Spans the owner could not store because the ring was full at its maximum size. */
    public long dropped() {
        return (long) DROPPED.getAcquire(this);
    }

    /** Start records lost the same way. */
    public long droppedStarts() {
        return (long) DROPPED_STARTS.getAcquire(this);
    }

    /** Of {@link #dropped()}, the spans lost because the memory budget refused to let the ring grow. */
    public long droppedByBudget() {
        return (long) DROPPED_BY_BUDGET.getAcquire(this);
    }

    /** Owner thread only. @return false if the ring was full; the span is then counted as dropped */
    boolean offer(long traceHi, long traceLo, long spanId, long parentId, int methodId,
                  long threadId, String threadName, long startEpochNanos, long durationNanos,
                  Object detail) {
        long p = producerIndex;
        Segment segment = producerSegment;
        if (p >= producerLimit || (int) SHRINK.getOpaque(this) != 0) {
            segment = makeRoom(segment, p);
            if (segment == null) {
                if (durationNanos == SpanSlot.STARTED) {
                    DROPPED_STARTS.setRelease(this, ++droppedStartsByOwner);
                } else {
                    DROPPED.setRelease(this, ++droppedByOwner);
                    if (refusedByBudget) {
                        DROPPED_BY_BUDGET.setRelease(this, ++droppedByBudgetByOwner);
                    }
                }
                return false;
            }
        }
        SpanSlot slot = segment.slots[(int) p & segment.mask];
        slot.fill(traceHi, traceLo, spanId, parentId, methodId, threadId, threadName, startEpochNanos,
                durationNanos, detail);
        producerIndex = p + 1;
        PUBLISHED.setRelease(this, p + 1);
        return true;
    }

    /**
     * Slow path, about once per lap: re-read the drainer's position, grow if still full (within the
     * budget); or, when the drainer asked, go back to a small segment.
     */
    private Segment makeRoom(Segment segment, long p) {
        refusedByBudget = false;
        if ((int) SHRINK.getOpaque(this) != 0) {
            SHRINK.setOpaque(this, 0);
            int small = Math.min(INITIAL_CAPACITY, maxCapacity);
            Segment smaller = segment.slots.length > small ? newSegment(small) : null;
            if (smaller != null) {
                return link(segment, smaller, p);
            }
            if (p < producerLimit) {
                return segment;
            }
        }
        long consumed = (long) CONSUMED.getAcquire(this);
        producerLimit = Math.max(consumed, producerSegmentStart) + segment.slots.length;
        if (p < producerLimit) {
            return segment;
        }
        if (segment.slots.length >= maxCapacity) {
            return null;
        }
        Segment bigger = newSegment(segment.slots.length * 2);
        if (bigger == null) {
            refusedByBudget = true;
            return null;
        }
        return link(segment, bigger, p);
    }

    /** A segment whose bytes the budget granted; null when it (or the heap) refused. */
    private Segment newSegment(int slots) {
        long bytes = MemoryBudget.segmentBytes(slots);
        if (!budget.tryReserve(bytes)) {
            return null;
        }
        try {
            return new Segment(slots);
        } catch (OutOfMemoryError e) {
            budget.release(bytes);
            return null;
        }
    }

    /** What a segment the drainer is done with gives back: its slots and their primitive values' arrays. */
    private static long heldBytes(Segment segment) {
        long bytes = MemoryBudget.segmentBytes(segment.slots.length);
        for (SpanSlot slot : segment.slots) {
            bytes += slot.extraBytes();
        }
        return bytes;
    }

    /** Makes {@code next} the producer's segment from index {@code p} on. */
    private Segment link(Segment segment, Segment next, long p) {
        segment.nextStartsAt = p;
        segment.next = next; // the drainer follows it from index p on
        producerSegment = next;
        producerSegmentStart = p;
        producerLimit = p + next.slots.length;
        return next;
    }

    /**
     * Owner thread only: reserves bytes the owner's span stack grows by; they go back with the ring.
     * @return false when the budget refused
     */
    boolean reserveExtra(long bytes) {
        if (!budget.tryReserve(bytes)) {
            return false;
        }
        EXTRA_BYTES.setRelease(this, extraBytesByOwner += bytes);
        return true;
    }

    /** Drainer thread only: hands up to {@code max} spans, oldest first, to the consumer. */
    public int drain(RingBuffer.SpanConsumer consumer, int max) {
        long c = consumerIndex;
        Segment segment = consumerSegment;
        long backlog = (long) PUBLISHED.getAcquire(this) - c;
        if (backlog > windowMaxBacklog) {
            windowMaxBacklog = backlog;
        }
        long available = Math.min(backlog, max);
        int n = 0;
        try {
            while (n < available) {
                Segment next = segment.next;
                if (next != null && c + n >= segment.nextStartsAt) {
                    budget.release(heldBytes(segment)); // garbage from here on
                    segment = next;
                    continue;
                }
                SpanSlot slot = segment.slots[(int) (c + n) & segment.mask];
                n++; // counted before accept: a consumer exception must not replay the slot
                try {
                    consumer.accept(slot);
                } finally {
                    slot.clearReferences();
                }
            }
        } finally {
            consumerSegment = segment;
            consumerIndex = c + n;
            CONSUMED.setRelease(this, c + n);
        }
        return n;
    }

    /**
     * Drainer thread only, at exit: skips every published record without handing it out or clearing
     * it (the JVM is going away, and this must be quick), counting spans in {@code counts[0]} and
     * start records in {@code counts[1]}.
     */
    public void skipAll(long[] counts) {
        long c = consumerIndex;
        Segment segment = consumerSegment;
        long end = (long) PUBLISHED.getAcquire(this);
        while (c < end) {
            Segment next = segment.next;
            if (next != null && c >= segment.nextStartsAt) {
                budget.release(heldBytes(segment));
                segment = next;
                continue;
            }
            counts[segment.slots[(int) c & segment.mask].durationNanos == SpanSlot.STARTED ? 1 : 0]++;
            c++;
        }
        consumerSegment = segment;
        consumerIndex = end;
        CONSUMED.setRelease(this, end);
    }

    /** True when every published span has been drained. Drainer thread only. */
    public boolean isEmpty() {
        return (long) PUBLISHED.getAcquire(this) == consumerIndex;
    }

    /**
     * Drainer thread only, called after each pass: once a window has passed in which the backlog
     * never needed more than half a small segment, asks the owner of a grown ring to shrink.
     */
    public void shrinkIfIdle(long nowNanos) {
        if (!windowStarted) {
            windowStarted = true; // nanoTime has no fixed origin: the first window starts now
            windowStartNanos = nowNanos;
            windowMaxBacklog = 0;
            return;
        }
        if (nowNanos - windowStartNanos < SHRINK_WINDOW_NANOS) {
            return;
        }
        Segment segment = consumerSegment;
        if (segment.next == null && segment.slots.length > INITIAL_CAPACITY
                && windowMaxBacklog <= INITIAL_CAPACITY / 2) {
            SHRINK.setOpaque(this, 1);
        }
        windowStartNanos = nowNanos;
        windowMaxBacklog = 0;
    }

    /** Drainer thread only, once the owner has ended: gives every byte the ring holds back to the budget. */
    void releaseAll() {
        if (consumerSegment == null) {
            return; // released already
        }
        long bytes = MemoryBudget.THREAD_OVERHEAD_BYTES + (long) EXTRA_BYTES.getAcquire(this);
        for (Segment s = consumerSegment; s != null; s = s.next) {
            bytes += heldBytes(s);
        }
        consumerSegment = null;
        budget.release(bytes);
    }

    /** Slots of the segment the drainer reads now (tests). */
    int consumerCapacity() {
        return consumerSegment.slots.length;
    }
}

/** Fields only the owner thread writes, padded away from the object header and other data. */
abstract class ThreadRingProducerFields {
    long p01, p02, p03, p04, p05, p06, p07, p08;
    long producerIndex;
    long producerLimit;
    long producerSegmentStart;
    long droppedByOwner;
    long droppedStartsByOwner;
    long droppedByBudgetByOwner;
    long extraBytesByOwner;
    /** Set by the last {@code makeRoom} that failed because the budget refused a bigger segment. */
    boolean refusedByBudget;
    /** Written by the drainer (rarely: a shrink request), read by the owner at each offer. */
    @SuppressWarnings("unused") // SHRINK
    volatile int shrinkRequested;
    ThreadRing.Segment producerSegment;
    @SuppressWarnings("unused") // PUBLISHED
    volatile long published;
    @SuppressWarnings("unused") // DROPPED
    volatile long dropped;
    @SuppressWarnings("unused") // DROPPED_STARTS
    volatile long droppedStarts;
    @SuppressWarnings("unused") // DROPPED_BY_BUDGET
    volatile long droppedByBudget;
    @SuppressWarnings("unused") // EXTRA_BYTES
    volatile long extraBytes;
}

/** Fields only the drainer writes, on their own cache line. */
abstract class ThreadRingConsumerFields extends ThreadRingProducerFields {
    long q01, q02, q03, q04, q05, q06, q07, q08;
    long consumerIndex;
    ThreadRing.Segment consumerSegment;
    boolean windowStarted;
    long windowStartNanos;
    long windowMaxBacklog;
    @SuppressWarnings("unused") // CONSUMED
    volatile long consumed;
    long r01, r02, r03, r04, r05, r06, r07, r08;
}
