package dev.agentdbg.replay;

/** The record/replay settings in force, set once at start-up; trace-only until then. */
public final class ReplayMode {
    private static volatile ReplaySettings settings = ReplaySettings.TRACE_ONLY;
    private static volatile ReplayStore store = ReplayStore.EMPTY;

    private ReplayMode() {
    }

    public static void install(ReplaySettings s, ReplayStore recording) {
        store = recording != null ? recording : ReplayStore.EMPTY;
        settings = s;
    }

    public static ReplaySettings settings() {
        return settings;
    }

    /** The recording being replayed; {@link ReplayStore#EMPTY} unless in replay mode. */
    public static ReplayStore store() {
        return store;
    }

    public static boolean recording() {
        return settings.recording();
    }

    public static boolean replaying() {
        return settings.replaying();
    }
}
