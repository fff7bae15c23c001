package dev.agentdbg.runtime.debug;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The paused application threads and what releases them. A paused thread parks on its own
 * {@link Pause} object (no monitor, no application lock) and checks its own limits on every wake-up,
 * so it is released even when no other agent thread is alive: by a command, after {@code maxPause}
 * (with a warning), when no page has been connected for {@code releaseAfter}, on interrupt, or at
 * shutdown.
 */
public final class PauseBoard {
    /** What a paused thread is told to do next. */
    public enum Command { NONE, CONTINUE, STEP_INTO, STEP_OVER, STEP_OUT }

    /** Why a pause ended. */
    public enum Reason { COMMAND, CONTINUE_ALL, MAX_PAUSE, NO_PAGE, INTERRUPTED, SHUTDOWN }

    /** One paused call, as the page lists it. Written by its thread and by whoever releases it. */
    public static final class Pause {
        public final long id;
        public final Thread thread;
        public final int at;
        public final int methodId;
        public final int depth;
        public final long traceHi;
        public final long traceLo;
        public final long spanId;
        /** What capture holds of the call (a {@code CapturedCall}: arguments, and at exit its result), or null. */
        public final Object call;
        /** At exit: the exception the call ends with, or null. */
        public final Throwable thrown;
        /** The breakpoint that stopped here, or what did ({@code step_over}, {@code pause_next_run}); null when unknown. */
        public final String cause;
        /** What the user may change at this pause ({@link Edits}), or null: nothing. */
        public final Edits edits;
        /** When it paused, {@link System#nanoTime()}. */
        public final long startedNanos;
        volatile Command command = Command.NONE;
        /** Set once, by whoever ends the pause (a releaser or the thread itself): that one sets the command. */
        private final java.util.concurrent.atomic.AtomicReference<Reason> reason =
                new java.util.concurrent.atomic.AtomicReference<>();

        Pause(long id, Thread thread, int at, int methodId, int depth, long traceHi, long traceLo, long spanId,
              Object call, Throwable thrown, String cause, Edits edits, long startedNanos) {
            this.cause = cause;
            this.id = id;
            this.thread = thread;
            this.at = at;
            this.methodId = methodId;
            this.depth = depth;
            this.traceHi = traceHi;
            this.traceLo = traceLo;
            this.spanId = spanId;
            this.call = call;
            this.thrown = thrown;
            this.edits = edits;
            this.startedNanos = startedNanos;
        }

        /** @return why it ended, or null while paused */
        public Reason reason() {
            return reason.get();
        }

        /** @return true when this call ended the pause, with {@code command} for the thread */
        boolean end(Reason why, Command then) {
            if (!reason.compareAndSet(null, why)) {
                return false;
            }
            command = then;
            return true;
        }
    }

    /** A pause that ended, for the live feed and the trace. */
    public record Released(Pause pause, Command command, Reason reason, long pausedNanos) {
    }

    /** While a page is connected, paused threads still wake this often to notice a page that left silently. */
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final long maxPauseNanos;
    private final long releaseAfterNanos;
    private final Consumer<Released> released;
    private final DebugEvents events;
    private final ConcurrentHashMap<Long, Pause> paused = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicInteger pagesConnected = new AtomicInteger();
    private final AtomicLong maxPauseExpiries = new AtomicLong();
    private final AtomicLong noPageReleases = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private volatile long lastPageContactNanos = System.nanoTime();
    private volatile boolean closed;

    /** @param released told of every pause that ended, on the released thread; must not block */
    public PauseBoard(long maxPauseMillis, long releaseAfterMillis, Consumer<Released> released) {
        this(maxPauseMillis, releaseAfterMillis, released, DebugEvents.NONE);
    }

    /**
     * @param released told of every pause that ended, on the released thread; must not block
     * @param events   told of every pause as it begins ({@link DebugEvents#paused}), on the paused thread
     */
    public PauseBoard(long maxPauseMillis, long releaseAfterMillis, Consumer<Released> released, DebugEvents events) {
        if (maxPauseMillis <= 0 || releaseAfterMillis <= 0) {
            throw new IllegalArgumentException("maxPause and releaseAfter must be positive");
        }
        this.maxPauseNanos = maxPauseMillis * 1_000_000L;
        this.releaseAfterNanos = releaseAfterMillis * 1_000_000L;
        this.released = released == null ? r -> { } : released;
        this.events = events == null ? DebugEvents.NONE : events;
    }

    /**
     * Parks the calling thread until it is released. Refused (returns {@link Command#CONTINUE} at once)
     * after {@link #shutdown}.
     * @return what the page asked for; CONTINUE when released for any other reason
     */
    public Command pause(int at, int methodId, int depth, long spanId) {
        return pause(at, methodId, depth, 0L, 0L, spanId, null, null);
    }

    /**
     * {@link #pause(int, int, int, long)} with what the page shows of the call: its trace, what capture holds
     * of it ({@code call}) and, at exit, its exception.
     */
    public Command pause(int at, int methodId, int depth, long traceHi, long traceLo, long spanId, Object call,
                         Throwable thrown) {
        return pause(at, methodId, depth, traceHi, traceLo, spanId, call, thrown, null, null);
    }

    /** {@link #pause(int, int, int, long, long, long, Object, Throwable, String, Edits)} with nothing to edit. */
    public Command pause(int at, int methodId, int depth, long traceHi, long traceLo, long spanId, Object call,
                         Throwable thrown, String cause) {
        return pause(at, methodId, depth, traceHi, traceLo, spanId, call, thrown, cause, null);
    }

