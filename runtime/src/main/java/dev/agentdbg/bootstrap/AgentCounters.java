package dev.agentdbg.bootstrap;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The agent's own counts, reported in the trace's {@code stats} record. None of them is touched on
 * the hot path of a healthy call: they move when classes are transformed or when something fails.
 */
public final class AgentCounters {
    public static final AtomicLong internalErrors = new AtomicLong();
    public static final AtomicLong methodsInstrumented = new AtomicLong();
    public static final AtomicLong classesTransformed = new AtomicLong();
    public static final AtomicLong transformFailures = new AtomicLong();

    /** Names of rules that matched no method; supplied by the agent, asked for at the end. */
    public static volatile Supplier<List<String>> unmatchedRules = List::of;
    /** Rule name -> the supertype methods a {@code subtypeOf} rule picks, where known; asked for at the end. */
    public static volatile Supplier<java.util.Map<String, String>> rulePicks = java.util.Map::of;

    private static final Set<String> reportedKinds = ConcurrentHashMap.newKeySet();
    private static final ConcurrentLinkedQueue<String[]> pendingReports = new ConcurrentLinkedQueue<>();

    private AgentCounters() {
    }

    /** Counts a fault the agent survived; the first fault of each kind is also written to the trace. */
    public static void internalError(String where, Throwable fault) {
        internalErrors.incrementAndGet();
        report(where, fault);
    }

    /** A class a rule matched but that could not be instrumented. */
    public static void transformFailure(String className, Throwable fault) {
        transformFailures.incrementAndGet();
        report("transform", fault == null ? className : className + ": " + fault);
    }

    private static void report(String where, Object what) {
        try {
            if (reportedKinds.add(where)) {
                pendingReports.add(new String[] {where, String.valueOf(what)});
            }
        } catch (Throwable ignored) {
            // Reporting a fault must never become a fault of its own.
        }
    }

    /** @return the next {where, message} pair to write, or null */
    public static String[] pollReport() {
        return pendingReports.poll();
    }
}
