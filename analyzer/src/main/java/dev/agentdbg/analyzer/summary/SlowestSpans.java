package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/** The N longest spans seen so far, kept in a bounded heap so any number of spans can stream past. */
final class SlowestSpans {

    private record Entry(Span span, long selfNanos) {
    }

    /** Longest first; among equal durations the earlier span first, so the order is stable. */
    private static final Comparator<Entry> SLOWEST_FIRST = Comparator
            .comparingLong((Entry e) -> e.span().dur()).reversed()
            .thenComparingLong(e -> e.span().start())
            .thenComparingLong(e -> e.span().id());

    private final int limit;
    private final PriorityQueue<Entry> heap;

    SlowestSpans(int limit) {
        this.limit = limit;
        // The head is the entry to evict: the least slow one.
        this.heap = new PriorityQueue<>(SLOWEST_FIRST.reversed());
    }

    void offer(Span span, long selfNanos) {
        if (limit == 0 || heap.size() == limit && span.dur() < heap.peek().span().dur()) {
            // Most spans are not among the slowest: tell so before allocating anything.
            return;
        }
        Entry entry = new Entry(span, selfNanos);
        if (heap.size() < limit) {
            heap.add(entry);
        } else if (SLOWEST_FIRST.compare(entry, heap.peek()) < 0) {
            heap.poll();
            heap.add(entry);
        }
    }

    List<Summary.SpanRef> slowestFirst(IntFunction<MethodInfo> methods) {
        List<Entry> entries = new ArrayList<>(heap);
        entries.sort(SLOWEST_FIRST);
        List<Summary.SpanRef> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(new Summary.SpanRef(e.span(), methods.apply(e.span().method()), e.selfNanos()));
        }
        return List.copyOf(out);
    }
}
