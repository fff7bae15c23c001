package dev.agentdbg.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Bounded multi-producer, single-consumer queue of finished spans that never blocks a producer.
 *
 * <p>Dmitry Vyukov's bounded queue: a producer claims a position with a CAS (not an XADD, so a
 * full buffer can refuse the claim and count a drop instead of waiting), fills the preallocated
 * slot with plain stores and publishes it with a release store of the slot's sequence. The single
 * consumer reads slots in order while their sequence says "published", then hands each slot back
 * one lap later. Nothing is allocated, no lock is taken, nothing between claim and publish can
 * throw.
 */
public final class RingBuffer extends RingBufferTailPadding {
    private static final VarHandle TAIL;
    private static final VarHandle DROPPED;
    private static final VarHandle DROPPED_STARTS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(RingBufferTail.class, "tail", long.class);
            DROPPED = lookup.findVarHandle(RingBufferCounters.class, "dropped", long.class);
            DROPPED_STARTS = lookup.findVarHandle(RingBufferCounters.class, "droppedStarts", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SpanSlot[] slots;
    private final int mask;
    private final int capacity;
    /** Consumer position; only the drainer thread reads or writes it. */
    private long head;

    /** @param requestedCapacity rounded up to a power of two, at least 2 */
    public RingBuffer(int requestedCapacity) {
        int cap = 2;
        while (cap < requestedCapacity && cap < (1 << 30)) {
            cap <<= 1;
        }
        capacity = cap;
        mask = cap - 1;
        slots = new SpanSlot[cap];
        for (int i = 0; i < cap; i++) {
            slots[i] = new SpanSlot(i);
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Spans refused because the buffer was full (or the writer gave up), since start. */
    public long dropped() {
        return (long) DROPPED.getVolatile(this);
    }

    /** Start records refused because the buffer was full. */
    public long droppedStarts() {
        return (long) DROPPED_STARTS.getVolatile(this);
    }

    /** Counts spans that were lost outside the buffer, e.g. when the trace file cannot be written. */
    public void countDropped(long n) {
        DROPPED.getAndAdd(this, n);
    }

    /** @return false if the buffer was full; the span is then counted as dropped */
    boolean offer(long traceHi, long traceLo, long spanId, long parentId, int methodId,
                  long threadId, String threadName, long startEpochNanos, long durationNanos,
                  Object detail) {
        SpanSlot slot;
        long position;
        while (true) {
            position = (long) TAIL.getVolatile(this);
            slot = slots[(int) position & mask];
            long available = slot.sequenceAcquire() - position;
            if (available == 0) {
                if (TAIL.compareAndSet(this, position, position + 1)) {
                    break;
                }
            } else if (available < 0) {
                // The slot still holds the span from one lap ago: full.
                (durationNanos == SpanSlot.STARTED ? DROPPED_STARTS : DROPPED).getAndAdd(this, 1L);
                return false;
            }
            // available > 0: another producer claimed this position first; retry with a new tail.
        }
        slot.fill(traceHi, traceLo, spanId, parentId, methodId, threadId, threadName, startEpochNanos,
                durationNanos, detail);
        slot.publish(position + 1);
        return true;
    }

    /** Receives drained spans; the slot is only valid during the call. */
    public interface SpanConsumer {
        void accept(SpanSlot span);
    }

    /**
     * Hands up to {@code max} published spans, in claim order, to the consumer. Must only be called
     * from one thread at a time. A consumer exception does not lose the slot's place: the slot is
     * released and the exception propagates.
     *
     * @return how many spans were consumed
     */
    public int drain(SpanConsumer consumer, int max) {
        long h = head;
        int n = 0;
        try {
            while (n < max) {
                SpanSlot slot = slots[(int) h & mask];
                if (slot.sequenceAcquire() != h + 1) {
                    break; // not yet published (or a producer is between claim and publish)
                }
                try {
                    consumer.accept(slot);
                } finally {
                    slot.clearReferences();
                    slot.publish(h + capacity);
                    h++;
                    n++;
                }
            }
        } finally {
            head = h;
        }
        return n;
    }
}

/** Padding so the producers' CAS target shares no cache line with the fields around it. */
abstract class RingBufferHeadPadding {
    long p01, p02, p03, p04, p05, p06, p07, p08;
    long p09, p10, p11, p12, p13, p14, p15, p16;
}

abstract class RingBufferTail extends RingBufferHeadPadding {
    @SuppressWarnings("unused") // accessed through RingBuffer.TAIL
    volatile long tail;
}

abstract class RingBufferCounters extends RingBufferTail {
    long q01, q02, q03, q04, q05, q06, q07, q08;
    long q09, q10, q11, q12, q13, q14, q15, q16;
    @SuppressWarnings("unused") // accessed through RingBuffer.DROPPED
    volatile long dropped;
    @SuppressWarnings("unused") // accessed through RingBuffer.DROPPED_STARTS
    volatile long droppedStarts;
}

abstract class RingBufferTailPadding extends RingBufferCounters {
    long r01, r02, r03, r04, r05, r06, r07, r08;
    long r09, r10, r11, r12, r13, r14, r15, r16;
}
