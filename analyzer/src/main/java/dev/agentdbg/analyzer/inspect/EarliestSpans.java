package dev.agentdbg.analyzer.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The {@code limit} earliest-starting of the spans offered (records arrive in finish order), and how many were offered. */
final class EarliestSpans {
    private static final Comparator<SpanRow> BY_START =
            Comparator.comparingLong((SpanRow r) -> r.span().start()).thenComparingLong(r -> r.span().id());

    private final int limit;
    private final PriorityQueue<SpanRow> latestFirst = new PriorityQueue<>(BY_START.reversed());
    private long offered;

    EarliestSpans(int limit) {
        this.limit = limit;
    }

    void offer(SpanRow row) {
        offered++;
        if (limit == 0) {
            return;
        }
        if (latestFirst.size() < limit) {
            latestFirst.add(row);
        } else if (BY_START.compare(row, latestFirst.peek()) < 0) {
            latestFirst.poll();
            latestFirst.add(row);
        }
    }

    long offered() {
        return offered;
    }

    List<SpanRow> sorted() {
        List<SpanRow> rows = new ArrayList<>(latestFirst);
        rows.sort(BY_START);
        return rows;
    }
}
