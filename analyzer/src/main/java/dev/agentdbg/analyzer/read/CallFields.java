package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a {@code span} or {@code start} record that the analyzer reads, as JSON values, unchecked.
 *
 * <p>Calls are nearly every line of a trace, so {@link LineParser} fills this straight from the token stream instead
 * of building a tree and looking fields up in it; {@link RecordParser} checks the values the same way whichever
 * path filled them. A field absent from the record is {@code null}; a later duplicate wins, as in a tree.
 */
final class CallFields {

    final String type;
    JsonNode trace;
    JsonNode span;
    JsonNode parent;
    JsonNode method;
    JsonNode thread;
    JsonNode threadId;
    JsonNode start;
    JsonNode dur;
    JsonNode async;
    JsonNode status;
    JsonNode error;
    JsonNode exception;
    JsonNode attrs;
    JsonNode args;
    JsonNode result;

    CallFields(String type) {
        this.type = type;
    }

    static boolean isCall(String type) {
        return "span".equals(type) || "start".equals(type);
    }

    /** Takes {@code value} if {@code name} is a field of calls; {@code false} for a field no report reads. */
    boolean set(String name, JsonNode value) {
        switch (name) {
            case "trace" -> trace = value;
            case "span" -> span = value;
            case "parent" -> parent = value;
            case "method" -> method = value;
            case "thread" -> thread = value;
            case "threadId" -> threadId = value;
            case "start" -> start = value;
            case "dur" -> dur = value;
            case "async" -> async = value;
            case "status" -> status = value;
            case "error" -> error = value;
            case "exception" -> exception = value;
            case "attrs" -> attrs = value;
            case "args" -> args = value;
            case "result" -> result = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a field of calls that {@link #set} takes. */
    static boolean known(String name) {
        return switch (name) {
            case "trace", "span", "parent", "method", "thread", "threadId", "start", "dur", "async", "status",
                 "error", "exception", "attrs", "args", "result" -> true;
            default -> false;
        };
    }

    /** The call fields of a record read as a tree (a hand-written line whose type does not come first). */
    static CallFields of(String type, JsonNode record) {
        CallFields f = new CallFields(type);
        record.properties().forEach(e -> f.set(e.getKey(), e.getValue()));
        return f;
    }
}
