package dev.agentdbg.analyzer.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The beginning of a call of an instrumented method, as read from a {@code start} record.
 *
 * <p>The agent writes one when a call of an {@code agent}, {@code llm} or {@code tool} method begins; the
 * {@code span} record with the same ids follows when the call ends. A start whose span never arrives is a call
 * that was still running when the trace ends (the JVM was killed, or exited while the call ran). Ids are kept
 * as numbers like {@link Span}'s; {@code parent == 0} means "no parent". {@code attrs} and {@code args} are what
 * was known when the call began (e.g. the requested model and the prompt); a call that has not ended has no result.
 */
public record CallStart(
        String trace,
        long id,
        long parent,
        int method,
        String thread,
        long threadId,
        long start,
        /** the parent ran on another thread: work handed over to an executor or a new thread */
        boolean async,
        SpanAttributes attrs,
        List<JsonNode> args) {

    public CallStart {
        attrs = attrs == null ? SpanAttributes.EMPTY : attrs;
        args = args == null ? List.of() : List.copyOf(args);
    }

    public boolean hasParent() {
        return parent != 0;
    }

    public String idHex() {
        return Span.hex(id);
    }

    /** The parent's id in hex, or {@code null} for a root call. */
    public String parentHex() {
        return hasParent() ? Span.hex(parent) : null;
    }

    /** This call as a span that ran from its start for {@code runningNanos}, without an outcome or payload. */
    public Span asSpan(long runningNanos) {
        return new Span(trace, id, parent, method, thread, threadId, start, runningNanos, null, async, attrs, null,
                null);
    }
}
