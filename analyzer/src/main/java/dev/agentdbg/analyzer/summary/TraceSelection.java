package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Chooses, while the spans stream past, the traces the timeline shows whole: the first ones by start, the slowest
 * and the failing ones; the rest are counted and let go.
 *
 * <p>A trace is decided when its root span arrives (spans end, and are written, before their parents), or at the
 * end of the run when it never does. Until then its spans wait in a buffer; only traces still running are
 * buffered, so memory follows the run's concurrency, not its length. Each buffer keeps at most
 * {@code spansPerTrace} spans (the earliest-starting, which the timeline draws first) and counts the rest.
 */
final class TraceSelection {

    /** Traces buffered at once before the longest-waiting one is decided as it stands (its root may be lost). */
    static final int MAX_OPEN_TRACES = 10_000;
    /** Ids of let-go traces remembered, so a late span (async work that outlived its root) does not reopen one. */
    private static final int RECENTLY_RELEASED = 4_096;
    /** Thread names shared between spans; pools name a bounded set of threads, unnamed virtual threads none. */
    private static final int MAX_THREAD_NAMES = 10_000;

    /** One trace's spans and counts. */
    static final class TraceBuffer {
        final String trace;
        final List<Span> spans = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int count;
        int errors;
        int unfinished;
        /** Spans let go beyond the per-trace cap. */
        int hidden;
        boolean first;
        boolean slowest;
        boolean failed;
        // What the selections order by, fixed when the trace is decided: a late span must not reorder a heap.
        long keyStart;
        long keyDuration;

        TraceBuffer(String trace) {
            this.trace = trace;
        }

        long duration() {
            return end - start;
        }

        boolean failing() {
            return errors > 0 || unfinished > 0;
        }

        boolean kept() {
            return first || slowest || failed;
        }
    }

    private static final Comparator<TraceBuffer> BY_START = Comparator.comparingLong((TraceBuffer b) -> b.keyStart)
            .thenComparing(b -> b.trace);
    private static final Comparator<TraceBuffer> IN_START_ORDER = Comparator.comparingLong((TraceBuffer b) -> b.start)
            .thenComparing(b -> b.trace);