    /**
     * @param cause the breakpoint's name, or what else stops here ({@code step_over}, ...); null when unknown
     * @param edits what the user may edit there, or null
     */
    public Command pause(int at, int methodId, int depth, long traceHi, long traceLo, long spanId, Object call,
                         Throwable thrown, String cause, Edits edits) {
        if (closed) {
            return Command.CONTINUE;
        }
        long start = System.nanoTime();
        Pause p = new Pause(nextId.incrementAndGet(), Thread.currentThread(), at, methodId, depth, traceHi, traceLo,
                spanId, call, thrown, cause, edits, start);
        paused.put(p.id, p);
        pauses.incrementAndGet();
        try {
            events.paused(p);
        } catch (Throwable ignored) {
            // The trace and the page must never keep a thread from pausing (or from running on).
        }
        boolean interrupted = false;
        try {
            while (true) {
                Command c = p.command;
                if (c != Command.NONE) {
                    return c;
                }
                if (p.reason() != null) { // a releaser won and is about to set the command
                    Thread.onSpinWait();
                    continue;
                }
                Reason self = null;
                long wait = 0;
                if (closed) { // also covers a shutdown that ran between the check above and the put
                    self = Reason.SHUTDOWN;
                } else if (Thread.interrupted()) {
                    interrupted = true; // the application cancels this thread: let it go, keep the flag
                    self = Reason.INTERRUPTED;
                } else {
                    long now = System.nanoTime();
                    wait = start + maxPauseNanos - now;
                    if (wait <= 0) {
                        self = Reason.MAX_PAUSE;
                    } else if (pagesConnected.get() == 0) {
                        // Counted from the later of the last page contact and this pause's start, so a
                        // pause no page ever saw is released too.
                        long noPage = Math.max(lastPageContactNanos - start, 0) + releaseAfterNanos - (now - start);
                        if (noPage <= 0) {
                            self = Reason.NO_PAGE;
                        }
                        wait = Math.min(wait, noPage);
                    } else {
                        wait = Math.min(wait, RECHECK_NANOS);
                    }
                }
                if (self == null) {
                    LockSupport.parkNanos(p, wait);
                } else if (p.end(self, Command.CONTINUE)) {
                    if (self == Reason.MAX_PAUSE) {
                        maxPauseExpiries.incrementAndGet();
                    } else if (self == Reason.NO_PAGE) {
                        noPageReleases.incrementAndGet();
                    }
                    return Command.CONTINUE;
                }
            }
        } finally {
            paused.remove(p.id);
            p.end(Reason.SHUTDOWN, Command.CONTINUE); // only if something above threw: never leave it open
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            try {
                released.accept(new Released(p, p.command, p.reason(), System.nanoTime() - start));
            } catch (Throwable ignored) {
                // The feed must never keep a thread from running on.
            }
        }
    }

    /** Tells one paused thread what to do. @return false when it is not paused (any more) */
    public boolean resume(long pauseId, Command command) {
        if (command == Command.NONE) {
            throw new IllegalArgumentException("NONE is not a command");
        }
        Pause p = paused.get(pauseId);
        return p != null && give(p, command, Reason.COMMAND);
    }

    /** Releases every thread paused now. @return how many */
    public int continueAll() {
        return releaseAll(Reason.CONTINUE_ALL);
    }

    /**
     * Releases every paused thread and refuses new pauses: for JVM shutdown and for switching the debugger
     * off. Does not wait for them to run on. @return how many were released
     */
    public int shutdown() {
        closed = true;
        return releaseAll(Reason.SHUTDOWN);
    }

    private int releaseAll(Reason reason) {
        int n = 0;
        for (Pause p : paused.values()) {
            if (give(p, Command.CONTINUE, reason)) {
                n++;
            }
        }
        return n;
    }

    /** Ends the pause unless someone (or its own limits) already did, then wakes its thread. */
    private static boolean give(Pause p, Command command, Reason reason) {
        if (!p.end(reason, command)) {
            return false;
        }
        LockSupport.unpark(p.thread);
        return true;
    }

    /** A page (or script) talked to the server: restarts the {@code releaseAfter} clock. */
    public void pageContact() {
        lastPageContactNanos = System.nanoTime();
    }

    /** A live-view connection opened. */
    public void pageConnected() {
        pagesConnected.incrementAndGet();
        pageContact();
    }

    /** A live-view connection closed: paused threads re-check at once whether any page is left. */
    public void pageDisconnected() {
        pageContact();
        if (pagesConnected.decrementAndGet() <= 0) {
            for (Pause p : paused.values()) {
                LockSupport.unpark(p.thread);
            }
        }
    }

    /** Live-view connections open now. */
    public int pagesConnected() {
        return pagesConnected.get();
    }

    /** The threads paused now, oldest first. */
    public List<Pause> paused() {
        List<Pause> list = new ArrayList<>(paused.values());
        list.sort(Comparator.comparingLong(p -> p.id));
        return list;
    }

    public long maxPauseExpiries() {
        return maxPauseExpiries.get();
    }

    public long noPageReleases() {
        return noPageReleases.get();
    }

    /** Pauses begun since start. */
    public long pauses() {
        return pauses.get();
    }

    public boolean isClosed() {
        return closed;
    }
}
