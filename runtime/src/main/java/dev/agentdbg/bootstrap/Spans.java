package dev.agentdbg.bootstrap;

/**
 * The bridge that advice inlined into application classes calls: one call on method entry, one on
 * exit. Loaded by the bootstrap class loader so code in every class loader can see it.
 *
 * <p>Hot path rules: no allocation (after a thread's first span), no lock, no blocking, no logging,
 * never throws. The enter token is the stack depth + 1, so 0 (the value ByteBuddy substitutes when
 * enter failed) means "no span" and exit does nothing.
 */
public final class Spans {
    static final ThreadLocal<ThreadState> STATE = new ThreadLocal<>() {
        @Override
        protected ThreadState initialValue() {
            return new ThreadState(Thread.currentThread().getId(), seed);
        }
    };

    static volatile SpanRings rings;
    private static long seed;
    private static long anchorEpochNanos;
    private static long anchorNanoTime;

    private Spans() {
    }

    /** Starts recording: spans created from now on go to {@code target}. */
    public static void install(SpanRings target, long epochNanosAnchor, long nanoTimeAnchor, long idSeed) {
        anchorEpochNanos = epochNanosAnchor;
        anchorNanoTime = nanoTimeAnchor;
        seed = idSeed;
        rings = target; // volatile write publishes the fields above
    }

    /** Stops recording; later calls of instrumented methods create no spans. */
    public static void uninstall() {
        rings = null;
    }

    /**
     * The calling thread's span stack, looked up once per instrumented call and handed to both
     * {@link #enter} and {@link #exit}; null while not recording.
     */
    public static Object state() {
        SpanRings target = rings;
        if (target == null) {
            return null;
        }
        ThreadState s = STATE.get();
        if (s.rings != target) {
            s.bind(target); // first span of this thread: allocate its ring, once
        }
        return s;
    }

    public static int enter(Object state, int methodId) {
        try {
            if (state == null) {
                return 0;
            }
            ThreadState s = (ThreadState) state;
            if (s.suspended || !s.ensureRoom()) {
                return 0;
            }
            return push(s, methodId, null);
        } catch (Throwable t) {
            AgentCounters.internalError("span-enter", t);
            return 0;
        }
    }

    /** Opens a span frame; {@code started} is what the start record carries (captured arguments). */
    static int push(ThreadState s, int methodId, Object started) {
        return push(s, methodId, started, null);
    }

    /** {@link #push(ThreadState, int, Object)}; {@code args} are the call's live arguments, for an entry pause to edit. */
    static int push(ThreadState s, int methodId, Object started, Object[] args) {
        int d = s.depth;
        if (d == 0) {
            s.traceHi = s.nextId();
            s.traceLo = s.nextId();
        }
        long spanId = s.nextId();
        s.spanIds[d] = spanId;
        s.methodIds[d] = methodId;
        s.depth = d + 1;
        long start = System.nanoTime();
        s.startNanos[d] = start;
        if ((methodId & MethodInfo.START_EVENT_FLAG) != 0) {
            offer(s, d, spanId, methodId & MethodInfo.ID_MASK, start, SpanSlot.STARTED, started);
        }
        if (PauseGate.ENABLED) { // a JIT constant: debugging off costs nothing at all
            PauseGate.Hook debugger = PauseGate.armed; // the debugger's whole cost while nothing is armed
            if (debugger != null) {
                // The hook (.when, the page) reads the arguments: CallCapture stores the call only after push.
                s.calls[d] = started instanceof dev.agentdbg.capture.CapturedCall c ? c : null;
                PauseGate.entered(debugger, s, d, methodId & MethodInfo.ID_MASK, args);
            }
        }
        return d + 1;
    }

    public static void exit(Object state, int token, Throwable thrown) {
        if (token == 0) {
            return;
        }
        long end = System.nanoTime();
        try {
            ThreadState s = (ThreadState) state;
            int d = pop(s, token, thrown);
            if (d >= 0) {
                long start = s.startNanos[d];
                offer(s, d, s.spanIds[d], s.methodIds[d] & MethodInfo.ID_MASK, start, end - start, thrown);
            }
        } catch (Throwable t) {
            AgentCounters.internalError("span-exit", t);
        }
    }

    /**
     * Closes the frame of {@code token}; @return its depth, or -1 when it is already gone. A frame whose
     * entry found the debugger armed may pause here first, before its span is handed on.
     */
    static int pop(ThreadState s, int token, Throwable thrown) {
        return pop(s, token, thrown, null);
    }

