package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;

import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * One debugging run: the paused threads, the breakpoints armed on {@link PauseGate}, and the JVM
 * shutdown hook that releases every paused thread. A pause cut short by {@code maxPause} becomes a
 * warning line (for the trace).
 */
public final class DebugSession implements AutoCloseable {
    private final PauseBoard board;
    private final Breakpoints breakpoints;
    private final Thread shutdownHook;

    private final Consumer<String> warnings;

    private DebugSession(PauseBoard board, Breakpoints breakpoints, Consumer<String> warnings) {
        this.board = board;
        this.breakpoints = breakpoints;
        this.warnings = warnings;
        this.shutdownHook = new Thread(this::releaseAtExit, "agentdbg-debug-shutdown");
    }

    /**
     * @param methods  the method of an id (the registry), null when unknown
     * @param warnings one line per problem (a condition that cannot be evaluated, a pause cut short)
     * @param released every pause that ended, on its thread (the live feed); must not block
     */
    public static DebugSession start(DebugSettings settings, IntFunction<MethodInfo> methods, Consumer<String> warnings,
                                     Consumer<PauseBoard.Released> released) {
        Consumer<String> warn = warnings == null ? w -> { } : warnings;
        Consumer<PauseBoard.Released> feed = released == null ? r -> { } : released;
        PauseBoard board = new PauseBoard(settings.maxPauseMillis(), settings.releaseAfterMillis(), r -> {
            if (r.reason() == PauseBoard.Reason.MAX_PAUSE) {
                MethodInfo m = methods.apply(r.pause().methodId);
                warn.accept("thread " + r.pause().thread.getName() + " was paused at the "
                        + (r.pause().at == PauseGate.AT_ENTER ? "call of " : "return of ")
                        + (m == null ? "method " + r.pause().methodId : m.className() + "#" + m.methodName())
                        + " for agentdbg.debug.maxPause (" + settings.maxPauseMillis() + " ms) and runs on");
            }
            feed.accept(r);
        });
        Breakpoints breakpoints = new Breakpoints(methods, board, warn);
        DebugSession session = new DebugSession(board, breakpoints, warn);
        Runtime.getRuntime().addShutdownHook(session.shutdownHook);
        for (BreakpointSpec spec : settings.breakpoints()) {
            breakpoints.put(spec); // arms the gate: the very first call can be caught
        }
        return session;
    }

    public PauseBoard board() {
        return board;
    }

    public Breakpoints breakpoints() {
        return breakpoints;
    }

    /** Disarms and releases every paused thread; new pauses are refused. */
    private void release() {
        breakpoints.shutdown();
    }

    /**
     * The JVM is ending: said here, on the hook's thread, because a released thread may not get to run
     * (let alone report) before the JVM halts.
     */
    private void releaseAtExit() {
        int n = breakpoints.shutdown();
        if (n > 0) {
            warnings.accept("the JVM is ending: " + n + (n == 1 ? " paused thread was" : " paused threads were")
                    + " released");
        }
    }

    /** Ends the session before the JVM ends (the agent is switched off, a test ends). */
    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it releases them too.
        }
    }
}
