package dev.agentdbg.analyzer.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanError;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The timeline's choice of traces, made while spans stream past: the first, the slowest, the failing ones. */
class TraceSelectionTest {

    private static String trace(int n) {
        return String.format("%032x", n);
    }

    /** A trace of two spans, child then root (the order the agent writes them), starting at {@code n} ms. */
    private static void feed(TraceSelection s, int n, long durNanos, boolean fail) {
        long start = n * 1_000_000L;
        SpanError error = fail ? new SpanError("java.io.IOException", "boom", List.of(), 0, null, null) : null;
        s.add(new Span(trace(n), 2, 1, 1, "main", 1, start + 1, durNanos / 2, error, false, null, null, null));
        s.add(new Span(trace(n), 1, 0, 1, "main", 1, start, durNanos, null, false, null, null, null));
    }

    private static Map<String, TraceSelection.TraceBuffer> byTrace(List<TraceSelection.TraceBuffer> shown) {
        return shown.stream().collect(Collectors.toMap(b -> b.trace, Function.identity()));
    }

    @Test
    void keepsTheFirstTheSlowestAndTheFailingAndCountsTheRest() {
        TraceSelection s = new TraceSelection(3, 2, 2, 1000);
        for (int n = 0; n < 1000; n++) {
            long dur = n == 500 ? 9_000_000 : n == 700 ? 8_000_000 : 1_000_000;
            feed(s, n, dur, n == 100 || n == 200 || n == 300);
        }
        List<TraceSelection.TraceBuffer> shown = s.finish();
        Map<String, TraceSelection.TraceBuffer> m = byTrace(shown);
        assertEquals(1000, s.total());
        assertEquals(3, s.failing());
        assertEquals(List.of(trace(0), trace(1), trace(2), trace(100), trace(200), trace(500), trace(700)),
                shown.stream().map(b -> b.trace).toList(), "start order");
        assertTrue(m.get(trace(500)).slowest && m.get(trace(700)).slowest);
        assertTrue(m.get(trace(100)).failed && m.get(trace(200)).failed, "the first two failing");
        assertTrue(m.get(trace(0)).first && !m.get(trace(0)).slowest);
        assertEquals(2, m.get(trace(500)).spans.size(), "kept whole");
    }

    @Test
    void aTraceWhoseRootNeverArrivesIsDecidedAtTheEndAndALateSpanDoesNotReopenALetGoTrace() {
        TraceSelection s = new TraceSelection(1, 0, 0, 1000);
        feed(s, 0, 1_000_000, false);
        feed(s, 1, 1_000_000, false);
        // Async work of trace 1 that outlived its root: the trace was let go, the span is counted, not a new trace.
        s.add(new Span(trace(1), 3, 2, 1, "pool-1", 2, 1_500_000, 10, null, true, null, null, null));
        s.add(new Span(trace(5), 9, 8, 1, "main", 1, 5_000_000, 10, null, false, null, null, null));
        List<TraceSelection.TraceBuffer> shown = s.finish();
        assertEquals(3, s.total(), "traces 0, 1 and the rootless 5");
        assertEquals(1, s.lateSpans());
        assertEquals(List.of(trace(0)), shown.stream().map(b -> b.trace).toList());
    }

    @Test
    void aHugeTraceKeepsItsEarliestSpansAndCountsTheRest() {
        TraceSelection s = new TraceSelection(5, 0, 0, 100);
        for (int i = 0; i < 10_000; i++) {
            s.add(new Span(trace(1), 2 + i, 1, 1, "main", 1, 10_000 - i, 1, null, false, null, null, null));
        }
        s.add(new Span(trace(1), 1, 0, 1, "main", 1, 0, 20_000, null, false, null, null, null));
        TraceSelection.TraceBuffer b = s.finish().get(0);
        assertEquals(10_001, b.count);
        assertTrue(b.spans.size() <= 200, "bounded: " + b.spans.size());
        assertEquals(10_001, b.spans.size() + b.hidden);
        assertEquals(0, b.spans.stream().mapToLong(Span::start).min().orElseThrow(), "the root is kept");
    }
}
