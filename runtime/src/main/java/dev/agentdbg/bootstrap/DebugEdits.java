package dev.agentdbg.bootstrap;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands what the user edited at a pause to the edit advice of the paused call (debug mode only, {@code llm}
 * and {@code tool} methods): the debugger puts the new values on the paused thread's state after the pause,
 * and the advice, running right after on the same thread, assigns them. Costs that advice one plain field
 * read per call while nothing was edited; never throws.
 */
public final class DebugEdits {
    /** Which parts of a method its advice can assign. */
    public static final int ARGS = 1;
    public static final int RESULT = 2;

    private static final ConcurrentHashMap<Integer, Integer> EDITABLE = new ConcurrentHashMap<>();

    /** New values for one call, identified by its span id. */
    private static final class Edit {
        final long spanId;
        Object[] args;
        boolean[] argChanged;
        boolean resultChanged;
        Object result;

        Edit(long spanId) {
            this.spanId = spanId;
        }
    }

    private DebugEdits() {
    }

    /** The instrumentation gave this method the edit advice; {@code parts} is {@link #ARGS} and/or {@link #RESULT}. */
    public static void markEditable(int methodId, int parts) {
        EDITABLE.merge(methodId & MethodInfo.ID_MASK, parts, (a, b) -> a | b);
    }

    /** @return the parts of this method the advice can assign; 0 without edit advice */
    public static int editable(int methodId) {
        Integer parts = EDITABLE.get(methodId & MethodInfo.ID_MASK);
        return parts == null ? 0 : parts;
    }

    /** Set argument {@code index} of the call of {@code spanId} (paused at its entry on this thread). */
    public static void handArg(long spanId, int index, int count, Object value) {
        Edit e = edit(spanId);
        if (e.args == null) {
            e.args = new Object[count];
            e.argChanged = new boolean[count];
        }
        e.args[index] = value;
        e.argChanged[index] = true;
    }

    /** Set the result of the call of {@code spanId} (paused at its exit on this thread). */
    public static void handResult(long spanId, Object value) {
        Edit e = edit(spanId);
        e.result = value;
        e.resultChanged = true;
    }

    private static Edit edit(long spanId) {
        ThreadState s = Spans.STATE.get();
        if (s.debugEdit instanceof Edit e && e.spanId == spanId) {
            return e;
        }
        Edit e = new Edit(spanId);
        s.debugEdit = e;
        return e;
    }

    /** Whether an edit waits on this thread: the advice's only cost otherwise (a plain field read). */
    public static boolean pending(Object state) {
        return state != null && ((ThreadState) state).debugEdit != null;
    }

    /** The arguments to run the call of {@code token} with: {@code args} with the edited ones replaced. */
    public static Object[] args(Object state, int token, Object[] args) {
        try {
            Edit e = take(state, token);
            if (e == null || e.args == null || args == null || e.args.length != args.length) {
                return args;
            }
            Object[] edited = args.clone();
            for (int i = 0; i < edited.length; i++) {
                if (e.argChanged[i]) {
                    edited[i] = e.args[i];
                }
            }
            return edited;
        } catch (Throwable t) {
            AgentCounters.internalError("debug-edit-args", t);
            return args;
        }
    }

    /** The value the call of {@code token} returns: the edited one, or {@code result}. */
    public static Object result(Object state, int token, Object result) {
        try {
            Edit e = take(state, token);
            return e != null && e.resultChanged ? e.result : result;
        } catch (Throwable t) {
            AgentCounters.internalError("debug-edit-result", t);
            return result;
        }
    }

    /** The edit of the call of {@code token} (its frame may be popped already: the id stays), cleared. */
    private static Edit take(Object state, int token) {
        ThreadState s = (ThreadState) state;
        Object pending = s.debugEdit;
        if (!(pending instanceof Edit e) || token <= 0 || token > s.spanIds.length) {
            return null;
        }
        if (s.spanIds[token - 1] != e.spanId) {
            return null; // another call's (a nested one's advice sees it first): it stays for its own
        }
        s.debugEdit = null;
        return e;
    }
}
