package dev.agentdbg.analyzer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small synthetic trace files for cases the golden sample does not cover (orphans, huge traces, drops, LLM
 * attributes and payloads).
 */
final class TraceBuilder {

    static final long T0 = 1_795_307_412_345_678_000L;

    private final List<String> lines = new ArrayList<>();

    TraceBuilder run(String runId) {
        return run(runId, 0, 7, "test", "com.acme.Test");
    }

    TraceBuilder run(String runId, int part, long pid, String host, String command) {
        ObjectNode n = Traces.JSON.createObjectNode().put("type", "run").put("schema", 1).put("runId", runId)
                .put("part", part).put("start", "2026-11-22T00:30:12.345678Z").put("startNanos", T0).put("pid", pid)
                .put("host", host).put("command", command);
        n.putObject("jvm").put("version", "17.0.15").put("vendor", "Debian").put("name", "OpenJDK 64-Bit Server VM");
        n.put("agentVersion", "0.1.0-SNAPSHOT");
        return add(n);
    }

    TraceBuilder method(int id, String className, String method, String kind, String component) {
        return add(Traces.JSON.createObjectNode().put("type", "method").put("id", id).put("class", className)
                .put("method", method).put("desc", "()V").put("kind", kind).put("component", component)
                .put("rule", component));
    }

    /** A span of trace {@code trace} (1-based, expanded to 32 hex digits); {@code parent} 0 means root. */
    TraceBuilder span(int trace, long span, long parent, int method, long startOffset, long dur) {
        return span(String.format("%032x", trace), String.format("%016x", span),
                parent == 0 ? null : String.format("%016x", parent), method, "main", startOffset, dur);
    }

    /** A span with the ids as written in the file; {@code parent} {@code null} means root. */
    TraceBuilder span(String trace, String span, String parent, int method, String thread, long startOffset,
                      long dur) {
        return add(call("span", trace, span, parent, method, thread, startOffset).put("dur", dur).put("status", "ok"));
    }

    /** A span whose parent ran on another thread ({@code "async":true}): work handed to an executor or a thread. */
    TraceBuilder asyncSpan(String trace, String span, String parent, int method, String thread, long startOffset,
                           long dur) {
        return add(call("span", trace, span, parent, method, thread, startOffset).put("dur", dur).put("status", "ok")
                .put("async", true));
    }

    /** A {@code start} record: the call began; its span record comes when it ends, if it does. */
    TraceBuilder start(int trace, long span, long parent, int method, long startOffset) {
        return start(String.format("%032x", trace), String.format("%016x", span),
                parent == 0 ? null : String.format("%016x", parent), method, "main", startOffset);
    }

    TraceBuilder start(String trace, String span, String parent, int method, String thread, long startOffset) {
        return add(call("start", trace, span, parent, method, thread, startOffset));
    }

    private static ObjectNode call(String type, String trace, String span, String parent, int method, String thread,
                                   long startOffset) {
        ObjectNode n = Traces.JSON.createObjectNode().put("type", type).put("trace", trace).put("span", span);
        if (parent != null) {
            n.put("parent", parent);
        }
        return n.put("method", method).put("thread", thread).put("threadId", "main".equals(thread) ? 1 : 23)
                .put("start", T0 + startOffset);
    }

    TraceBuilder stats(long spans, long dropped, long internalErrors) {
        return add(Traces.JSON.createObjectNode().put("type", "stats").put("final", true)
                .put("at", "2026-11-22T00:31:00Z").put("endNanos", T0 + 60_000_000_000L).put("spans", spans)
                .put("dropped", dropped).put("internalErrors", internalErrors).put("methodsInstrumented", 2)
                .put("classesTransformed", 2).put("transformFailures", 0).put("bytes", 1000).put("files", 1)
                .set("unmatchedRules", Traces.JSON.createArrayNode()));
    }

    /** The stats record the agent writes at the end of a part closed by rotation. */
    TraceBuilder rotationStats(long endOffset, long spans) {
        return add(Traces.JSON.createObjectNode().put("type", "stats").put("final", false)
                .put("at", "2026-11-22T00:30:20Z").put("endNanos", T0 + endOffset).put("spans", spans)
                .put("dropped", 0).put("internalErrors", 0).put("methodsInstrumented", 2)
                .put("classesTransformed", 2).put("transformFailures", 0).put("bytes", 1000).put("files", 1));
    }

    /** Sets {@code field} of the last record to {@code value} (any JSON, e.g. {@code args} or a malformed value). */
    TraceBuilder set(String field, Object value) {
        ObjectNode last = (ObjectNode) Traces.parse(lines.remove(lines.size() - 1));
        last.set(field, Traces.JSON.valueToTree(value));
        return add(last);
    }

    /** Gives the last span or start record these {@code attrs}: key, value, key, value, ... in the order written. */
    TraceBuilder attrs(Object... keysAndValues) {
        ObjectNode attrs = Traces.JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            attrs.set((String) keysAndValues[i], Traces.JSON.valueToTree(keysAndValues[i + 1]));
        }
        return set("attrs", attrs);
    }

    /** Makes the last span a failure that threw {@code type} with {@code message}. */
    TraceBuilder failed(String type, String message) {
        ObjectNode error = Traces.JSON.createObjectNode().put("type", type).put("message", message);
        error.putArray("stack");
        return set("status", "error").set("error", error);
    }

    TraceBuilder line(String raw) {
        lines.add(raw);
        return this;
    }

    Path writeTo(Path file) throws IOException {
        return Traces.write(file, lines);
    }

    private TraceBuilder add(ObjectNode node) {
        try {
            lines.add(Traces.JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
