package dev.agentdbg.analyzer.slow;

import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.TimeOrigin;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.TraceListener;
import dev.agentdbg.analyzer.stats.DurationDistribution;
import java.util.HashMap;
import java.util.Map;

/**
 * The first pass of {@code slow}: the durations of each method's spans that pass the filters, for its percentile
 * threshold. Memory is one {@link DurationDistribution} per method (exact up to 65,536 spans, then a histogram).
 */
public final class MethodDurations implements TraceListener {

    /** Durations only. */
    @Override
    public boolean wantsPayloads() {
        return false;
    }

    private final SpanFilter filter;
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final Map<Integer, DurationDistribution> durations = new HashMap<>();
    private final TimeOrigin origin = new TimeOrigin();

    public MethodDurations(SpanFilter filter) {
        this.filter = filter;
    }

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
        MethodInfo m = methods.computeIfAbsent(span.method(), MethodInfo::unknown);
        if (filter.test(span, m, origin.nanos())) {
            durations.computeIfAbsent(span.method(), k -> new DurationDistribution()).record(span.dur());
        }
    }

    /** Each method's {@code p}th percentile, by method id. */
    public Map<Integer, Long> percentiles(double p) {
        Map<Integer, Long> out = new HashMap<>();
        durations.forEach((id, d) -> out.put(id, d.percentile(p)));
        return out;
    }
}
