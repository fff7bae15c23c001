package dev.agentdbg.analyzer.filter;

import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.Span;

/**
 * The instant {@code --from}/{@code --to} and the offsets of {@code slow} and {@code inspect} count from: the start
 * of the run's first call, the {@code +0} of {@code summary}'s timeline.
 *
 * <p>The commands read a trace once, so the origin must be known before the spans it selects arrive. The agent
 * writes a {@code start} record as soon as an agent, LLM or tool call begins, and a span record when any call ends,
 * so the first of those records read names the run's first call: exactly, unless a call of another kind (which has
 * no start record) was already running then, in which case {@code summary} counts from that earlier call.
 */
public final class TimeOrigin {

    private long nanos;

    /** Feed every {@code start} record, before testing spans against the filter. */
    public void start(CallStart start) {
        first(start.start());
    }

    /** Feed every span, before testing it against the filter. */
    public void span(Span span) {
        first(span.start());
    }

    private void first(long start) {
        if (nanos == 0 && start > 0) {
            nanos = start;
        }
    }

    /** Epoch ns of the run's first call; 0 until a call has been read. */
    public long nanos() {
        return nanos;
    }
}
