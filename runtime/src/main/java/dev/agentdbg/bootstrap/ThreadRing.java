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
 * the configured maximum; only then are spans dropped and counted. So a quiet thread holds about
 * 90 KB, and only a thread that really bursts pays for a big buffer.
 */
public final class ThreadRing extends ThreadRingConsumerFields {
    static final int INITIAL_CAPACITY = 1024;

    private static final VarHandle PUBLISHED;
    private static final VarHandle CONSUMED;
    private static final VarHandle DROPPED;
    private static final VarHandle DROPPED_STARTS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PUBLISHED = lookup.findVarHandle(ThreadRingProducerFields.class, "published", long.class);
            DROPPED = lookup.findVarHandle(ThreadRingProducerFields.class, "dropped", long.class);
            DROPPED_STARTS = lookup.findVarHandle(ThreadRingProducerFields.class, "droppedStarts", long.class);
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

    /** @param maxCapacity slots the ring may grow to (rounded up to a power of two) */
    ThreadRing(int maxCapacity, Thread owner) {
        int max = 2;
        while (max < maxCapacity && max < (1 << 30)) {
            max <<= 1;
        }
        this.maxCapacity = max;
        this.owner = owner;
        Segment first = new Segment(Math.min(INITIAL_CAPACITY, max));
        producerSegment = first;
        consumerSegment = first;
        producerLimit = first.slots.length;
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

    /** Owner thread only. @return false if the ring was full; the span is then counted as dropped */
    boolean offer(long traceHi, long traceLo, long spanId, long parentId, int methodId,
                  long threadId, String threadName, long startEpochNanos, long durationNanos,
                  Object detail) {
        long p = producerIndex;
        Segment segment = producerSegment;
        if (p >= producerLimit) {
            segment = makeRoom(segment, p);
            if (segment == null) {
                if (durationNanos == SpanSlot.STARTED) {
                    DROPPED_STARTS.setRelease(this, ++droppedStartsByOwner);
                } else {
                    DROPPED.setRelease(this, ++droppedByOwner);
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

    /** Slow path, about once per lap: re-read the drainer's position, grow if still full. */
    private Segment makeRoom(Segment segment, long p) {
        long consumed = (long) CONSUMED.getAcquire(this);
        producerLimit = Math.max(consumed, producerSegmentStart) + segment.slots.length;
        if (p < producerLimit) {
            return segment;
        }
        if (segment.slots.length >= maxCapacity) {
            return null;
        }
        Segment bigger = new Segment(segment.slots.length * 2);
        segment.nextStartsAt = p;
        segment.next = bigger; // the drainer follows it from index p on
        producerSegment = bigger;
        producerSegmentStart = p;
        producerLimit = p + bigger.slots.length;
        return bigger;
    }

    /** Drainer thread only: hands up to {@code max} spans, oldest first, to the consumer. */
    public int drain(RingBuffer.SpanConsumer consumer, int max) {
        long c = consumerIndex;
        Segment segment = consumerSegment;
        long available = Math.min((long) PUBLISHED.getAcquire(this) - c, max);
        int n = 0;
        try {
            while (n < available) {
                Segment next = segment.next;
                if (next != null && c + n >= segment.nextStartsAt) {
                    segment = next; // the old segment is garbage from here on
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

    /** True when every published span has been drained. Drainer thread only. */
    public boolean isEmpty() {
        return (long) PUBLISHED.getAcquire(this) == consumerIndex;
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
    ThreadRing.Segment producerSegment;
    @SuppressWarnings("unused") // PUBLISHED
    volatile long published;
    @SuppressWarnings("unused") // DROPPED
    volatile long dropped;
    @SuppressWarnings("unused") // DROPPED_STARTS
    volatile long droppedStarts;
}

/** Fields only the drainer writes, on their own cache line. */
abstract class ThreadRingConsumerFields extends ThreadRingProducerFields {
    long q01, q02, q03, q04, q05, q06, q07, q08;
    long consumerIndex;
    ThreadRing.Segment consumerSegment;
    @SuppressWarnings("unused") // CONSUMED
    volatile long consumed;
    long r01, r02, r03, r04, r05, r06, r07, r08;
}
