package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.MemoryBudget;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent saw of the classes near its rules at load time (transformed, failed, matched by
 * type with no method chosen, or only close by name), for the trace's {@code class} records: how
 * the analyzer's {@code why} tells "never loaded" from "loaded but no rule matched". At most
 * {@code agentdbg.classes.max} notes are ever made in a run; the rest are only counted. Notes wait
 * here, lock-free, until the drainer writes them, so nothing is kept once written; while they wait
 * their bytes are reserved from the one memory budget, and a note it refuses is counted, not kept.
 */
public final class ClassNotes {
    /** Most method names kept per class: enough to name the closest, bounded whatever the class. */
    public static final int MAX_METHODS = 48;

    /**
     * One class: {@code outcome} is {@code transformed}, {@code failed}, {@code noMethod},
     * {@code nearby} or {@code ignored}; {@code rules} are the names of the rules it was near;
     * {@code reason} says why it failed or was ignored (else null); {@code methods} are the names of
     * the methods it declares (constructors and synthetic methods left out), at most
     * {@link #MAX_METHODS}; {@code moreMethods} counts the ones left out past that.
     */
    public record Note(String className, String outcome, List<String> rules, String reason,
                       List<String> methods, int moreMethods) {

        /** Estimated bytes held while the note waits: its strings (2 bytes a char) and their headers. */
        long bytes() {
            long bytes = 64 + 40 * (2L + rules.size() + methods.size()) + 2L * className.length()
                    + (reason == null ? 0 : 2L * reason.length());
            for (String r : rules) {
                bytes += 2L * r.length();
            }
            for (String m : methods) {
                bytes += 2L * m.length();
            }
            return bytes;
        }
    }

    /** A note and the bytes reserved for it (0 when no budget was installed yet). */
    private record Pending(Note note, long reserved) {
    }

    private static final ConcurrentLinkedQueue<Pending> PENDING = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger TAKEN = new AtomicInteger();
    private static final AtomicLong NOT_NOTED = new AtomicLong();
    private static volatile int max = 200;

    private ClassNotes() {
    }

    /** The cap from {@code agentdbg.classes.max}; 0 turns class notes off. */
    public static void setMax(int limit) {
        max = Math.max(0, limit);
    }

    /**
     * Claims one of the run's note places before the (cheap, but not free) work of reading the
     * class's method names. @return false when the cap is reached: the class is only counted
     */
    public static boolean reserve() {
        if (TAKEN.get() >= max || TAKEN.incrementAndGet() > max) {
            NOT_NOTED.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Hands a note, made after {@link #reserve()} said yes, to the drainer; when the memory budget
     * refuses its bytes it is counted as not noted instead.
     */
    public static void add(Note note) {
        MemoryBudget budget = MemoryBudget.installed();
        long bytes = budget == null ? 0 : note.bytes();
        if (budget != null && !budget.tryReserve(bytes)) {
            NOT_NOTED.incrementAndGet();
            return;
        }
        PENDING.add(new Pending(note, bytes));
    }

    /** @return the next note to write, or null; its bytes are given back, the drainer writes it at once */
    public static Note poll() {
        Pending p = PENDING.poll();
        if (p == null) {
            return null;
        }
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null && p.reserved() > 0) {
            budget.release(p.reserved());
        }
        return p.note();
    }

    /** Note places claimed so far in this JVM (past the cap too). */
    static int taken() {
        return TAKEN.get();
    }

    /** Classes near a rule that were not noted because the cap was reached. */
    public static long notNoted() {
        return NOT_NOTED.get();
    }
}
