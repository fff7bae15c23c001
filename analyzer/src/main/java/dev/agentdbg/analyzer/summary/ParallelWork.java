package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Finds the agent spans whose children ran in parallel: handed to other threads ({@code async}) or overlapping in
 * time. Spans finish before their parents, so each child's facts wait here until its parent arrives; the agent
 * spans found are kept in a bounded heap, the most parallel first.
 */
final class ParallelWork {

    static final String AGENT = "agent";
    /** Child intervals kept per waiting parent to find overlaps; past this, only sum > extent can show one. */
    static final int MAX_INTERVALS = 4096;
    /** Thread names kept per parent; more are counted, not named. */
    static final int MAX_THREADS = 16;

    private record Key(String trace, long span) {
    }

    /** What is known about the finished direct children of a parent not yet seen. */
    private static final class Children {
        int count;
        long sum;
        int async;
        long minStart = Long.MAX_VALUE;
        long maxEnd = Long.MIN_VALUE;
        final TreeSet<String> threads = new TreeSet<>();
        boolean moreThreads;
        long[] intervals = new long[8];
        int kept;

        void add(Span child) {
            count++;
            sum += child.dur();
            minStart = Math.min(minStart, child.start());
            maxEnd = Math.max(maxEnd, child.end());
            if (child.async()) {
                async++;
                String thread = child.thread() == null ? "?" : child.thread();
                if (threads.size() < MAX_THREADS || threads.contains(thread)) {
                    threads.add(thread);
                } else {
                    moreThreads = true;
                }
            }
            if (kept < MAX_INTERVALS) {
                if (2 * kept + 2 > intervals.length) {
                    intervals = Arrays.copyOf(intervals, intervals.length * 2);
                }
                intervals[2 * kept] = child.start();
                intervals[2 * kept + 1] = child.end();
                kept++;
            }
        }

        /** Some child started before another one ended. */
        boolean overlap() {
            if (count > 1 && sum > maxEnd - minStart) {
                return true;
            }
            Integer[] order = new Integer[kept];
            for (int i = 0; i < kept; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong(i -> intervals[2 * i]));
            long end = Long.MIN_VALUE;
            for (int i : order) {
                if (intervals[2 * i] < end) {
                    return true;
                }
                end = Math.max(end, intervals[2 * i + 1]);
            }
            return false;
        }
    }

    private record Entry(Span span, Children children, boolean overlap) {
        double parallelism() {
            return span.dur() == 0 ? 0 : (double) children.sum / span.dur();
        }
    }

    /** Most parallel first; then the longest, then the earliest, so the order is stable. */
    private static final Comparator<Entry> MOST_PARALLEL_FIRST = Comparator
            .comparingDouble(Entry::parallelism).reversed()
            .thenComparing(Comparator.comparingLong((Entry e) -> e.span().dur()).reversed())
            .thenComparingLong(e -> e.span().start())
            .thenComparingLong(e -> e.span().id());

    private final Map<Key, Children> waiting = new HashMap<>();
    private final int limit;
    private final PriorityQueue<Entry> heap = new PriorityQueue<>(MOST_PARALLEL_FIRST.reversed());
    private int total;

    ParallelWork(int limit) {
        this.limit = limit;
    }

    /** A finished span: its own children are complete (they finished first), and it is a child of its parent. */
    void span(Span span, MethodInfo method) {
        Children children = waiting.remove(new Key(span.trace(), span.id()));
        if (span.hasParent() && span.parent() != span.id()) {
            waiting.computeIfAbsent(new Key(span.trace(), span.parent()), k -> new Children()).add(span);
        }
        if (children == null || !AGENT.equals(method.kind())) {
            return;
        }
        boolean overlap = children.overlap();
        if (children.async == 0 && !overlap) {
            return;
        }
        total++;
        Entry entry = new Entry(span, children, overlap);
        if (heap.size() < limit) {
            heap.add(entry);
        } else if (MOST_PARALLEL_FIRST.compare(entry, heap.peek()) < 0) {
            heap.poll();
            heap.add(entry);
        }
    }

    Summary.Parallel build(IntFunction<MethodInfo> methods) {
        List<Entry> entries = new ArrayList<>(heap);
        entries.sort(MOST_PARALLEL_FIRST);
        List<Summary.ParallelSpan> out = new ArrayList<>();
        for (Entry e : entries) {
            Children c = e.children();
            out.add(new Summary.ParallelSpan(e.span(), methods.apply(e.span().method()), c.sum, c.count, c.async,
                    List.copyOf(c.threads), c.moreThreads, e.overlap()));
        }
        return new Summary.Parallel(List.copyOf(out), total);
    }
}
