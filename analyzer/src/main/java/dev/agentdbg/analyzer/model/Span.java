package dev.agentdbg.analyzer.model;

/**
 * One finished call of an instrumented method, as read from a {@code span} record.
 *
 * <p>Span ids are kept as 64-bit numbers rather than hex strings because a run can hold millions of
 * spans; {@code parent == 0} means "no parent" (the format guarantees ids are never all zeros).
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
        boolean async) {

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

    public static String hex(long id) {
        String digits = Long.toHexString(id);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
