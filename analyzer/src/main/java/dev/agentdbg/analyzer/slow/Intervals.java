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

    void add(long start, long end) {
        if (end <= start) {
            return;
        }
        if (size == starts.length) {
            if (size >= CAP) {
                merge();
                if (size >= CAP) {
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

    /** The length of the union. */
    long measure() {
        merge();
        long total = 0;
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
