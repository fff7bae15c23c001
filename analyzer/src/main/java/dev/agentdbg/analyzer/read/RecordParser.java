package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.ClassSeen;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RuleInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns parsed JSON records into model objects, following docs/trace-format.md.
 *
 * <p>Fields a report cannot do without (the ids, method and start of a span or start record, a span's duration)
 * are required and a record lacking them is rejected; everything else is optional and unknown fields are
 * ignored, as the format asks. An optional field of the wrong type is left out, the rest of the record is used,
 * and the field is reported to a {@link FieldSink}. A span's outcome is never guessed as ok: a status other than
 * {@code ok} or {@code error} counts the span as failed. The optional payload ({@code attrs}, {@code args},
 * {@code result}) never rejects a record: a malformed value is dropped and described to the caller, see
 * {@link PayloadParser}.
 */
final class RecordParser {


    /** The error type of a span whose status was neither ok nor error and that recorded no exception. */
    static final String UNKNOWN_STATUS = "unknown status";

    private final PayloadParser payload = new PayloadParser();

    RunInfo run(JsonNode n, FieldSink fields) throws InvalidRecordException {
        Fields f = new Fields("run", fields);
        JsonNode jvm = n.path("jvm");
        List<String> ruleNames = new ArrayList<>();
        List<RuleInfo> rules = new ArrayList<>();
        for (JsonNode rule : n.path("rules")) {
            String name = text(rule, "name");
            if (name != null) {
                ruleNames.add(name);
                rules.add(new RuleInfo(name, text(rule, "kind"), text(rule, "component"), text(rule, "match"),
                        text(rule, "subtypeOf"), text(rule, "annotatedWith"), text(rule, "methods"),
                        text(rule, "picks")));
            }
        }
        Map<String, String> config = new LinkedHashMap<>();
        n.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        long pid = f.number(n, "pid", -1);
        return new RunInfo(
                (int) f.number(n, "schema", RunInfo.SUPPORTED_SCHEMA),
                requiredText(n, "runId"),
                (int) f.number(n, "part", 0),
                f.text(n, "start"),
                f.number(n, "startNanos", 0),
                pid < 0 ? null : pid,
                f.text(n, "host"),
                f.text(n, "command"),
                text(jvm, "version"),
                text(jvm, "vendor"),
                text(jvm, "name"),
                f.text(n, "agentVersion"),
                config,
                ruleNames,
                texts(n.path("warnings")),
                f.text(n, "mode"),
                f.text(n, "replayOf"),
                RecordingParser.plan(n.path("replayPlan"), f),
                rules);
    }

    MethodInfo method(JsonNode n, FieldSink fields) throws InvalidRecordException {
        Fields f = new Fields("method", fields);
        long id = number(n, "id");
        String kind = f.text(n, "kind");
        String className = requiredText(n, "class");
        String component = f.text(n, "component");
        if (component == null) {
            // The agent defaults the component to the simple class name; do the same for older writers.
            component = className.substring(className.lastIndexOf('.') + 1);
        }
        return new MethodInfo(
                (int) id,
                className,
                requiredText(n, "method"),
                f.text(n, "desc"),
                kind == null ? "custom" : kind,
                component,
                f.text(n, "rule"),
                f.text(n, "file"),
                f.integer(n, "line"));
    }

    /** A {@code span} record; malformed payload values are described to {@code ignored} and left out. */
    Span span(CallFields n, Consumer<String> ignored, FieldSink fields) throws InvalidRecordException {
        Fields f = new Fields("span", fields);
        CallStart call = call(n, f);
        long dur = numberOf(n.dur, "dur");
        if (dur < 0) {
            throw new InvalidRecordException("negative 'dur'");
        }
        SpanError error = outcome(n, f);
        // The payload last: a record rejected above must not also report its payload. A result of JSON null stays:
        // the method returned null.
        return new Span(call.trace(), call.id(), call.parent(), call.method(), call.thread(), call.threadId(),
                call.start(), dur, error, call.async(), payload.attrs(n.attrs, "span", ignored),
                payload.args(n.args, "span", ignored), n.result);
    }

    /** A {@code start} record; malformed payload values are described to {@code ignored} and left out. */
    CallStart start(CallFields n, Consumer<String> ignored, FieldSink fields) throws InvalidRecordException {
        CallStart call = call(n, new Fields("start", fields));
        return new CallStart(call.trace(), call.id(), call.parent(), call.method(), call.thread(), call.threadId(),
                call.start(), call.async(), payload.attrs(n.attrs, "start", ignored),
                payload.args(n.args, "start", ignored));
    }

    /** The fields span and start records share, checked the same way; without payload. */
    private static CallStart call(CallFields n, Fields f) throws InvalidRecordException {
        String trace = requiredTextOf(n.trace, "trace");
        if (!lowerHex(trace, 32)) {
            throw new InvalidRecordException("'trace' is not 32 lowercase hex digits");
        }
        long id = spanIdOf(n.span, "span");
        long parent = n.parent != null && !n.parent.isNull() ? spanIdOf(n.parent, "parent") : 0;
        return new CallStart(
                trace,
                id,
                parent,
                (int) numberOf(n.method, "method"),
                f.textOf(n.thread, "thread"),
                f.numberOf(n.threadId, "threadId", -1),
                numberOf(n.start, "start"),
                f.boolOf(n.async, "async"),
                null,
                null);
    }

    AgentStats stats(JsonNode n, FieldSink fields) {
        Fields f = new Fields("stats", fields);
        List<String> unmatched = n.has("unmatchedRules") ? texts(n.path("unmatchedRules")) : null;
        return new AgentStats(
                f.bool(n, "final"),
                f.text(n, "at"),
                f.number(n, "endNanos", 0),
                f.number(n, "spans", 0),
                f.number(n, "dropped", 0),
                f.number(n, "internalErrors", 0),
                f.number(n, "methodsInstrumented", 0),
                f.number(n, "classesTransformed", 0),
                f.number(n, "transformFailures", 0),
                f.number(n, "captureSkipped", 0),
                f.number(n, "bytes", 0),
                f.number(n, "files", 0),
                unmatched,
                f.number(n, "memoryMax", 0),
                f.number(n, "memoryPeak", 0),
                f.number(n, "droppedByMemory", 0),
                f.number(n, "droppedAtExit", 0),
                f.number(n, "classesNotNoted", 0));
    }

    ClassSeen classSeen(JsonNode n, FieldSink fields) throws InvalidRecordException {
        Fields f = new Fields("class", fields);
        return new ClassSeen(requiredText(n, "class"), requiredText(n, "outcome"), texts(n.path("rules")),
                f.text(n, "reason"), texts(n.path("methods")), (int) f.number(n, "moreMethods", 0));
    }

    AgentError agentError(JsonNode n, FieldSink fields) {
        Fields f = new Fields("agentError", fields);
        return new AgentError(f.text(n, "where"), f.text(n, "message"), f.number(n, "count", 1));
    }

    /**
     * {@code null} for a span that returned, its error for one that threw. A status other than {@code ok} or
     * {@code error} (unknown, not a string, absent) is reported and counted as a failure, never as ok: with its
     * {@code error} (or {@code exception}) object when the record has one, else as an {@value #UNKNOWN_STATUS}.
     */
    private static SpanError outcome(CallFields n, Fields f) {
        JsonNode status = n.status;
        String text = status != null && status.isTextual() ? status.asText() : null;
        if ("ok".equals(text)) {
            return null;
        }
        if ("error".equals(text)) {
            return error(n.error == null ? MissingNode.getInstance() : n.error, f);
        }
        f.report("status", "is not \"ok\" or \"error\"", "counted as failed");
        for (JsonNode e : new JsonNode[] {n.error, n.exception}) {
            if (e != null && e.isObject()) {
                return error(e, f);
            }
        }
        String was = status == null || status.isNull() ? "absent" : status.toString();
        return new SpanError(UNKNOWN_STATUS, "the span's status was " + was + ", neither ok nor error", List.of(),
                0, null, null);
    }

    private static SpanError error(JsonNode e, Fields f) {
        // A failed span without details is still a failure; name it so the report does not drop it.
        String type = e.isObject() ? text(e, "type") : null;
        JsonNode cause = e.path("cause");
        return new SpanError(
                type == null ? "unknown exception" : type,
                text(e, "message"),
                texts(e.path("stack")),
                (int) new Fields("span error", f.sink()).number(e, "framesOmitted", 0),
                text(cause, "type"),
                text(cause, "message"));
    }

    static long spanId(JsonNode record, String field) throws InvalidRecordException {
        return spanIdOf(record.get(field), field);
    }

    static String requiredText(JsonNode record, String field) throws InvalidRecordException {
        return requiredTextOf(record.get(field), field);
    }

    static long number(JsonNode record, String field) throws InvalidRecordException {
        return numberOf(record.get(field), field);
    }

    /** {@code v}, the value of {@code field}, as a span id: 16 lowercase hex digits, not all zeros. */
    static long spanIdOf(JsonNode v, String field) throws InvalidRecordException {
        String hex = requiredTextOf(v, field);
        if (!lowerHex(hex, 16)) {
            throw new InvalidRecordException("'" + field + "' is not 16 lowercase hex digits");
        }
        long id = Long.parseUnsignedLong(hex, 16);
        if (id == 0) {
            throw new InvalidRecordException("'" + field + "' is all zeros");
        }
        return id;
    }

    /** Whether {@code s} is {@code digits} lowercase hex digits; by hand, as it runs twice per span. */
    private static boolean lowerHex(String s, int digits) {
        if (s.length() != digits) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** {@code v}, the value of {@code field}, as text; absent or not text rejects the record. */
    static String requiredTextOf(JsonNode v, String field) throws InvalidRecordException {
        if (v == null || !v.isTextual()) {
            throw new InvalidRecordException("missing '" + field + "'");
        }
        return v.asText();
    }

    /** {@code v}, the value of {@code field}, as an integer; absent, null or not an integer rejects the record. */
    static long numberOf(JsonNode v, String field) throws InvalidRecordException {
        if (v == null || v.isNull()) {
            throw new InvalidRecordException("missing '" + field + "'");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidRecordException("'" + field + "' is not an integer");
        }
        return v.longValue();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (v.isTextual()) {
                out.add(v.asText());
            }
        }
        return out;
    }
}
