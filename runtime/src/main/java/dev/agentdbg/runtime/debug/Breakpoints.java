package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.PauseGate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Decides which calls pause, and arms {@link PauseGate} only while something can: a breakpoint or a
 * pending step. Targets are matched once per method id (a byte per method: not yet decided, or which of
 * enter/exit a breakpoint wants), so a call of a method no breakpoint names costs one array read even
 * while armed. {@code .hit} is counted per breakpoint, on the calls its target matched.
 */
public final class Breakpoints implements PauseGate.Hook {
    private static final byte DECIDED = (byte) 0x80;

    /** A breakpoint with its hit counter, and whether its condition has failed (warned once). */
    private record Armed(BreakpointSpec spec, AtomicLong calls, java.util.concurrent.atomic.AtomicBoolean warned) {
    }

    /** What a thread asked for when it was let go with a step; ends at the first call it stops at. */
    private record Step(PauseBoard.Command command, int fromAt, int fromDepth) {
        boolean stopsAt(int at, int depth) {
            switch (command) {
                case STEP_INTO:
                    return true; // the next event of this thread: a nested call, or the return of this one
                case STEP_OVER: // the next call at this depth or shallower, or the return of the caller
                    return at == PauseGate.AT_ENTER ? depth <= fromDepth : depth < fromDepth;
                case STEP_OUT: { // the return of the current call (of its caller when paused on a return)
                    int target = fromAt == PauseGate.AT_ENTER ? fromDepth : fromDepth - 1;
                    return at == PauseGate.AT_EXIT ? depth <= target : depth < target;
                }
                default:
                    return false;
            }
        }
    }

    private final IntFunction<MethodInfo> methods;
    private final PauseBoard board;
    private volatile List<Armed> armed = List.of();
    private volatile byte[] decisions = new byte[64];
    private final ConcurrentHashMap<Thread, Step> steps = new ConcurrentHashMap<>();
    /** "Pause the next agent run": the next root span (depth 1) of any thread, at entry, once. */
    private final java.util.concurrent.atomic.AtomicBoolean pauseNextRun = new java.util.concurrent.atomic.AtomicBoolean();

    private final java.util.function.Consumer<String> warnings;
    private volatile DebugEvents events = DebugEvents.NONE;
    private final AtomicLong conditionFailures = new AtomicLong();

    public Breakpoints(MethodRegistry registry, PauseBoard board, java.util.function.Consumer<String> warnings) {
        this(registry::get, board, warnings);
    }

    /**
     * @param methods  the method of an id, null when unknown
     * @param warnings told once per breakpoint whose condition cannot be evaluated (for the trace)
     */
    public Breakpoints(IntFunction<MethodInfo> methods, PauseBoard board, java.util.function.Consumer<String> warnings) {
        this.methods = methods;
        this.board = board;
        this.warnings = warnings == null ? w -> { } : warnings;
    }

    /** Calls where a breakpoint's condition threw or read a missing field (each: no pause). */
    public long conditionFailures() {
        return conditionFailures.get();
    }

    /** Replaces the breakpoint with this name, or adds it; hit counting starts again. */
    public synchronized void put(BreakpointSpec spec) {
        List<Armed> next = new ArrayList<>();
        for (Armed a : armed) {
            if (!a.spec().name().equals(spec.name())) {
                next.add(a);
            }
        }
        next.add(new Armed(spec, new AtomicLong(), new java.util.concurrent.atomic.AtomicBoolean()));
        install(next);
    }

    /** @return false when no breakpoint has this name */
    public synchronized boolean remove(String name) {
        List<Armed> next = new ArrayList<>(armed);
        boolean removed = next.removeIf(a -> a.spec().name().equals(name));
        install(next);
        return removed;
    }

    /** A breakpoint and how many calls it has counted (the calls its target matched and its condition let through). */
    public record Listed(BreakpointSpec spec, long calls) {
    }

    /** The breakpoints now with their counts, in the order set. */
    public List<Listed> listed() {
        List<Listed> list = new ArrayList<>();
        for (Armed a : armed) {
            list.add(new Listed(a.spec(), a.calls().get()));
        }
        return list;
    }

    /** Arms (or cancels) a pause at the next root span of any thread; it switches itself off once it caught one. */
    public synchronized void pauseNextRun(boolean on) {
        pauseNextRun.set(on);
        rearm();
    }

    public boolean pauseNextRun() {
        return pauseNextRun.get();
    }

    /** The breakpoints now, in the order set. */
    public List<BreakpointSpec> list() {
        List<BreakpointSpec> specs = new ArrayList<>();
        for (Armed a : armed) {
            specs.add(a.spec());
        }
        return specs;
    }

    /** Releases every paused thread and forgets pending steps; breakpoints stay set. @return threads released */
    public int continueAll() {
        steps.clear();
        rearm();
        return board.continueAll();
    }

    /** Disarms the gate and releases everything: the debugger is switched off or the JVM ends. @return threads released */
    public synchronized int shutdown() {
        armed = List.of();
        steps.clear();
        pauseNextRun.set(false);
        PauseGate.arm(null);
        return board.shutdown();
    }

