package dev.agentdbg.runtime.debug;

/**
 * What the debugger tells the trace and the live page: pauses, releases, warnings and edits. Called on
 * application threads (a pause, a release, an edit) and on the server's threads; an implementation must
 * never block, never throw, and pass every string through the redaction step before it leaves the JVM.
 */
public interface DebugEvents {
    /** Tells nobody: a debugger started without a trace or a page (unit tests). */
    DebugEvents NONE = new DebugEvents() {
    };

    /** A thread has just paused; called on that thread before it parks. */
    default void paused(PauseBoard.Pause pause) {
    }

    /** A pause ended; called on the released thread. */
    default void released(PauseBoard.Released released) {
    }

    /** One line about a problem (a condition that cannot be evaluated, a pause cut short by maxPause). */
    default void warning(String text) {
    }

    /**
     * The user changed what the program sees. {@code target} names what was edited: {@code body} (an LLM
     * answer's response body), {@code result}, or {@code args[<n>]}.
     */
    default void edited(long traceHi, long traceLo, long spanId, String target, String before, String after) {
    }
}
