package dev.agentdbg.capture;

/**
 * Entry points for capturing values on the application thread; see {@link Walk} for the rules
 * (no application code, no locks, bounded, never throws).
 */
public final class ObjectWalker {
    private ObjectWalker() {
    }

    /** Snapshot of one value (a result, say) with a budget of its own. */
    public static Object snapshot(Object value, CaptureSettings s) {
        return new Walk(s).snapshot(value);
    }

    /**
     * Snapshots of the arguments whose bit is set in {@code argMask} (bit i: argument i; -1: all),
     * null for the others, sharing one budget. To take the result with what is left of that budget,
     * use a {@link Walk}: {@code walk.snapshotArgs(args, mask)} then {@code walk.snapshot(result)}.
     */
    public static Object[] snapshotArgs(Object[] args, int argMask, CaptureSettings s) {
        return new Walk(s).snapshotArgs(args, argMask);
    }
}
