package dev.agentdbg.bootstrap;

/**
 * Where instrumented calls may stop for the live debugger. While nothing can pause (no breakpoint, no
 * step, debugger off) {@link #armed} is null and a call pays one volatile read of it, on entry only:
 * the exit side reads a plain per-thread mark set by an armed entry, so a call entered while nothing
 * was armed never reaches the debugger at its exit either.
 */
public final class PauseGate {
    /** Value of {@code at} for a call's entry. */
    public static final int AT_ENTER = 1;
    /** Value of {@code at} for a call's exit. */
    public static final int AT_EXIT = 2;

    /** The debugger's decision point; implemented in the agent's part of the runtime. */
    public interface Hook {
        /**
         * Called on the application thread for a call entered while armed; may park the thread.
         * {@code depth} is the call's stack depth (1 = a root span of this thread); {@code captured} is what
         * capture holds of the call so far (a {@code CapturedCall} with its arguments, or null).
         * @return true when the exits of every open frame of this thread must ask the hook too (a step
         *         was asked for: a frame entered before the gate was armed may be where it ends)
         */
        boolean onCall(int at, int methodId, int depth, long traceHi, long traceLo, long spanId, Object captured, Throwable thrown);

        /**
         * {@link #onCall(int, int, int, long, long, long, Object, Throwable)} with the live values the call has now,
         * for editing: at entry its argument array (null when the advice passes none), at exit its return value,
         * or the held response body of an LLM call ({@link #exitNow}).
         */
        default boolean onCall(int at, int methodId, int depth, long traceHi, long traceLo, long spanId, Object captured,
                               Throwable thrown, Object live) {
            return onCall(at, methodId, depth, traceHi, traceLo, spanId, captured, thrown);
        }

        /** Whether the exit of this open call would be stopped at now (a breakpoint on it, or a step of this thread). */
        default boolean wantsExit(int methodId, int depth) {
            return false;
        }
    }

    /**
     * Whether the debugger can ever be used in this JVM. Set by the agent before {@link PauseGate} is first
     * initialized (the hot-path preload): read once into {@link #ENABLED}, later changes have no effect.
     * True by default so that tests without the agent can use the gate.
     */
    public static final class Switch {
        public static boolean enabled = true;

        private Switch() {
        }
    }

    /**
     * A constant to the JIT: with debugging off the checks in {@link Spans} are compiled away, so the hot
     * path is exactly what it was without the debugger.
     */
    static final boolean ENABLED = Switch.enabled;

    /** Null unless something can pause: the only thing the unarmed hot path reads. */
    static volatile Hook armed;

    private PauseGate() {
    }

    /** Arms the gate with {@code hook}, or disarms it with null. */
    public static void arm(Hook hook) {
        if (hook != null && !ENABLED) {
            throw new IllegalStateException("the debugger was switched off when the agent started");
        }
        armed = hook;
    }

    /** @return the armed hook, or null */
    public static Hook armed() {
        return armed;
    }

    /** Entry of the frame at index {@code d} of {@code s}, already pushed; {@code hook} was read once by the caller. */
    static void entered(Hook hook, ThreadState s, int d, int methodId, Object[] args) {
        boolean previous = s.suspended;
        try {
            boolean[] marks = s.debugMarks;
            if (marks == null || marks.length < s.spanIds.length) {
                marks = s.debugMarks = marks == null ? new boolean[s.spanIds.length]
                        : java.util.Arrays.copyOf(marks, s.spanIds.length);
            }
            marks[d] = true; // the exit of this frame asks the hook too, even if the gate is disarmed by then
            s.suspended = true; // nothing the debugger does on this thread may create spans
            if (hook.onCall(AT_ENTER, methodId, d + 1, s.traceHi, s.traceLo, s.spanIds[d], s.calls[d], null, args)) {
                markOpenFrames(s, d);
            }
        } catch (Throwable t) {
            AgentCounters.internalError("debug-enter", t);
        } finally {
            s.suspended = previous;
        }
    }

    /** Marks frames 0..{@code top} (remote frames stand for other threads' spans and never exit through here). */
    private static void markOpenFrames(ThreadState s, int top) {
        boolean[] marks = s.debugMarks;
        for (int i = 0; i <= top && i < marks.length; i++) {
            marks[i] = s.methodIds[i] != ThreadState.REMOTE_FRAME;
        }
    }

    /**
     * Exit of the frame at index {@code d} when its entry was seen armed. Asks the hook armed now; a hook
     * disarmed meanwhile (continue all, breakpoints cleared) means no pause.
     */
    static void exiting(ThreadState s, int d, Throwable thrown, Object result) {
        s.debugMarks[d] = false;
        Hook hook = armed;
        if (hook == null) {
            return;
        }
        boolean previous = s.suspended;
        try {
            s.suspended = true;
            if (hook.onCall(AT_EXIT, s.methodIds[d] & MethodInfo.ID_MASK, d + 1, s.traceHi, s.traceLo, s.spanIds[d],
                    s.calls[d], thrown, result)) {
                markOpenFrames(s, d - 1);
            }
        } catch (Throwable t) {
            AgentCounters.internalError("debug-exit", t);
        } finally {
            s.suspended = previous;
        }
    }

    /**
     * The frame index of the innermost open call of {@code kind} on this thread whose exit the debugger
     * would stop at now, or -1. For an LLM call whose HTTP answer is held so that its body can be edited.
     */
    public static int exitToHold(String kind) {
        Hook hook = armed;
        MethodRegistry registry = CallCapture.registry();
        if (!ENABLED || hook == null || registry == null) {
            return -1;
        }
        ThreadState s = Spans.STATE.get();
        boolean[] marks = s.debugMarks;
        for (int d = s.depth - 1; d >= 0; d--) {
            if (s.methodIds[d] == ThreadState.REMOTE_FRAME) {
                return -1;
            }
            MethodInfo info = registry.get(s.methodIds[d] & MethodInfo.ID_MASK);
            if (info != null && kind.equals(info.kind())) {
                boolean marked = marks != null && d < marks.length && marks[d];
                return marked && hook.wantsExit(s.methodIds[d] & MethodInfo.ID_MASK, d + 1) ? d : -1;
            }
        }
        return -1;
    }

    /** The span id of frame {@code d} of this thread (for {@link #exitNow}); 0 when it is not open. */
    public static long spanAt(int d) {
        ThreadState s = Spans.STATE.get();
        return d >= 0 && d < s.depth ? s.spanIds[d] : 0L;
    }

    /**
     * Takes the exit pause of the still-open frame {@code d} now, with {@code live} (a held response body)
     * to edit; the frame's own exit then does not ask again (its mark is cleared here).
     * @return false when the frame is no longer the one of {@code spanId}, or not marked
     */
    public static boolean exitNow(int d, long spanId, Object live) {
        try {
            ThreadState s = Spans.STATE.get();
            boolean[] marks = s.debugMarks;
            if (d < 0 || d >= s.depth || s.spanIds[d] != spanId || marks == null || d >= marks.length || !marks[d]) {
                return false;
            }
            exiting(s, d, null, live);
            return true;
        } catch (Throwable t) {
            AgentCounters.internalError("debug-exit-now", t);
            return false;
        }
    }
}
