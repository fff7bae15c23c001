package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns parsed JSON records into model objects, following docs/trace-format.md.
 *
 * <p>Fields a report cannot do without (the ids, method and start of a span or start record, a span's duration)
 * are required and a record lacking them is rejected; everything else is optional and unknown fields are
 * ignored, as the format asks. The optional payload ({@code attrs}, {@code args}, {@code result}) never rejects a
 * record: a malformed value is dropped and described to the caller, see {@link PayloadParser}.
 */
final class RecordParser {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    private final PayloadParser payload = new PayloadParser();

    RunInfo run(JsonNode n) throws InvalidRecordException {
        JsonNode jvm = n.path("jvm");
        List<String> ruleNames = new ArrayList<>();
        for (JsonNode rule : n.path("rules")) {
            String name = text(rule, "name");
            if (name != null) {
                ruleNames.add(name);
            }
        }
        Map<String, String> config = new LinkedHashMap<>();
        n.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        Long pid = n.hasNonNull("pid") ? number(n, "pid") : null;
        return new RunInfo(
                (int) optionalNumber(n, "schema", RunInfo.SUPPORTED_SCHEMA),
                requiredText(n, "runId"),
                (int) optionalNumber(n, "part", 0),
                text(n, "start"),
                optionalNumber(n, "startNanos", 0),
                pid,
                text(n, "host"),
                text(n, "command"),
                text(jvm, "version"),
                text(jvm, "vendor"),
                text(jvm, "name"),
                text(n, "agentVersion"),
                config,
                ruleNames,
                texts(n.path("warnings")));
    }

    MethodInfo method(JsonNode n) throws InvalidRecordException {
        long id = number(n, "id");
        String kind = text(n, "kind");
        String className = requiredText(n, "class");
        String component = text(n, "component");
        if (component == null) {
            // The agent defaults the component to the simple class name; do the same for older writers.
            component = className.substring(className.lastIndexOf('.') + 1);
        }
        return new MethodInfo(
                (int) id,
                className,
                requiredText(n, "method"),
                text(n, "desc"),
                kind == null ? "custom" : kind,
                component,
                text(n, "rule"),
                text(n, "file"),
                n.hasNonNull("line") ? (int) number(n, "line") : null);
    }

    /** A {@code span} record; malformed payload values are described to {@code ignored} and left out. */
    Span span(JsonNode n, Consumer<String> ignored) throws InvalidRecordException {
        CallStart call = call(n);
        long dur = number(n, "dur");
        if (dur < 0) {
            throw new InvalidRecordException("negative 'dur'");
        }
        String status = text(n, "status");
        SpanError error = null;
        if ("error".equals(status)) {
            error = error(n.path("error"));
        }
        // The payload last: a record rejected above must not also report its payload.
        return new Span(call.trace(), call.id(), call.parent(), call.method(), call.thread(), call.threadId(),
                call.start(), dur, error, call.async(), payload.attrs(n, "span", ignored),
                payload.args(n, "span", ignored), payload.result(n));
    }

    /** A {@code start} record; malformed payload values are described to {@code ignored} and left out. */
    CallStart start(JsonNode n, Consumer<String> ignored) throws InvalidRecordException {
        CallStart call = call(n);
        return new CallStart(call.trace(), call.id(), call.parent(), call.method(), call.thread(), call.threadId(),
                call.start(), call.async(), payload.attrs(n, "start", ignored), payload.args(n, "start", ignored));
    }

    /** The fields span and start records share, checked the same way; without payload. */
    private static CallStart call(JsonNode n) throws InvalidRecordException {
        String trace = requiredText(n, "trace");
        if (!TRACE_ID.matcher(trace).matches()) {
            throw new InvalidRecordException("'trace' is not 32 lowercase hex digits");
        }
        long id = spanId(n, "span");
        long parent = n.hasNonNull("parent") ? spanId(n, "parent") : 0;
        return new CallStart(
                trace,
                id,
                parent,
                (int) number(n, "method"),
                text(n, "thread"),
                optionalNumber(n, "threadId", -1),
                number(n, "start"),
                n.path("async").asBoolean(false),
                null,
                null);
    }

    AgentStats stats(JsonNode n) throws InvalidRecordException {
        List<String> unmatched = n.has("unmatchedRules") ? texts(n.path("unmatchedRules")) : null;
        return new AgentStats(
                n.path("final").asBoolean(false),
                text(n, "at"),
                optionalNumber(n, "endNanos", 0),
                optionalNumber(n, "spans", 0),
                optionalNumber(n, "dropped", 0),
                optionalNumber(n, "internalErrors", 0),
                optionalNumber(n, "methodsInstrumented", 0),
                optionalNumber(n, "classesTransformed", 0),
                optionalNumber(n, "transformFailures", 0),
                optionalNumber(n, "captureSkipped", 0),
                optionalNumber(n, "bytes", 0),
                optionalNumber(n, "files", 0),
                unmatched);
    }

    AgentError agentError(JsonNode n) throws InvalidRecordException {
        return new AgentError(text(n, "where"), text(n, "message"), optionalNumber(n, "count", 1));
    }

    private SpanError error(JsonNode e) throws InvalidRecordException {
        // A failed span without details is still a failure; name it so the report does not drop it.
        String type = e.isObject() ? text(e, "type") : null;
        JsonNode cause = e.path("cause");
        return new SpanError(
                type == null ? "unknown exception" : type,
                text(e, "message"),
                texts(e.path("stack")),
                (int) optionalNumber(e, "framesOmitted", 0),
                text(cause, "type"),
                text(cause, "message"));
    }

    private static long spanId(JsonNode n, String field) throws InvalidRecordException {
        String hex = requiredText(n, field);
        if (!SPAN_ID.matcher(hex).matches()) {
            throw new InvalidRecordException("'" + field + "' is not 16 lowercase hex digits");
        }
        long id = Long.parseUnsignedLong(hex, 16);
        if (id == 0) {
            throw new InvalidRecordException("'" + field + "' is all zeros");
        }
        return id;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String requiredText(JsonNode n, String field) throws InvalidRecordException {
        String v = text(n, field);
        if (v == null) {
            throw new InvalidRecordException("missing '" + field + "'");
        }
        return v;
    }

    private static long number(JsonNode n, String field) throws InvalidRecordException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidRecordException("missing '" + field + "'");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidRecordException("'" + field + "' is not an integer");
        }
        return v.longValue();
    }

    private static long optionalNumber(JsonNode n, String field, long fallback) throws InvalidRecordException {
        return n.hasNonNull(field) ? number(n, field) : fallback;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (v.isTextual()) {
                out.add(v.asText());
            }
        }
        return out;
    }
}
