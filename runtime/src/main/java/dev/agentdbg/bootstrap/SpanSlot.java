package dev.agentdbg.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One preallocated entry of the {@link RingBuffer}: the finished span's fields, reused forever.
 *
 * <p>{@code sequence} says who owns the slot (Vyukov's bounded queue): equal to the claim position
 * when free for that producer, position + 1 once published, position + capacity once consumed.
 */
public final class SpanSlot {
    private static final VarHandle SEQUENCE;

    static {
        try {
            SEQUENCE = MethodHandles.lookup().findVarHandle(SpanSlot.class, "sequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Set in {@link #methodId()} of a span whose parent ran on another thread. */
    public static final int ASYNC_FLAG = 1 << 30;
    /** Clears {@link #ASYNC_FLAG}. */
    public static final int METHOD_MASK = ASYNC_FLAG - 1;

    /** Duration of a start record: the call has begun, its span record comes when it ends. */
    public static final long STARTED = -1;

    @SuppressWarnings("unused") // accessed through SEQUENCE
    private volatile long sequence;

    long traceHi;
    long traceLo;
    long spanId;
    long parentId;
    long threadId;
    long startEpochNanos;
    long durationNanos;
    int methodId;
    String threadName;
    /**
     * null, the Throwable a call threw, a {@link dev.agentdbg.capture.CapturedCall}, or the
     * {@link dev.agentdbg.capture.CaptureSpec} of a call whose captured values are all primitive
     * and kept in {@link #bits}.
     */
    Object detail;
    /** Estimated bytes of {@link #bits}, reserved from the memory budget when it is made. */
    static final long BITS_BYTES = 16 + 8L * (PrimitiveValues.MAX_ARGS + 1);
    /** A primitive call's arguments, then its result when {@link #hasResultBits}; made on first use. */
    private long[] bits;
    private int bitCount;
    private boolean hasResultBits;

    SpanSlot(long initialSequence) {
        SEQUENCE.setRelease(this, initialSequence);
    }

    long sequenceAcquire() {
        return (long) SEQUENCE.getAcquire(this);
    }

    void publish(long sequence) {
        SEQUENCE.setRelease(this, sequence);
    }

    /** Plain stores: the owner of the slot publishes them with its release store afterwards. */
    void fill(long traceHi, long traceLo, long spanId, long parentId, int methodId, long threadId,
              String threadName, long startEpochNanos, long durationNanos, Object detail) {
        this.traceHi = traceHi;
        this.traceLo = traceLo;
        this.spanId = spanId;
        this.parentId = parentId;
        this.methodId = methodId;
        this.threadId = threadId;
        this.threadName = threadName;
        this.startEpochNanos = startEpochNanos;
        this.durationNanos = durationNanos;
        this.detail = detail;
        if (detail instanceof PrimitiveValues) {
            copy((PrimitiveValues) detail);
        }
    }

    /**
     * The thread's primitive values are reused by its next call: the slot keeps a copy, in an array
     * made once per slot within the memory budget (its ring gives the bytes back with the slot).
     */
    private void copy(PrimitiveValues v) {
        if (bits == null) {
            MemoryBudget budget = MemoryBudget.installed();
            if (budget != null && !budget.tryReserve(BITS_BYTES)) {
                detail = dev.agentdbg.capture.CaptureBudget.skippedCall(); // traced, not captured; counted
                return;
            }
            bits = new long[PrimitiveValues.MAX_ARGS + 1]; // once per slot, not per call
        }
        System.arraycopy(v.bits, 0, bits, 0, v.argCount + 1);
        bitCount = v.argCount;
        hasResultBits = v.hasResult;
        detail = v.spec;
    }

    /** Bytes this slot holds beyond {@link MemoryBudget#SLOT_BYTES} (its primitive values' array). */
    long extraBytes() {
        return bits != null ? BITS_BYTES : 0;
    }

    /** Drops references so a consumed slot does not keep an exception, a payload or a name alive. */
    void clearReferences() {
        threadName = null;
        detail = null;
    }

    public long traceHi() { return traceHi; }
    public long traceLo() { return traceLo; }
    public long spanId() { return spanId; }
    /** 0 when the span is a root. */
    public long parentId() { return parentId; }
    public long threadId() { return threadId; }
    public String threadName() { return threadName; }
    public long startEpochNanos() { return startEpochNanos; }
    public long durationNanos() { return durationNanos; }
    /** True for a start record rather than a finished span. */
    public boolean isStart() { return durationNanos == STARTED; }
    /** The method id, without {@link #ASYNC_FLAG}. */
    public int methodId() { return methodId & METHOD_MASK; }
    /** True when the parent span ran on another thread (the work was handed over). */
    public boolean isAsync() { return (methodId & ASYNC_FLAG) != 0; }
    /** null when the call returned normally. */
    public Throwable thrown() {
        Object d = detail;
        return d instanceof Throwable ? (Throwable) d
                : d instanceof dev.agentdbg.capture.CapturedCall ? ((dev.agentdbg.capture.CapturedCall) d).thrown : null;
    }
    /** null for a plain span: no exception, nothing captured. */
    public Object detail() { return detail; }
    /** What was captured of the call's arguments and result; null when the rule captures nothing. */
    public dev.agentdbg.capture.CapturedCall captured() {
        Object d = detail;
        if (d instanceof dev.agentdbg.capture.CaptureSpec) { // boxed here, on the drainer
            return ((dev.agentdbg.capture.CaptureSpec) d).materialize(bits, bitCount, hasResultBits);
        }
        return d instanceof dev.agentdbg.capture.CapturedCall ? (dev.agentdbg.capture.CapturedCall) d : null;
    }
}
