package dev.agentdbg.bootstrap;

import dev.agentdbg.capture.CaptureSpec;

/**
 * Per-thread storage for calls whose captured arguments and result are all primitive: the advice
 * stores the arguments' bits here ({@link #argScratch}), each open call keeps them by depth
 * ({@link #frames}), and a record is handed to the ring as this object, whose values the slot
 * copies at once ({@link SpanSlot#fill}). Nothing is allocated per call; the drainer boxes the
 * values when it writes them ({@link CaptureSpec#materialize}).
 */
final class PrimitiveValues {
    /** Parameters a method may have to be captured this way; one more slot holds the result. */
    static final int MAX_ARGS = CaptureSpec.MAX_PRIMITIVE_ARGS;
    /** Where the advice of a thread without state stores its arguments (never read). */
    static final long[] DISCARD = new long[MAX_ARGS];

    /** Written by the advice: the arguments of the call being entered, as raw bits. */
    final long[] argScratch = new long[MAX_ARGS];
    /**
     * The arguments of each open call, MAX_ARGS per depth; small at first (a thread, virtual ones
     * included, rarely nests such calls deeply) and grown as needed.
     */
    long[] frames = new long[MAX_ARGS * 4];
    /** What the next record offered carries: arguments, then the result when {@link #hasResult}. */
    final long[] bits = new long[MAX_ARGS + 1];
    int argCount;
    boolean hasResult;
    CaptureSpec spec;

    /** Estimated bytes of a new one (object, three arrays), charged to the thread's ring. */
    static final long BYTES = 16 + (16 + 8L * MAX_ARGS) * 2 + (16 + 8L * MAX_ARGS * 4) + 24;

    /**
     * Keeps the arguments in {@link #argScratch} for the call at depth {@code d}; a deeper call than
     * ever before grows {@link #frames} within the memory budget.
     * @return false when the budget refused the growth (the call is then not captured)
     */
    boolean enter(ThreadRing ring, int d, int count) {
        int at = d * MAX_ARGS;
        if (at + MAX_ARGS > frames.length) {
            int length = Math.max(frames.length * 2, at + MAX_ARGS);
            if (ring != null && !ring.reserveExtra(8L * (length - frames.length))) {
                return false;
            }
            frames = java.util.Arrays.copyOf(frames, length);
        }
        System.arraycopy(argScratch, 0, frames, at, count);
        return true;
    }

    /** Prepares the record of the call at depth {@code d}: its arguments, and its result if any. */
    PrimitiveValues record(CaptureSpec spec, int d, int count, boolean hasResult, long result) {
        System.arraycopy(frames, d * MAX_ARGS, bits, 0, count);
        bits[count] = result;
        this.spec = spec;
        this.argCount = count;
        this.hasResult = hasResult;
        return this;
    }
}
