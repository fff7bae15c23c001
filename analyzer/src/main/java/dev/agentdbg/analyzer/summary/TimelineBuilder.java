package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Keeps the spans of each trace and turns them into call trees for the timeline.
 *
 * <p>This is the one part of the summary whose memory grows with the run (one small object per span);
 * {@code --no-timeline} leaves it out.
 */
final class TimelineBuilder {

    /** Siblings by start; a parent and a child can start in the same nanosecond, so the longer goes first. */
    private static final Comparator<Span> START_ORDER = Comparator.comparingLong(Span::start)
            .thenComparing(Comparator.comparingLong(Span::dur).reversed())
            .thenComparingLong(Span::id);

    private final Map<String, List<Span>> spansByTrace = new HashMap<>();
    private final Map<String, String> threadNames = new HashMap<>();

    /** Keeps {@code span} and returns the instance kept. */
    Span add(Span span) {
        List<Span> spans = spansByTrace.computeIfAbsent(span.trace(), k -> new ArrayList<>());
        // Share one String per trace id and thread name: a run may hold millions of spans.
        String trace = spans.isEmpty() ? span.trace() : spans.get(0).trace();
        String thread = span.thread() == null ? null : threadNames.computeIfAbsent(span.thread(), k -> k);
        // Captured payloads can be large and the timeline never shows them: keep only the attributes it names.
        span = span.withoutPayload();
        if (trace != span.trace() || thread != span.thread()) {
            span = new Span(trace, span.id(), span.parent(), span.method(), thread, span.threadId(),
                    span.start(), span.dur(), span.error(), span.async(), span.attrs(), null, null);
        }
        spans.add(span);
        return span;
    }

    /**
     * The call trees; each unfinished call joins its trace as a span lasting until the end of the run, so the
     * spans it called nest under it and a trace whose root never ended is listed too.
     */
    Summary.Timeline build(IntFunction<MethodInfo> methods, List<Summary.UnfinishedCall> unfinished, int maxTraces,
                           int maxLinesPerTrace) {
        Set<Span> running = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Summary.UnfinishedCall u : unfinished) {
            running.add(add(u.call().asSpan(u.runningNanos())));
        }
        List<List<Span>> traces = new ArrayList<>(spansByTrace.values());
        Map<List<Span>, Long> starts = new IdentityHashMap<>();
        for (List<Span> spans : traces) {
            starts.put(spans, spans.stream().mapToLong(Span::start).min().orElse(0));
        }
        traces.sort(Comparator.comparingLong((List<Span> t) -> starts.get(t)).thenComparing(t -> t.get(0).trace()));
        List<Summary.TimelineTrace> shown = new ArrayList<>();
        int limit = SummaryOptions.unlimitedIfZero(maxTraces);
        for (List<Span> spans : traces.subList(0, Math.min(limit, traces.size()))) {
            shown.add(tree(spans, running, methods, SummaryOptions.unlimitedIfZero(maxLinesPerTrace)));
        }
        return new Summary.Timeline(List.copyOf(shown), traces.size());
    }

    private static Summary.TimelineTrace tree(List<Span> spans, Set<Span> running, IntFunction<MethodInfo> methods,
                                              int maxLines) {
        Map<Long, Span> byId = new HashMap<>();
        for (Span s : spans) {
            byId.putIfAbsent(s.id(), s);
        }
        Map<Long, List<Span>> children = new HashMap<>();
        List<Span> roots = new ArrayList<>();
        Set<Span> orphans = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Span s : spans) {
            if (s.hasParent() && s.parent() != s.id() && byId.containsKey(s.parent())) {
                children.computeIfAbsent(s.parent(), k -> new ArrayList<>()).add(s);
            } else {
                roots.add(s);
                if (s.hasParent()) {
                    orphans.add(s);
                }
            }
        }
        roots.sort(START_ORDER);
        Set<Span> parallel = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Span> siblings : children.values()) {
            siblings.sort(START_ORDER);
            markOverlaps(siblings, parallel);
        }

        List<Summary.TimelineLine> lines = new ArrayList<>();
        Set<Span> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Span> pendingRoots = new ArrayDeque<>(roots);
        while (lines.size() < maxLines && visited.size() < spans.size()) {
            if (pendingRoots.isEmpty()) {
                // Only corrupt data gets here: spans whose parents form a cycle. Show them as roots.
                Span first = spans.stream().filter(s -> !visited.contains(s)).min(START_ORDER).orElseThrow();
                orphans.add(first);
                pendingRoots.add(first);
            }
            Span root = pendingRoots.removeFirst();
            walk(root, children, methods, orphans, running, parallel, visited, lines, maxLines);
        }
        long start = spans.stream().mapToLong(Span::start).min().orElse(0);
        long end = spans.stream().mapToLong(Span::end).max().orElse(0);
        int errors = (int) spans.stream().filter(Span::isError).count();
        int unfinished = (int) spans.stream().filter(running::contains).count();
        String thread = roots.isEmpty() ? spans.get(0).thread() : roots.get(0).thread();
        return new Summary.TimelineTrace(spans.get(0).trace(), thread, start, end, spans.size() - unfinished, errors,
                unfinished, List.copyOf(lines), spans.size() - lines.size());
    }

    /**
     * Adds to {@code parallel} each of {@code siblings} (sorted by start) that overlaps another in time: it starts
     * before an earlier sibling ended, or it ends after the next sibling started.
     */
    static void markOverlaps(List<Span> siblings, Set<Span> parallel) {
        long maxEnd = Long.MIN_VALUE;
        for (int i = 0; i < siblings.size(); i++) {
            Span s = siblings.get(i);
            if (s.start() < maxEnd || i + 1 < siblings.size() && siblings.get(i + 1).start() < s.end()) {
                parallel.add(s);
            }
            maxEnd = Math.max(maxEnd, s.end());
        }
    }

    private record Frame(Span span, int depth) {
    }

    /** Depth-first, iteratively: a deeply recursive agent must not overflow the analyzer's stack. */
    private static void walk(Span root, Map<Long, List<Span>> children, IntFunction<MethodInfo> methods,
                             Set<Span> orphans, Set<Span> running, Set<Span> parallel, Set<Span> visited,
                             List<Summary.TimelineLine> lines, int maxLines) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, 0));
        while (!stack.isEmpty() && lines.size() < maxLines) {
            Frame top = stack.pop();
            if (!visited.add(top.span())) {
                continue;
            }
            Span span = top.span();
            lines.add(new Summary.TimelineLine(top.depth(), span, methods.apply(span.method()), orphans.contains(span),
                    running.contains(span), parallel.contains(span)));
            List<Span> kids = children.getOrDefault(span.id(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new Frame(kids.get(i), top.depth() + 1));
            }
        }
    }
}
