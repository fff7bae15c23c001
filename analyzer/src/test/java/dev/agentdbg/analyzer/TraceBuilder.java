package dev.agentdbg.analyzer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes small synthetic trace files for cases the golden sample does not cover (orphans, huge traces, drops). */
final class TraceBuilder {

    static final long T0 = 1_795_307_412_345_678_000L;

    private final List<String> lines = new ArrayList<>();

    TraceBuilder run(String runId) {
        ObjectNode n = Traces.JSON.createObjectNode().put("type", "run").put("schema", 1).put("runId", runId)
                .put("part", 0).put("start", "2026-11-22T00:30:12.345678Z").put("startNanos", T0).put("pid", 7)
                .put("host", "test").put("command", "com.acme.Test");
        n.putObject("jvm").put("version", "17").put("vendor", "Test").put("name", "Test VM");
        return add(n);
    }

    TraceBuilder method(int id, String className, String method, String kind, String component) {
        return add(Traces.JSON.createObjectNode().put("type", "method").put("id", id).put("class", className)
                .put("method", method).put("desc", "()V").put("kind", kind).put("component", component)
                .put("rule", component));
    }

    /** A span of trace {@code trace} (1-based, expanded to 32 hex digits); {@code parent} 0 means root. */
    TraceBuilder span(int trace, long span, long parent, int method, long startOffset, long dur) {
        ObjectNode n = Traces.JSON.createObjectNode().put("type", "span")
                .put("trace", String.format("%032x", trace)).put("span", String.format("%016x", span));
        if (parent != 0) {
            n.put("parent", String.format("%016x", parent));
        }
        return add(n.put("method", method).put("thread", "main").put("threadId", 1).put("start", T0 + startOffset)
                .put("dur", dur).put("status", "ok"));
    }

    TraceBuilder stats(long spans, long dropped, long internalErrors) {
        return add(Traces.JSON.createObjectNode().put("type", "stats").put("final", true)
                .put("at", "2026-11-22T00:31:00Z").put("endNanos", T0 + 60_000_000_000L).put("spans", spans)
                .put("dropped", dropped).put("internalErrors", internalErrors).put("methodsInstrumented", 2)
                .put("classesTransformed", 2).put("transformFailures", 0).put("bytes", 1000).put("files", 1)
                .set("unmatchedRules", Traces.JSON.createArrayNode()));
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