    private final int spansPerTrace;
    private final Selected firstTraces;
    private final Selected slowestTraces;
    private final Selected failedTraces;
    private final Map<String, TraceBuffer> open = new LinkedHashMap<>();
    private final Map<String, TraceBuffer> kept = new HashMap<>();
    private final Map<String, Boolean> released = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENTLY_RELEASED;
        }
    };
    private final Map<String, String> threadNames = new HashMap<>();
    private long total;
    private long failing;
    private long lateSpans;

    /** Limits of 0 mean no limit; with {@code first == 0} every trace is kept. */
    TraceSelection(int first, int slowest, int failed, int spansPerTrace) {
        this.spansPerTrace = SummaryOptions.unlimitedIfZero(spansPerTrace);
        boolean all = first == 0;
        this.firstTraces = new Selected(all ? Integer.MAX_VALUE : first, BY_START.reversed(), b -> b.first = false);
        this.slowestTraces = new Selected(all ? 0 : slowest,
                // Among equally slow traces the earlier ones are kept.
                Comparator.comparingLong((TraceBuffer b) -> b.keyDuration).thenComparing(BY_START.reversed()),
                b -> b.slowest = false);
        this.failedTraces = new Selected(all ? 0 : failed, BY_START.reversed(), b -> b.failed = false);
    }

    /** Takes one finished span. */
    void add(Span span) {
        TraceBuffer b = kept.get(span.trace());
        if (b == null) {
            b = open.get(span.trace());
        }
        if (b == null) {
            if (released.containsKey(span.trace())) {
                lateSpans++;
                return;
            }
            b = new TraceBuffer(span.trace());
            open.put(span.trace(), b);
            if (open.size() > MAX_OPEN_TRACES) {
                decide(open.values().iterator().next());
            }
        }
        keep(b, span, false);
        if (!span.hasParent() && open.get(span.trace()) == b) {
            decide(b);
        } else if (b.kept() && !b.failed && b.failing()) {
            // A kept trace that a late span shows to have failed.
            failedTraces.offer(b, x -> x.failed = true);
        }
    }

    /**
     * A call still running at the end of the run, as a span lasting until then; call before {@link #finish()}.
     * Returns the instance kept, or {@code null} when its trace was already let go.
     */
    Span addRunning(Span span) {
        TraceBuffer b = kept.get(span.trace());
        if (b == null && released.containsKey(span.trace())) {
            lateSpans++;
            return null;
        }
        if (b == null) {
            b = open.computeIfAbsent(span.trace(), TraceBuffer::new);
        }
        return keep(b, span, true);
    }

    private Span keep(TraceBuffer b, Span span, boolean running) {
        span = shared(b, span);
        if (running) {
            b.unfinished++;
        } else {
            b.count++;
            if (span.isError()) {
                b.errors++;
            }
        }
        b.start = Math.min(b.start, span.start());
        b.end = Math.max(b.end, span.end());
        b.spans.add(span);
        if (b.spans.size() >= 2 * spansPerTrace && spansPerTrace < Integer.MAX_VALUE / 2) {
            // Amortised: sort once per spansPerTrace arrivals and keep the earliest, which the tree shows first.
            b.spans.sort(Comparator.comparingLong(Span::start));
            b.hidden += b.spans.size() - spansPerTrace;
            b.spans.subList(spansPerTrace, b.spans.size()).clear();
        }
        return span;
    }

    /**
     * The span without its payload (the timeline never shows it), sharing one String per trace id and thread name:
     * a kept trace may hold thousands of spans.
     */
    private Span shared(TraceBuffer b, Span span) {
        String thread = span.thread();
        if (thread != null) {
            String known = threadNames.get(thread);
            if (known != null) {
                thread = known;
            } else if (threadNames.size() < MAX_THREAD_NAMES) {
                threadNames.put(thread, thread);
            }
        }
        return new Span(b.trace, span.id(), span.parent(), span.method(), thread, span.threadId(), span.start(),
                span.dur(), span.error(), span.async(), span.attrs(), null, null);
    }

    /** Keeps {@code b} in each selection it belongs to, letting go of traces that no selection holds any more. */
    private void decide(TraceBuffer b) {
        open.remove(b.trace);
        b.keyStart = b.start;
        b.keyDuration = b.duration();
        total++;
        if (b.failing()) {
            failing++;
        }
        firstTraces.offer(b, x -> x.first = true);
        slowestTraces.offer(b, x -> x.slowest = true);
        if (b.failing()) {
            failedTraces.offer(b, x -> x.failed = true);
        }
        if (b.kept()) {
            kept.put(b.trace, b);
        } else {
            released.put(b.trace, Boolean.TRUE);
        }
    }

    /** Decides the traces still open (their roots never arrived, or are still running) and returns those kept. */
    List<TraceBuffer> finish() {
        List<TraceBuffer> waiting = new ArrayList<>(open.values());
        waiting.sort(IN_START_ORDER);
        waiting.forEach(this::decide);
        List<TraceBuffer> shown = new ArrayList<>(kept.values());
        shown.sort(IN_START_ORDER);
        return shown;
    }

    long total() {
        return total;
    }

    long failing() {
        return failing;
    }

    /** Spans that arrived for a trace already let go. */
    long lateSpans() {
        return lateSpans;
    }

    /** A bounded selection: the best {@code limit} traces by an order, the worst first so it is evicted first. */
    private final class Selected {
        private final int limit;
        private final PriorityQueue<TraceBuffer> heap;
        private final Consumer<TraceBuffer> leave;

        Selected(int limit, Comparator<TraceBuffer> worstFirst, Consumer<TraceBuffer> leave) {
            this.limit = limit;
            this.heap = new PriorityQueue<>(worstFirst);
            this.leave = leave;
        }

        void offer(TraceBuffer b, Consumer<TraceBuffer> join) {
            if (limit == 0) {
                return;
            }
            if (heap.size() < limit) {
                heap.add(b);
                join.accept(b);
                return;
            }
            TraceBuffer worst = heap.peek();
            if (heap.comparator().compare(b, worst) <= 0) {
                return;
            }
            heap.poll();
            leave.accept(worst);
            if (!worst.kept() && kept.remove(worst.trace) != null) {
                released.put(worst.trace, Boolean.TRUE);
            }
            heap.add(b);
            join.accept(b);
        }
    }
}
