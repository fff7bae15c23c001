package dev.agentdbg.bootstrap;

/**
 * Per-thread span stack: the open instrumented calls of one thread, their ids and start times,
 * plus a private id generator so id creation never contends with other threads.
 */
final class ThreadState {
    private static final int INITIAL_DEPTH = 16;
    /** Deeper nesting (runaway recursion) is not traced rather than grown without bound. */
    static final int MAX_DEPTH = 1024;
    /** Estimated bytes per stack level: span id, start, method id, capture, saved trace ids. */
    private static final long FRAME_BYTES = 40;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** Method id of a frame that stands for the span of another thread this thread works for. */
    static final int REMOTE_FRAME = -1;

    final long threadId;
    /** Trace ids to restore when a remote frame is popped; allocated on the first one. */
    long[] savedTraceHi;
    long[] savedTraceLo;
    /** For each remote frame, the method id of the other thread's span (0 when unknown); made with the saved ids. */
    int[] remoteMethodIds;
    /** Above 0 while an executor is being handed a task: threads it starts are its workers. */
    int inExecutor;
    long[] spanIds = new long[INITIAL_DEPTH];
    long[] startNanos = new long[INITIAL_DEPTH];
    int[] methodIds = new int[INITIAL_DEPTH];
    /** Arguments of open calls captured unboxed; made by the first such call. */
    PrimitiveValues primitives;
    /** What capturing methods captured of the open calls; null entries for the others. */
    dev.agentdbg.capture.CapturedCall[] calls = new dev.agentdbg.capture.CapturedCall[INITIAL_DEPTH];
    int depth;
    long traceHi;
    long traceLo;
    /**
     * Frames whose entry found the debugger armed ({@link PauseGate}): only their exits ask it. Made by the
     * first armed entry; a set mark is cleared by its exit, so an unarmed entry never has to write here.
     */
    boolean[] debugMarks;
    /** An edit the user made at this thread's last pause, for the edit advice right after it; null otherwise. */
    Object debugEdit;
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

    /**
     * Pushes a frame for a span of another thread, so spans this thread creates while it works for
     * that span become its children, in its trace. {@code remoteMethodId} is that span's method
     * (0 when unknown), for record/replay's look-up of the llm span a request belongs to.
     * @return the token for {@link #popRemote}, 0 if full
     */
    int pushRemote(long remoteTraceHi, long remoteTraceLo, long remoteSpanId, int remoteMethodId) {
        if (!ensureRoom()) {
            return 0;
        }
        int d = depth;
        if (savedTraceHi == null || savedTraceHi.length < spanIds.length) {
            savedTraceHi = savedTraceHi == null ? new long[spanIds.length] : java.util.Arrays.copyOf(savedTraceHi, spanIds.length);
            savedTraceLo = savedTraceLo == null ? new long[spanIds.length] : java.util.Arrays.copyOf(savedTraceLo, spanIds.length);
            remoteMethodIds = remoteMethodIds == null ? new int[spanIds.length] : java.util.Arrays.copyOf(remoteMethodIds, spanIds.length);
        }
        savedTraceHi[d] = traceHi;
        savedTraceLo[d] = traceLo;
        spanIds[d] = remoteSpanId;
        methodIds[d] = REMOTE_FRAME;
        remoteMethodIds[d] = remoteMethodId;
        traceHi = remoteTraceHi;
        traceLo = remoteTraceLo;
        depth = d + 1;
        return d + 1;
    }

    /** The method id of the span frame {@code d} stands for: its own, or for a remote frame the other thread's (0: unknown). */
    int methodIdAt(int d) {
        int id = methodIds[d];
        return id == REMOTE_FRAME ? remoteMethodIds[d] : id;
    }

    /** Pops the remote frame pushed with {@code token} (and anything left above it). */
    void popRemote(int token) {
        int d = token - 1;
        if (depth < token || methodIds[d] != REMOTE_FRAME) {
            return; // already unwound
        }
        depth = d;
        traceHi = savedTraceHi[d];
        traceLo = savedTraceLo[d];
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
        if (ring != null && !ring.reserveExtra(length * FRAME_BYTES)) {
            return false; // the memory budget is spent: deeper calls are not traced
        }
        spanIds = java.util.Arrays.copyOf(spanIds, length * 2);
        startNanos = java.util.Arrays.copyOf(startNanos, length * 2);
        methodIds = java.util.Arrays.copyOf(methodIds, length * 2);
        calls = java.util.Arrays.copyOf(calls, length * 2);
        return true;
    }
}
