package dev.agentdbg.analyzer.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanAttributes;
import dev.agentdbg.analyzer.model.SpanError;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps the trace to OpenTelemetry spans, the same for OTLP JSON and OTLP/HTTP: the run becomes the resource, each
 * span keeps its trace id, span id, parent, start and end, its attributes under their own (GenAI semantic
 * convention) names, and a failure becomes status ERROR plus an {@code exception} event. docs/analyzer.md has the
 * table.
 */
final class OtlpMapping {

    static final String SCOPE_NAME = "dev.agentdbg";

    private final Resource resource;
    private final InstrumentationScopeInfo scope;

    private OtlpMapping(Resource resource, InstrumentationScopeInfo scope) {
        this.resource = resource;
        this.scope = scope;
    }

    /** The mapping for one run; {@code serviceName} overrides the name guessed from the run's command. */
    static OtlpMapping of(RunInfo run, String serviceName) {
        AttributesBuilder r = Attributes.builder();
        r.put("service.name", serviceName != null ? serviceName : serviceName(run.command()));
        put(r, "service.instance.id", run.runId());
        put(r, "agentdbg.run.id", run.runId());
        put(r, "agentdbg.mode", run.mode());
        put(r, "agentdbg.version", run.agentVersion());
        if (run.pid() != null) {
            r.put("process.pid", run.pid());
        }
        put(r, "process.command_line", run.command());
        put(r, "host.name", run.host());
        put(r, "process.runtime.name", run.jvmName());
        put(r, "process.runtime.version", run.jvmVersion());
        put(r, "process.runtime.description", run.jvmVendor());
        put(r, "agentdbg.replay_of", run.replayOf());
        InstrumentationScopeInfo scope = InstrumentationScopeInfo.builder(SCOPE_NAME)
                .setVersion(run.agentVersion() == null ? "unknown" : run.agentVersion()).build();
        return new OtlpMapping(Resource.create(r.build()), scope);
    }

    /**
     * The traced program's main class or jar without its package or path ({@code ResearchDemo} for {@code
     * com.acme.research.ResearchDemo --topic x}), which is how tracing back-ends list services; else "agentdbg".
     */
    static String serviceName(String command) {
        if (command == null || command.isBlank()) {
            return "agentdbg";
        }
        String first = command.strip().split("\\s+", 2)[0];
        first = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
        if (first.endsWith(".jar")) {
            return first.substring(0, first.length() - 4);
        }
        String simple = first.substring(first.lastIndexOf('.') + 1);
        return simple.isEmpty() ? "agentdbg" : simple;
    }

    /** The span as the SDK's exporters take it. */
    ExportSpanData map(Span span, MethodInfo method, boolean unfinished) {
        SpanContext context = SpanContext.create(span.trace(), span.idHex(), TraceFlags.getSampled(),
                TraceState.getDefault());
        SpanContext parent = span.hasParent()
                ? SpanContext.create(span.trace(), span.parentHex(), TraceFlags.getSampled(), TraceState.getDefault())
                : SpanContext.getInvalid();
        SpanError error = span.error();
        StatusData status = error == null ? StatusData.unset() : StatusData.create(StatusCode.ERROR, error.headline());
        List<EventData> events = error == null ? List.of()
                : List.of(EventData.create(span.end(), "exception", exception(error)));
        return new ExportSpanData(name(span.attrs(), method), kind(method), context, parent, status, span.start(),
                span.end(), attributes(span, method, unfinished), events, scope, resource);
    }

    /**
     * The GenAI conventions' span names where the attributes allow ({@code chat gpt-4o}, {@code execute_tool
     * calculator}, {@code invoke_agent planner}), else the traced method ({@code PlannerAgent.run}).
     */
    static String name(SpanAttributes attrs, MethodInfo method) {
        String operation = attrs.string(GenAi.OPERATION);
        String model = attrs.string(GenAi.REQUEST_MODEL);
        if (model == null) {
            model = attrs.string(GenAi.RESPONSE_MODEL);
        }
        if (Kinds.LLM.equals(method.kind()) && operation != null && model != null) {
            return operation + " " + model;
        }
        String tool = attrs.string(GenAi.TOOL_NAME);
        if (Kinds.TOOL.equals(method.kind()) && tool != null) {
            return "execute_tool " + tool;
        }
        String agent = attrs.string(GenAi.AGENT_NAME);
        if ("agent".equals(method.kind()) && agent != null) {
            return "invoke_agent " + agent;
        }
        return method.displayName();
    }

    /** LLM calls leave the process (CLIENT, as the GenAI conventions say); every other call is INTERNAL. */
    static SpanKind kind(MethodInfo method) {
        return Kinds.LLM.equals(method.kind()) ? SpanKind.CLIENT : SpanKind.INTERNAL;
    }

    private static Attributes attributes(Span span, MethodInfo method, boolean unfinished) {
        AttributesBuilder b = Attributes.builder();
        for (Map.Entry<String, JsonNode> e : span.attrs().asMap().entrySet()) {
            putJson(b, e.getKey(), e.getValue());
        }
        if (!method.isUnknown()) {
            b.put("code.function.name", method.className() + "." + method.method());
        }
        put(b, "code.file.path", method.file());
        if (method.line() != null) {
            b.put("code.line.number", method.line().longValue());
        }
        put(b, "thread.name", span.thread());
        if (span.threadId() > 0) {
            b.put("thread.id", span.threadId());
        }
        b.put("agentdbg.kind", method.kind());
        put(b, "agentdbg.component", method.component());
        put(b, "agentdbg.rule", method.rule());
        if (span.async()) {
            b.put("agentdbg.async", true);
        }
        if (unfinished) {
            b.put("agentdbg.unfinished", true);
        }
        if (span.error() != null) {
            b.put("error.type", span.error().type());
        }
        return b.build();
    }

    /** The exception event's attributes, with the stack as Java prints it (the frames the agent kept). */
    private static Attributes exception(SpanError error) {
        AttributesBuilder b = Attributes.builder();
        b.put("exception.type", error.type());
        put(b, "exception.message", error.message());
        StringBuilder stack = new StringBuilder(error.headline());
        error.stack().forEach(frame -> stack.append("\n\tat ").append(frame));
        if (error.framesOmitted() > 0) {
            stack.append("\n\t... ").append(error.framesOmitted()).append(" more");
        }
        if (error.causeHeadline() != null) {
            stack.append("\nCaused by: ").append(error.causeHeadline());
        }
        b.put("exception.stacktrace", stack.toString());
        return b.build();
    }

    /** A JSON attribute value as the closest OTLP value: string, int, double, bool or a homogeneous array. */
    static void putJson(AttributesBuilder b, String key, JsonNode v) {
        if (v == null || v.isNull()) {
            return;
        }
        if (v.isTextual()) {
            b.put(key, v.asText());
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            b.put(key, v.longValue());
        } else if (v.isNumber()) {
            b.put(key, v.doubleValue());
        } else if (v.isBoolean()) {
            b.put(key, v.booleanValue());
        } else if (v.isArray() && allTextual(v)) {
            List<String> values = new ArrayList<>();
            v.forEach(e -> values.add(e.asText()));
            b.put(AttributeKey.stringArrayKey(key), values);
        } else {
            // Objects and mixed arrays have no OTLP attribute type the back-ends show: keep them as their JSON.
            b.put(key, v.toString());
        }
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static void put(AttributesBuilder b, String key, String value) {
        if (value != null && !value.isEmpty()) {
            b.put(key, value);
        }
    }
}