    private void install(List<Armed> next) {
        armed = List.copyOf(next);
        decisions = new byte[decisions.length]; // targets are matched again, lazily, per method
        rearm();
    }

    private void rearm() {
        PauseGate.arm(board.isClosed() || (armed.isEmpty() && steps.isEmpty() && !pauseNextRun.get()) ? null : this);
    }

    /** Where edits are reported once applied; {@link DebugEvents#NONE} until set. */
    public void useEvents(DebugEvents events) {
        this.events = events == null ? DebugEvents.NONE : events;
    }

    @Override
    public boolean onCall(int at, int methodId, int depth, long traceHi, long traceLo, long spanId, Object captured, Throwable thrown) {
        return onCall(at, methodId, depth, traceHi, traceLo, spanId, captured, thrown, null);
    }

    @Override
    public boolean wantsExit(int methodId, int depth) {
        Step step = steps.isEmpty() ? null : steps.get(Thread.currentThread());
        return (step != null && step.stopsAt(PauseGate.AT_EXIT, depth)) || (decision(methodId) & PauseGate.AT_EXIT) != 0;
    }

    @Override
    public boolean onCall(int at, int methodId, int depth, long traceHi, long traceLo, long spanId, Object captured,
                          Throwable thrown, Object live) {
        Thread me = Thread.currentThread();
        Step step = steps.isEmpty() ? null : steps.get(me);
        boolean stop = false;
        String cause = null;
        if (step != null && step.stopsAt(at, depth)) {
            steps.remove(me);
            stop = true;
            cause = step.command().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (at == PauseGate.AT_ENTER && depth == 1 && pauseNextRun.get() && pauseNextRun.compareAndSet(true, false)) {
            stop = true;
            cause = "pause_next_run";
            rearm();
        }
        if ((decision(methodId) & at) != 0) {
            MethodInfo method = methods.apply(methodId);
            for (Armed a : armed) {
                BreakpointSpec spec = a.spec();
                if ((spec.at() & at) != 0 && method != null && spec.target().matches(method)
                        && spec.target().matchesCall(method, captured)) {
                    // .hit counts entries (or exits, for an exit-only breakpoint): a call counts once
                    boolean counts = at == PauseGate.AT_ENTER || spec.at() == PauseGate.AT_EXIT;
                    if (spec.when() != null && !holds(a, captured)) {
                        continue;
                    }
                    long n = counts ? a.calls().incrementAndGet() : a.calls().get();
                    if (spec.hit() == 0 || n == spec.hit()) {
                        stop = true;
                        cause = cause == null ? spec.name() : cause;
                    }
                }
            }
        }
        if (!stop) {
            return false;
        }
        Edits edits = null;
        try {
            edits = Edits.forCall(at, methods.apply(methodId), live, thrown);
        } catch (Throwable t) { // a value that cannot be shown: the pause still happens, without edits
            warnings.accept("the values of this pause cannot be listed for editing: " + t);
        }
        PauseBoard.Command next;
        try {
            next = board.pause(at, methodId, depth, traceHi, traceLo, spanId, captured, thrown, cause, edits);
            if (edits != null) {
                edits.apply(traceHi, traceLo, spanId, live instanceof Object[] args ? args.length : 0, events);
            }
        } finally {
            if (edits != null) {
                edits.release(); // the texts shown at the pause leave the budget whatever ended it
            }
        }
        if (next == PauseBoard.Command.CONTINUE || next == PauseBoard.Command.NONE) {
            if (step != null) {
                rearm(); // the step that stopped here is done
            }
            return false;
        }
        steps.put(me, new Step(next, at, depth));
        rearm();
        return true;
    }

    /** The breakpoint's condition on this call; one that fails to evaluate does not pause, and warns once. */
    private boolean holds(Armed a, Object captured) {
        try {
            return a.spec().when().test(captured instanceof dev.agentdbg.capture.CapturedCall c ? c : null);
        } catch (Throwable t) { // a missing field, a non-number, or a fault while reading the value
            conditionFailures.incrementAndGet();
            if (a.warned().compareAndSet(false, true)) {
                warnings.accept("breakpoint " + a.spec().name() + ": condition '" + a.spec().when() + "' could not be "
                        + "evaluated (" + t.getMessage() + "); it does not stop where that happens");
            }
            return false;
        }
    }

    /** Which of enter/exit some breakpoint wants for this method, decided on its first armed call. */
    private int decision(int methodId) {
        byte[] table = decisions;
        if (methodId < table.length) {
            byte d = table[methodId];
            if (d != 0) {
                return d;
            }
        }
        int bits = DECIDED;
        MethodInfo method = methods.apply(methodId);
        if (method != null) {
            for (Armed a : armed) {
                if (a.spec().target().matches(method)) {
                    bits |= a.spec().at();
                }
            }
        }
        if (methodId >= table.length) {
            int length = table.length;
            while (length <= methodId) {
                length *= 2;
            }
            table = java.util.Arrays.copyOf(table, length);
            decisions = table; // a racing grow may lose another method's decision: it is simply made again
        }
        table[methodId] = (byte) bits;
        return bits;
    }
}
