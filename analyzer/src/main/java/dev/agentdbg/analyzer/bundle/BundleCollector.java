package dev.agentdbg.analyzer.bundle;

import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.DetValues;
import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The second pass of {@code bundle}: hands the selected spans (and every other record) to a summary of the selection,
 * keeps the first selected spans as excerpt lines within a span and byte budget, and collects the source files
 * involved. Memory is bounded by those budgets, whatever the size of the trace.
 */
public final class BundleCollector implements TraceListener {

    /** Failed spans kept beyond the span budget, so that the failures are in the excerpt even when it is full. */
    static final int EXTRA_FAILED = 50;
    static final int MAX_SOURCES = 500;
    private static final int PREVIEW = 120;

    private final TraceListener scoped;
    private final BiPredicate<Span, MethodInfo> selects;
    private final int maxSpans;
    private final long maxBytes;
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final List<Selected> kept = new ArrayList<>();
    private final Set<String> sources = new LinkedHashSet<>();
    private long selected;
    private long keptBytes;
    private int extraFailed;

    /**
     * @param scoped   receives every record but only the selected spans (a summary of the selection)
     * @param selects  whether a span is part of the bundle
     * @param maxSpans spans kept for the excerpt (failed ones may exceed it by {@value #EXTRA_FAILED})
     * @param maxBytes characters of excerpt lines kept
     */
    public BundleCollector(TraceListener scoped, BiPredicate<Span, MethodInfo> selects, int maxSpans, long maxBytes) {
        this.scoped = scoped;
        this.selects = selects;
        this.maxSpans = maxSpans;
        this.maxBytes = maxBytes;
    }

    @Override
    public void run(RunInfo run, TraceFile file) {
        scoped.run(run, file);
    }

    @Override
    public void method(MethodInfo method) {
        methods.putIfAbsent(method.id(), method);
        scoped.method(method);
    }

    @Override
    public void span(Span span) {
        MethodInfo m = methods.getOrDefault(span.method(), MethodInfo.unknown(span.method()));
        if (!selects.test(span, m)) {
            return;
        }
        selected++;
        scoped.span(span);
        addSources(span, m);
        boolean room = kept.size() < maxSpans;
        boolean extra = !room && span.isError() && extraFailed < EXTRA_FAILED;
        if ((room || extra) && keptBytes < maxBytes) {
            String line = Excerpt.line(span, m);
            if (keptBytes + line.length() <= maxBytes || span.isError()) {
                keptBytes += line.length() + 1;
                if (extra) {
                    extraFailed++;
                }
                kept.add(new Selected(span.withoutPayload(), m, line,
                        span.args().isEmpty() ? null : Excerpt.preview(span.args().get(0), PREVIEW),
                        Excerpt.preview(span.result(), PREVIEW)));
            }
        }
    }

    private void addSources(Span span, MethodInfo m) {
        if (sources.size() >= MAX_SOURCES) {
            return;
        }
        String path = Sources.ofMethod(m);
        if (path != null) {
            sources.add(path);
        }
        if (span.isError()) {
            for (String frame : span.error().stack()) {
                String p = Sources.ofFrame(frame);
                if (p != null && sources.size() < MAX_SOURCES) {
                    sources.add(p);
                }
            }
        }
    }

    @Override
    public void start(dev.agentdbg.analyzer.model.CallStart start) {
        // Unfinished calls are not part of a bundle: a start cannot be matched against the span filters.
    }

    @Override
    public void stats(AgentStats stats) {
        scoped.stats(stats);
    }

    @Override
    public void agentError(AgentError error) {
        scoped.agentError(error);
    }

    @Override
    public void exchange(Exchange exchange) {
        scoped.exchange(exchange);
    }

    @Override
    public void value(RecordedValue value) {
        scoped.value(value);
    }

    @Override
    public void det(DetValues det) {
        scoped.det(det);
    }

    @Override
    public void replayed(Replayed replayed) {
        scoped.replayed(replayed);
    }

    @Override
    public void divergence(Divergence divergence) {
        scoped.divergence(divergence);
    }

    @Override
    public void skipped(SkippedLine line, String type, String head) {
        scoped.skipped(line, type, head);
    }

    /** Spans that passed the selection. */
    public long selected() {
        return selected;
    }

    /** The spans kept for the excerpt, in the order they were read (a span ends after its children). */
    public List<Selected> kept() {
        return kept;
    }

    public List<String> sources() {
        return new ArrayList<>(sources);
    }

    /** The selected spans left out of the excerpt by the span or byte budget. */
    public long leftOut() {
        return selected - kept.size();
    }
}
