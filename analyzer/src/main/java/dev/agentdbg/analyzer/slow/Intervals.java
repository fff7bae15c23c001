package dev.agentdbg.analyzer.slow;

import java.util.Arrays;

/**
 * A bounded set of time intervals [start, end) whose measure is that of their union: overlapping intervals (async
 * children running at the same time) count once. Holds at most {@value #CAP} disjoint intervals; past that, new
 * ones are dropped and counted in {@link #dropped()}.
 */
final class Intervals {

    static final int CAP = 4096;

    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int size;
    private boolean merged = true;
    private long dropped;
    /** A run-level set: full, it folds its earliest half into {@link #settled} instead of dropping. */
    private final boolean folding;
    private long settled;
    private long foldEnd = Long.MIN_VALUE;
    private long approximate;

    Intervals() {
        this(false);
    }

    private Intervals(boolean folding) {
        this.folding = folding;
    }

    /**
     * A set for a whole run, whose intervals mostly arrive in time order: when it holds {@value #CAP} disjoint
     * intervals it adds the measure of the earliest half to a settled total and forgets them. A later interval that
     * starts before the forgotten ones end is counted from their end on ({@link #approximate()} counts those).
     */
    static Intervals folding() {
        return new Intervals(true);
    }

    void add(long start, long end) {
        if (start < foldEnd) {
            approximate++;
            start = foldEnd;
        }
        if (end <= start) {
            return;
        }
        if (size == starts.length) {
            if (size >= CAP) {
                merge();
                if (size >= CAP && folding) {
                    fold();
                } else if (size >= CAP) {
                    dropped++;
                    return;
                }
            } else {
                starts = Arrays.copyOf(starts, Math.min(CAP, size * 2));
                ends = Arrays.copyOf(ends, starts.length);
            }
        }
        if (size > 0 && merged && start < starts[size - 1]) {
            merged = false;
        } else if (size > 0 && merged && start <= ends[size - 1]) {
            ends[size - 1] = Math.max(ends[size - 1], end);
            return;
        }
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    void addAll(Intervals other) {
        other.merge();
        for (int i = 0; i < other.size; i++) {
            add(other.starts[i], other.ends[i]);
        }
    }

    /** The union within [lo, hi) as a new set. */
    Intervals clip(long lo, long hi) {
        merge();
        Intervals out = new Intervals();
        for (int i = 0; i < size; i++) {
            out.add(Math.max(lo, starts[i]), Math.min(hi, ends[i]));
        }
        return out;
    }

    private void fold() {
        int half = size / 2;
        for (int i = 0; i < half; i++) {
            settled += ends[i] - starts[i];
        }
        foldEnd = ends[half - 1];
        System.arraycopy(starts, half, starts, 0, size - half);
        System.arraycopy(ends, half, ends, 0, size - half);
        size -= half;
    }

    /** Intervals of a folding set that began before its forgotten part ended, counted from its end. */
    long approximate() {
        return approximate;
    }

    /** The length of the union. */
    long measure() {
        merge();
        long total = settled;
        for (int i = 0; i < size; i++) {
            total += ends[i] - starts[i];
        }
        return total;
    }

    int size() {
        return size;
    }

    long dropped() {
        return dropped;
    }

    private void merge() {
        if (merged) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
        long[] s = new long[starts.length];
        long[] e = new long[ends.length];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int i = order[k];
            if (n > 0 && starts[i] <= e[n - 1]) {
                e[n - 1] = Math.max(e[n - 1], ends[i]);
            } else {
                s[n] = starts[i];
                e[n] = ends[i];
                n++;
            }
        }
        starts = s;
        ends = e;
        size = n;
        merged = true;
    }
}
