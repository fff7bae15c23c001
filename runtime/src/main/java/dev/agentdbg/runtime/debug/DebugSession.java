package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;

import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * One debugging run: the paused threads, the breakpoints armed on {@link PauseGate}, the {@link DebugEvents}
 * everything is reported to, and the JVM shutdown hook that releases every paused thread. A pause cut short
 * by {@code maxPause} becomes a warning.
 */
public final class DebugSession implements AutoCloseable {
    private final PauseBoard board;
    private final Breakpoints breakpoints;
    private final Thread shutdownHook;
    private final DebugEvents events;
    private final IntFunction<MethodInfo> methods;
    /** Held while ending, so a second caller (the other shutdown hook) returns only once it is said. */
    private final Object ending = new Object();
    private boolean ended;
    private volatile Editable.Source editables = Editable.Source.NONE;

    private DebugSession(PauseBoard board, Breakpoints breakpoints, DebugEvents events, IntFunction<MethodInfo> methods) {
        this.board = board;
        this.breakpoints = breakpoints;
        this.events = events;
        this.methods = methods;
        this.shutdownHook = new Thread(this::end, "agentdbg-debug-shutdown");
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
        return start(settings, methods, new DebugEvents() {
            @Override
            public void released(PauseBoard.Released r) {
                feed.accept(r);
            }

            @Override
            public void warning(String text) {
                warn.accept(text);
            }
        });
    }

    /**
     * Arms the breakpoints of the settings (so the very first call can be caught) and reports to {@code events}:
     * every pause and release, every warning, the release of all paused threads at JVM shutdown.
     */
    public static DebugSession start(DebugSettings settings, IntFunction<MethodInfo> methods, DebugEvents events) {
        DebugEvents sink = events == null ? DebugEvents.NONE : events;
        PauseBoard board = new PauseBoard(settings.maxPauseMillis(), settings.releaseAfterMillis(), r -> {
            if (r.reason() == PauseBoard.Reason.MAX_PAUSE) {
                MethodInfo m = methods.apply(r.pause().methodId);
                sink.warning("thread " + r.pause().thread.getName() + " was paused at the "
                        + (r.pause().at == PauseGate.AT_ENTER ? "call of " : "return of ")
                        + (m == null ? "method " + r.pause().methodId : m.className() + "#" + m.methodName())
                        + " for agentdbg.debug.maxPause (" + settings.maxPauseMillis() + " ms) and runs on");
            }
            sink.released(r);
        }, sink);
        Breakpoints breakpoints = new Breakpoints(methods, board, sink::warning);
        DebugSession session = new DebugSession(board, breakpoints, sink, methods);
        // Merge glue (i13-page): edit-and-continue's edits are reported to the same sink, and what a pause may
        // edit (Edits, filled by Breakpoints) is what /api/state and the paused event list.
        breakpoints.useEvents(sink);
        session.useEditables(p -> p.edits == null ? java.util.List.of() : p.edits.editables().stream()
                .map(e -> e.editable() ? Editable.of(e.target(), e.format(), e.text()) : Editable.not(e.target(), e.why()))
                .toList());
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

    /** Where pauses, releases, warnings and edits are reported (the trace and the live page). */
    public DebugEvents events() {
        return events;
    }

    /** The method of an id, or null. */
    public MethodInfo method(int id) {
        return methods.apply(id);
    }

    /**
     * Edit-and-continue's extension point: what {@code /api/edit} may change at a pause, listed in
     * {@code /api/state} and in the {@code paused} event as {@code editable}.
     */
    public void useEditables(Editable.Source source) {
        editables = source == null ? Editable.Source.NONE : source;
    }

    public Editable.Source editables() {
        return editables;
    }

    /**
     * The JVM is ending: disarms, releases every paused thread, refuses new pauses, and says how many were
     * released, here, because a released thread may not get to run (let alone report) before the JVM halts.
     * Runs once: from the trace session's end (before its last records are written) or this session's
     * own shutdown hook, whichever comes first; the other waits until it is done, so the trace session
     * drains only after the warning was handed over.
     */
    public void end() {
        synchronized (ending) { // agent threads only, at JVM shutdown: never an application thread
            if (ended) {
                return;
            }
            ended = true;
            int n = breakpoints.shutdown();
            if (n > 0) {
                events.warning("the JVM is ending: " + n + (n == 1 ? " paused thread was" : " paused threads were")
                        + " released");
            }
        }
    }

    /** Ends the session before the JVM ends (the agent is switched off, a test ends). */
    @Override
    public void close() {
        breakpoints.shutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it releases them too.
        }
    }
}
