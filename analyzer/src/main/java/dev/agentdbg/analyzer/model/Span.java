package dev.agentdbg.analyzer.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One finished call of an instrumented method, as read from a {@code span} record.
 *
 * <p>Span ids are kept as 64-bit numbers rather than hex strings because a run can hold millions of
 * spans; {@code parent == 0} means "no parent" (the format guarantees ids are never all zeros).
 *
 * <p>{@code args} and {@code result} are the captured payload as the agent wrote it, not interpreted: {@code args}
 * holds one value per parameter ({@code NullNode} for one not captured) and is empty when nothing was captured;
 * {@code result} is {@code null} when it was not captured or the method is void.
 */
public record Span(
        String trace,
        long id,
        long parent,
        int method,
        String thread,
        long threadId,
        long start,
        long dur,
        SpanError error,
        /** the parent ran on another thread: work handed over to an executor or a new thread */
        boolean async,
        SpanAttributes attrs,
        List<JsonNode> args,
        JsonNode result) {

    public Span {
        attrs = attrs == null ? SpanAttributes.EMPTY : attrs;
        args = args == null ? List.of() : List.copyOf(args);
    }

    public boolean isError() {
        return error != null;
    }

    public boolean hasParent() {
        return parent != 0;
    }

    public long end() {
        return start + dur;
    }

    public String idHex() {
        return hex(id);
    }

    /** The parent's id in hex, or {@code null} for a root span. */
    public String parentHex() {
        return hasParent() ? hex(parent) : null;
    }

    /** This span without its captured payload, for reports that keep many spans and never show payloads. */
    public Span withoutPayload() {
        return args.isEmpty() && result == null ? this
                : new Span(trace, id, parent, method, thread, threadId, start, dur, error, async, attrs, null, null);
    }

    public static String hex(long id) {
        String digits = Long.toHexString(id);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
