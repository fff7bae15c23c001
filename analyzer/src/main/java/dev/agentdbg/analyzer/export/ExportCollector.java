package dev.agentdbg.analyzer.export;

import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.TimeOrigin;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands the spans the filter selects to a {@link SpanWriter} as the trace is read, and at the end the calls that
 * never ended, as running to the end of the run. It keeps only the method table and the calls still open (the
 * agent writes a start record for agent, llm and tool calls, and the span when each ends), never the spans.
 */
public final class ExportCollector implements TraceListener {

    private final SpanWriter writer;
    private final SpanFilter filter;
    private final TimeOrigin origin = new TimeOrigin();
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final Map<Long, CallStart> open = new LinkedHashMap<>();
    private boolean begun;
    private long lastNanos;
    private long exported;
    private long unfinished;

    public ExportCollector(SpanWriter writer, SpanFilter filter) {
        this.writer = writer;
        this.filter = filter;
    }

    /** Payloads are not exported: the reader skips them unparsed. */
    @Override
    public boolean wantsPayloads() {
        return false;
    }

    @Override
    public void run(RunInfo run, TraceFile file) {
        if (!begun) {
            begun = true;
            io(() -> writer.begin(run));
        }
    }

    @Override
    public void method(MethodInfo method) {
        methods.put(method.id(), method);
    }

    @Override
    public void start(CallStart start) {
        ensureBegun();
        origin.start(start);
        open.put(start.id(), start);
        lastNanos = Math.max(lastNanos, start.start());
        writer.start(start);
    }

    @Override
    public void span(Span span) {
        ensureBegun();
        origin.span(span);
        open.remove(span.id());
        lastNanos = Math.max(lastNanos, span.end());
        writer.ended(span);
        MethodInfo method = method(span.method());
        if (filter.test(span, method, origin.nanos())) {
            exported++;
            io(() -> writer.span(span, method, false));
        }
    }

    /** Writes the calls still open, as running until the last instant the trace shows, and flushes the writer. */
    public void finish() throws IOException {
        ensureBegun();
        for (CallStart start : open.values()) {
            Span span = start.asSpan(Math.max(0, lastNanos - start.start()));
            MethodInfo method = method(span.method());
            if (filter.test(span, method, origin.nanos())) {
                exported++;
                unfinished++;
                writer.span(span, method, true);
            }
        }
        open.clear();
        writer.finish();
    }

    /** Spans handed to the writer, unfinished calls included. */
    public long exported() {
        return exported;
    }

    public long unfinished() {
        return unfinished;
    }

    private MethodInfo method(int id) {
        MethodInfo m = methods.get(id);
        return m != null ? m : MethodInfo.unknown(id);
    }

    /** A trace whose run record was lost (a damaged first line) is still exported, as an anonymous run. */
    private void ensureBegun() {
        if (!begun) {
            run(new RunInfo(RunInfo.SUPPORTED_SCHEMA, "unknown", 0, null, 0, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null), null);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
