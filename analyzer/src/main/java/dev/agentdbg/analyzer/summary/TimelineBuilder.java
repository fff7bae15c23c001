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
 * Builds the timeline: the traces {@link TraceSelection} keeps (the first, the slowest and the failing ones), each as
 * a call tree; the other traces are counted.
 */
final class TimelineBuilder {

    /** Siblings by start; a parent and a child can start in the same nanosecond, so the longer goes first. */
    private static final Comparator<Span> START_ORDER = Comparator.comparingLong(Span::start)
            .thenComparing(Comparator.comparingLong(Span::dur).reversed())
            .thenComparingLong(Span::id);
    /** A kept trace holds this many times the lines it shows (at least 1,000): slack for parallel subtrees. */
    private static final int SPANS_PER_LINE = 4;

    private final SummaryOptions options;
    private final TraceSelection selection;

    TimelineBuilder(SummaryOptions options) {
        this.options = options;
        int lines = options.maxLinesPerTrace();
        this.selection = new TraceSelection(options.maxTraces(), options.slowestTraces(), options.failedTraces(),
                lines == 0 ? 0 : Math.max(1_000, lines * SPANS_PER_LINE));
    }

    void add(Span span) {
        selection.add(span);
    }

    /**
     * The call trees; each unfinished call joins its trace as a span lasting until the end of the run, so the
     * spans it called nest under it and a trace whose root never ended is listed too.
     */
    Summary.Timeline build(IntFunction<MethodInfo> methods, List<Summary.UnfinishedCall> unfinished) {
        Set<Span> running = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Summary.UnfinishedCall u : unfinished) {
            Span kept = selection.addRunning(u.call().asSpan(u.runningNanos()));
            if (kept != null) {
                running.add(kept);
            }
        }
        List<Summary.TimelineTrace> shown = new ArrayList<>();
        int maxLines = SummaryOptions.unlimitedIfZero(options.maxLinesPerTrace());
        for (TraceSelection.TraceBuffer b : selection.finish()) {
            shown.add(tree(b, running, methods, maxLines));
        }
        return new Summary.Timeline(List.copyOf(shown), selection.total(), selection.failing(),
                options.maxTraces(), options.slowestTraces(), options.failedTraces());
    }

    private static Summary.TimelineTrace tree(TraceSelection.TraceBuffer b, Set<Span> running,
                                              IntFunction<MethodInfo> methods, int maxLines) {
        List<Span> spans = b.spans;
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
        String thread = roots.isEmpty() ? spans.get(0).thread() : roots.get(0).thread();
        List<String> why = new ArrayList<>(3);
        if (b.first) {
            why.add("first");
        }
        if (b.slowest) {
            why.add("slowest");
        }
        if (b.failed) {
            why.add("failing");
        }
        return new Summary.TimelineTrace(b.trace, thread, b.start, b.end, b.count, b.errors, b.unfinished,
                List.copyOf(lines), spans.size() + b.hidden - lines.size(), List.copyOf(why));
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
