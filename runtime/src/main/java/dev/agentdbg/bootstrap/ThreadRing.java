package dev.agentdbg.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One platform thread's own buffer of finished spans: single producer (the owner thread), single
 * consumer (the drainer). The owner never writes a cache line another application thread writes,
 * and takes no CAS: it fills a preallocated slot and publishes with one release store.
 *
 * <p>The producer caches how far it may go (JCTools' "producer limit"), so it reads the consumer's
 * index only about once per lap instead of on every span.
 */
public final class ThreadRing extends ThreadRingConsumerFields {
    private static final VarHandle PUBLISHED;
    private static final VarHandle CONSUMED;
    private static final VarHandle DROPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PUBLISHED = lookup.findVarHandle(ThreadRingProducerFields.class, "published", long.class);
            DROPPED = lookup.findVarHandle(ThreadRingProducerFields.class, "dropped", long.class);
            CONSUMED = lookup.findVarHandle(ThreadRingConsumerFields.class, "consumed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SpanSlot[] slots;
    private final int mask;
    private final int capacity;
    private final Thread owner;

    ThreadRing(int requestedCapacity, Thread owner) {
        int cap = 2;
        while (cap < requestedCapacity && cap < (1 << 30)) {
            cap <<= 1;
        }
        capacity = cap;
        mask = cap - 1;
        slots = new SpanSlot[cap];
        for (int i = 0; i < cap; i++) {
            slots[i] = new SpanSlot(0);
        }
        this.owner = owner;
    }

    public int capacity() {
        return capacity;
    }

    /** The thread that writes this ring; once it is dead and the ring is empty, the ring can go. */
    public Thread owner() {
        return owner;
    }

    /** Spans the owner could not store because the ring was full. */
    public long dropped() {
        return (long) DROPPED.getAcquire(this);
    }

    /** Owner thread only. @return false if the ring was full; the span is then counted as dropped */
    boolean offer(long traceHi, long traceLo, long spanId, long parentId, int methodId,
                  long threadId, String threadName, long startEpochNanos, long durationNanos,
                  Throwable thrown) {
        long p = producerIndex;
        if (p >= producerLimit) {
            producerLimit = (long) CONSUMED.getAcquire(this) + capacity;
            if (p >= producerLimit) {
                DROPPED.setRelease(this, droppedByOwner + 1);
                droppedByOwner++;
                return false;
            }
        }
        SpanSlot slot = slots[(int) p & mask];
        slot.traceHi = traceHi;
        slot.traceLo = traceLo;
        slot.spanId = spanId;
        slot.parentId = parentId;
        slot.methodId = methodId;
        slot.threadId = threadId;
        slot.threadName = threadName;
        slot.startEpochNanos = startEpochNanos;
        slot.durationNanos = durationNanos;
        slot.thrown = thrown;
        producerIndex = p + 1;
        PUBLISHED.setRelease(this, p + 1);
        return true;
    }

    /** Drainer thread only: hands up to {@code max} spans, oldest first, to the consumer. */
    public int drain(RingBuffer.SpanConsumer consumer, int max) {
        long c = consumerIndex;
        long available = Math.min((long) PUBLISHED.getAcquire(this) - c, max);
        int n = 0;
        try {
            while (n < available) {
                SpanSlot slot = slots[(int) (c + n) & mask];
                n++; // counted before accept: a consumer exception must not replay the slot
                try {
                    consumer.accept(slot);
                } finally {
                    slot.clearReferences();
                }
            }
        } finally {
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
    long droppedByOwner;
    @SuppressWarnings("unused") // PUBLISHED
    volatile long published;
    @SuppressWarnings("unused") // DROPPED
    volatile long dropped;
}

/** Fields only the drainer writes, on their own cache line. */
abstract class ThreadRingConsumerFields extends ThreadRingProducerFields {
    long q01, q02, q03, q04, q05, q06, q07, q08;
    long consumerIndex;
    @SuppressWarnings("unused") // CONSUMED
    volatile long consumed;
    long r01, r02, r03, r04, r05, r06, r07, r08;
}