    /** {@link #pop(ThreadState, int, Throwable)}; {@code result} is the call's live return value, for an exit pause to edit. */
    static int pop(ThreadState s, int token, Throwable thrown, Object result) {
        if (PauseGate.ENABLED) {
            if (marked(s, token)) {
                PauseGate.exiting(s, token - 1, thrown, result);
            }
        }
        return pop(s, token);
    }

    /** Whether the exit of the frame of {@code token} asks the debugger (its entry found it armed). */
    static boolean marked(ThreadState s, int token) {
        boolean[] marks = s.debugMarks; // a plain field: null until the debugger was ever armed
        return marks != null && token <= marks.length && marks[token - 1] && s.depth == token;
    }

    /** Closes the frame of {@code token}; @return its depth, or -1 when it is already gone */
    static int pop(ThreadState s, int token) {
        if (s.depth != token) {
            // An exit was skipped below us (e.g. a frame unwound by a VM error): re-align.
            AgentCounters.internalError("span-stack", new IllegalStateException(
                    "span stack depth " + s.depth + " at exit of depth " + token));
            if (s.depth < token) {
                return -1;
            }
        }
        s.depth = token - 1;
        return token - 1;
    }

    /**
     * Hands a finished span, or a start record ({@code duration == SpanSlot.STARTED}), of the frame at
     * depth {@code d} to the thread's ring. Its parent is the frame below; when that frame stands for
     * a span of another thread (a task handed over), the span is marked async.
     */
    static void offer(ThreadState s, int d, long spanId, int methodId, long startNanoTime,
                      long duration, Object detail) {
        offer(s, s.traceHi, s.traceLo, spanId, parentOf(s, d), withAsyncFlag(s, d, methodId), s.threadId,
                Thread.currentThread().getName(), startNanoTime, duration, detail);
    }

    /** The span id of the frame below depth {@code d}: the parent; 0 for a root. */
    static long parentOf(ThreadState s, int d) {
        return d > 0 ? s.spanIds[d - 1] : 0L;
    }

    /** {@code methodId}, marked async when the frame below {@code d} stands for another thread's span. */
    static int withAsyncFlag(ThreadState s, int d, int methodId) {
        return d > 0 && s.methodIds[d - 1] == ThreadState.REMOTE_FRAME ? methodId | SpanSlot.ASYNC_FLAG : methodId;
    }

    /** Hands a record with explicit ids to the calling thread's ring (also for calls ended elsewhere). */
    static void offer(ThreadState s, long traceHi, long traceLo, long spanId, long parentId, int methodId,
                      long threadId, String threadName, long startNanoTime, long duration, Object detail) {
        SpanRings target = s.rings;
        if (target == null || rings == null) {
            return;
        }
        long startEpoch = anchorEpochNanos + (startNanoTime - anchorNanoTime);
        ThreadRing ring = s.ring;
        boolean stored = ring != null
                ? ring.offer(traceHi, traceLo, spanId, parentId, methodId, threadId, threadName, startEpoch, duration, detail)
                : target.shared().offer(traceHi, traceLo, spanId, parentId, methodId, threadId, threadName, startEpoch,
                        duration, detail);
        if (!stored && duration != SpanSlot.STARTED && detail instanceof dev.agentdbg.capture.CapturedCall) {
            dev.agentdbg.capture.CaptureBudget.release((dev.agentdbg.capture.CapturedCall) detail); // dropped
        }
    }

    /** {@link #enter(Object, int)} with its own state look-up (tests, benchmarks). */
    public static int enter(int methodId) {
        return enter(state(), methodId);
    }

    /** {@link #exit(Object, int, Throwable)} with its own state look-up (tests, benchmarks). */
    public static void exit(int token, Throwable thrown) {
        if (token != 0) {
            exit(STATE.get(), token, thrown);
        }
    }

    /**
     * Runs agent work on the current thread without creating spans (e.g. reading an argument that
     * calls instrumented code). Returns the previous state for {@link #resume}.
     */
    public static boolean suspend() {
        ThreadState s = STATE.get();
        boolean previous = s.suspended;
        s.suspended = true;
        return previous;
    }

    public static void resume(boolean previous) {
        STATE.get().suspended = previous;
    }

    /** Epoch nanoseconds for a {@link System#nanoTime()} reading, on the same time line as spans. */
    public static long toEpochNanos(long nanoTime) {
        return anchorEpochNanos + (nanoTime - anchorNanoTime);
    }
}
