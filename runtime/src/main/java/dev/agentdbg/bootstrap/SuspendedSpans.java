package dev.agentdbg.bootstrap;

/**
 * Lets record/replay code run application code (a record's constructor, a map key's hashCode while a
 * replayed value is rebuilt) without that code's instrumented methods becoming spans of their own,
 * as payload capture does with {@code toString}.
 */
public final class SuspendedSpans {
    private SuspendedSpans() {
    }

    /** Suspends span creation on this thread; @return what to hand {@link #restore} */
    public static boolean suspend() {
        if (Spans.rings == null) {
            return false;
        }
        ThreadState s = Spans.STATE.get();
        boolean previous = s.suspended;
        s.suspended = true;
        return previous;
    }

    public static void restore(boolean previous) {
        if (Spans.rings == null) {
            return;
        }
        Spans.STATE.get().suspended = previous;
    }
}
