package dev.agentdbg.bootstrap;

/**
 * Per-thread span stack: the open instrumented calls of one thread, their ids and start times,
 * plus a private id generator so id creation never contends with other threads.
 */
final class ThreadState {
    private static final int INITIAL_DEPTH = 16;
    /** Deeper nesting (runaway recursion) is not traced rather than grown without bound. */
    static final int MAX_DEPTH = 1024;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    final long threadId;
    long[] spanIds = new long[INITIAL_DEPTH];
    long[] startNanos = new long[INITIAL_DEPTH];
    int[] methodIds = new int[INITIAL_DEPTH];
    int depth;
    long traceHi;
    long traceLo;
    /** Set while the agent itself runs code on this thread that must not create spans. */
    boolean suspended;
    /** The rings this thread's ring belongs to; a new install rebinds the thread. */
    SpanRings rings;
    /** This thread's own ring, or null for a virtual thread (it uses the shared one). */
    ThreadRing ring;
    private long seed;

    ThreadState(long threadId, long seed) {
        this.threadId = threadId;
        this.seed = seed ^ (threadId * GOLDEN_GAMMA);
    }

    /** Done once per thread (and again only if the agent is re-installed, as tests do). */
    void bind(SpanRings target) {
        rings = target;
        ring = target.ringFor(Thread.currentThread());
    }

    /** SplitMix64: fast, well mixed, and never zero as used here. */
    long nextId() {
        long z;
        do {
            z = (seed += GOLDEN_GAMMA);
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            z = z ^ (z >>> 31);
        } while (z == 0);
        return z;
    }

    /** @return false when the stack may not grow any further */
    boolean ensureRoom() {
        int length = spanIds.length;
        if (depth < length) {
            return true;
        }
        if (length >= MAX_DEPTH) {
            return false;
        }
        spanIds = java.util.Arrays.copyOf(spanIds, length * 2);
        startNanos = java.util.Arrays.copyOf(startNanos, length * 2);
        methodIds = java.util.Arrays.copyOf(methodIds, length * 2);
        return true;
    }
}
