package dev.agentdbg.analyzer.errors;

import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.TimeOrigin;
import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.TraceListener;
import dev.agentdbg.analyzer.stats.DurationDistribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams a run's spans into an {@link ErrorsReport} in bounded memory: per group a counter and one sample span,
 * per agent or tool a counter and a duration distribution, and for paths only the ancestors of the samples.
 *
 * <p>Paths: spans are written when they end, so a failing span comes before the spans it ran under. When a group
 * takes its sample, the sample's parent is wanted; when a wanted span arrives, it is kept (parent, method, name) and
 * its own parent becomes wanted. Only ancestors of samples are kept: at most {@value #MAX_PATH_NODES}. An ancestor
 * that ended before the failing span (work handed to another thread that nobody waited for) has already gone by and
 * is missing from the path, which then starts with {@code "..."}.
 */
public final class ErrorsBuilder implements TraceListener {

    /** Failures are told by their exceptions, which are not payload. */
    @Override
    public boolean wantsPayloads() {
        return false;
    }

    /** Distinct groups kept; further failures that fit no kept group are counted as ungrouped. */
    public static final int MAX_GROUPS = 5_000;
    /** Ancestor spans kept for the paths of all groups together. */
    public static final int MAX_PATH_NODES = 100_000;
    /** Distinct traces counted per group. */
    public static final int MAX_TRACES_PER_GROUP = 32;
    /** Longest path walked; deeper (or cyclic, in a corrupt trace) paths are cut at the root end. */
    static final int MAX_DEPTH = 256;
    private static final Set<String> CALL_KINDS = Set.of("agent", "tool");

    private record SpanKey(String trace, long span) {
    }

    private record GroupKey(String type, String message, int method, String topFrame) {
    }

    private record Node(long parent, int method, String name) {
    }

    private record CallKey(String kind, String name) {
    }

    private static final class GroupState {
        final Span sample;
        long count;
        long first;
        long last;
        final Set<String> traces = new HashSet<>();
        boolean tracesCapped;

        GroupState(Span sample) {
            this.sample = sample;
            this.first = sample.start();
            this.last = sample.start();
        }

        void add(Span span) {
            count++;
            first = Math.min(first, span.start());
            last = Math.max(last, span.start());
            if (traces.size() < MAX_TRACES_PER_GROUP) {
                traces.add(span.trace());
            } else if (!traces.contains(span.trace())) {
                tracesCapped = true;
            }
        }
    }

    private static final class CallState {
        long count;
        long failures;
        long totalNanos;
        final DurationDistribution durations = new DurationDistribution();
    }

    private final SpanFilter filter;
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
    private final Map<CallKey, CallState> calls = new HashMap<>();
    private final Map<SpanKey, Node> nodes = new HashMap<>();
    private final Set<SpanKey> wanted = new HashSet<>();
    private final TimeOrigin origin = new TimeOrigin();
    private long spans;
    private long failures;
    private long errorResults;
    private long ungrouped;
    private boolean pathsCut;

    public ErrorsBuilder(SpanFilter filter) {
        this.filter = filter;
    }

    /** The time filters count from the run's first call (see {@link TimeOrigin}). */
    @Override
    public void start(CallStart start) {
        origin.start(start);
    }

    @Override
    public void method(MethodInfo method) {
        methods.putIfAbsent(method.id(), method);
    }

    @Override
    public void span(Span span) {
        origin.span(span);
        if (!wanted.isEmpty() && wanted.remove(new SpanKey(span.trace(), span.id()))) {
            keep(span);
        }
        MethodInfo m = method(span.method());
        if (!filter.test(span, m, origin.nanos())) {
            return;
        }
        spans++;
        String name = CallNames.genAiName(span.attrs());
        if (CALL_KINDS.contains(m.kind())) {
            CallState c = calls.computeIfAbsent(new CallKey(m.kind(), name != null ? name : m.displayName()),
                    k -> new CallState());
            c.count++;
            c.totalNanos += span.dur();
            c.durations.record(span.dur());
            if (span.isError()) {
                c.failures++;
            }
        }
        if (!span.isError()) {
            return;
        }
        failures++;
        if (ErrorsReport.ERROR_RESULT.equals(span.error().type())) {
            errorResults++;
        }
        GroupKey key = new GroupKey(span.error().type(), MessageNormalizer.normalize(span.error().message()),
                span.method(), span.error().topFrame());
        GroupState g = groups.get(key);
        if (g == null) {
            if (groups.size() >= MAX_GROUPS) {
                ungrouped++;
                return;
            }
            g = new GroupState(span.withoutPayload());
            groups.put(key, g);
            keep(span);
        }
        g.add(span);
    }

    /** Keeps where {@code span} sits in its tree, and asks for its parent. */
    private void keep(Span span) {
        SpanKey key = new SpanKey(span.trace(), span.id());
        if (nodes.containsKey(key)) {
            return;
        }
        if (nodes.size() >= MAX_PATH_NODES) {
            pathsCut = true;
            return;
        }
        nodes.put(key, new Node(span.parent(), span.method(), CallNames.genAiName(span.attrs())));
        if (span.hasParent()) {
            SpanKey parent = new SpanKey(span.trace(), span.parent());
            if (!nodes.containsKey(parent)) {
                wanted.add(parent);
            }
        }
    }

    private MethodInfo method(int id) {
        MethodInfo m = methods.get(id);
        return m != null ? m : MethodInfo.unknown(id);
    }

    /** The report; call once, after the reader has gone through every file. */
    public ErrorsReport build() {
        List<ErrorsReport.Group> out = new ArrayList<>();
        groups.forEach((key, g) -> out.add(new ErrorsReport.Group(key.type(), key.message(), method(key.method()),
                key.topFrame(), g.count, g.first, g.last, g.sample, CallNames.genAiName(g.sample.attrs()),
                g.traces.size(), g.tracesCapped, path(g.sample))));
        out.sort(Comparator.comparingLong(ErrorsReport.Group::count).reversed()
                .thenComparingLong(ErrorsReport.Group::firstStart));
        List<ErrorsReport.CallStats> callRows = new ArrayList<>();
        calls.forEach((key, c) -> callRows.add(new ErrorsReport.CallStats(key.kind(), key.name(), c.count,
                c.failures, c.count == 0 ? 0 : c.totalNanos / c.count, c.durations.percentile(95))));
        callRows.sort(Comparator.comparingLong(ErrorsReport.CallStats::failures).reversed()
                .thenComparing(Comparator.comparingLong(ErrorsReport.CallStats::count).reversed())
                .thenComparing(ErrorsReport.CallStats::kind).thenComparing(ErrorsReport.CallStats::name));
        return new ErrorsReport(spans, failures, errorResults, List.copyOf(out), ungrouped, List.copyOf(callRows),
                pathsCut, origin.nanos());
    }

    /** Root first, the failing span last. */
    private List<String> path(Span sample) {
        List<String> labels = new ArrayList<>();
        SpanKey key = new SpanKey(sample.trace(), sample.id());
        Node node = nodes.get(key);
        if (node == null) {
            // Not kept (the bound was reached): the failing span alone.
            return List.of("...", CallNames.label(method(sample.method()), sample.attrs()));
        }
        Set<Long> seen = new HashSet<>();
        seen.add(sample.id());
        while (true) {
            labels.add(CallNames.label(method(node.method()).displayName(), node.name()));
            if (node.parent() == 0) {
                break;
            }
            Node parent = nodes.get(new SpanKey(sample.trace(), node.parent()));
            // A parent seen before is a cycle (corrupt ids): cut there, as for a missing one.
            if (parent == null || !seen.add(node.parent()) || seen.size() > MAX_DEPTH) {
                labels.add("...");
                break;
            }
            node = parent;
        }
        Collections.reverse(labels);
        return List.copyOf(labels);
    }
}
