package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.TraceListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTML report's second read of the run: the spans it draws, with their payloads, and a row for each trace it
 * does not draw.
 *
 * <p>The first read (the summary) has chosen the traces; this one keeps their spans and nothing else, at most
 * {@code maxSpans} of them (the earliest-starting, which hold the trees' tops), so memory follows what the page
 * shows, not the run's length.
 */
public final class ReportSpans implements TraceListener {

    /** A trace the page lists but does not draw: its root call. */
    public record ListedTrace(Span root, MethodInfo method) {
    }

    private record Key(String trace, long id) {
    }

    private final Set<String> drawn;
    private final int maxSpans;
    private final int maxListed;
    private final boolean payloads;
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final List<Span> spans = new ArrayList<>();
    // Calls begun and not yet ended, of drawn traces: those left at the end ran until the end of the run.
    private final Map<Key, CallStart> open = new LinkedHashMap<>();
    private final List<ListedTrace> listed = new ArrayList<>();
    private long notDrawn;

    /**
     * @param drawn     the traces to draw, or {@code null} for every trace
     * @param maxSpans  spans kept at most; the rest of the drawn traces' spans are counted
     * @param maxListed traces not drawn that are listed (by their root span); the rest are counted
     * @param payloads  keep captured arguments and results
     */
    public ReportSpans(Set<String> drawn, int maxSpans, int maxListed, boolean payloads) {
        this.drawn = drawn;
        this.maxSpans = maxSpans;
        this.maxListed = maxListed;
        this.payloads = payloads;
    }

    @Override
    public boolean wantsPayloads() {
        return payloads;
    }

    @Override
    public void method(MethodInfo method) {
        methods.putIfAbsent(method.id(), method);
    }

    @Override
    public void start(CallStart start) {
        if (draws(start.trace())) {
            open.put(new Key(start.trace(), start.id()), start);
        }
    }

    @Override
    public void span(Span span) {
        if (!draws(span.trace())) {
            if (!span.hasParent() && listed.size() < maxListed) {
                listed.add(new ListedTrace(span.withoutPayload(), method(span.method())));
            }
            return;
        }
        if (!open.isEmpty()) {
            open.remove(new Key(span.trace(), span.id()));
        }
        spans.add(span);
        if (spans.size() >= 2 * maxSpans) {
            trim();
        }
    }

    /** Amortised: keeps the earliest-starting {@code maxSpans}, which the tree shows first, and counts the rest. */
    private void trim() {
        if (spans.size() <= maxSpans) {
            return;
        }
        spans.sort(Comparator.comparingLong(Span::start));
        notDrawn += spans.size() - maxSpans;
        spans.subList(maxSpans, spans.size()).clear();
    }

    private boolean draws(String trace) {
        return drawn == null || drawn.contains(trace);
    }

    public MethodInfo method(int id) {
        MethodInfo m = methods.get(id);
        return m != null ? m : MethodInfo.unknown(id);
    }

    /** Every method record read, by id. */
    public Map<Integer, MethodInfo> methods() {
        return methods;
    }

    /** The spans kept, by start; call after the read. */
    public List<Span> spans() {
        trim();
        spans.sort(Comparator.comparingLong(Span::start));
        return spans;
    }

    /** The calls of drawn traces that began and never ended. */
    public List<CallStart> unfinished() {
        return List.copyOf(open.values());
    }

    /** Spans of the drawn traces beyond {@code maxSpans}. */
    public long notDrawn() {
        trim();
        return notDrawn;
    }

    public List<ListedTrace> listed() {
        return listed;
    }
}
