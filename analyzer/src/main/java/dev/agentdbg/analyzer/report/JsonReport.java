package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanAttributes;
import dev.agentdbg.analyzer.model.SpanError;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders a {@link Summary} as one JSON document ({@code summary --json}); the shape is documented in
 * docs/analyzer.md and versioned by {@link #SCHEMA}. Times are epoch nanoseconds, durations nanoseconds.
 */
public final class JsonReport {

    /** Version of this document's shape; bumped only when a change would break a reader. */
    public static final int SCHEMA = 1;

    static final ObjectMapper MAPPER = new ObjectMapper();

    // "key": value and one array element per line, the layout of jq and most JSON tools.
    static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    private JsonReport() {
    }

    public static void render(Summary s, PrintWriter out) {
        write(toJson(s), out);
    }

    /** Prints {@code document} pretty-printed, the layout every JSON document of the analyzer has. */
    static void write(ObjectNode document, PrintWriter out) {
        try {
            out.println(MAPPER.writer(PRETTY).writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    static ObjectNode toJson(Summary s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("input", input(s));
        root.set("run", run(s.run()));
        Summary.Wall w = s.wall();
        ObjectNode wall = root.putObject("wall");
        wall.put("startNanos", w.start());
        wall.put("endNanos", w.end());
        wall.put("durationNanos", w.durationNanos());
        wall.put("firstSpanStartNanos", w.firstSpanStart());
        wall.put("lastSpanEndNanos", w.lastSpanEnd());
        wall.put("basis", w.basis());
        root.set("agentStats", stats(s.stats()));
        ArrayNode agentErrors = root.putArray("agentErrors");
        for (AgentError e : s.agentErrors()) {
            agentErrors.addObject().put("where", e.where()).put("message", e.message()).put("count", e.count());
        }
        strings(root.putArray("warnings"), s.warnings());
        ObjectNode spans = root.putObject("spans");
        spans.put("total", s.spanCount());
        spans.put("errors", s.errorCount());
        spans.put("unfinished", s.unfinishedCount());
        ObjectNode byKind = spans.putObject("byKind");
        s.byKind().forEach(r -> byKind.put(r.name(), r.count()));
        root.set("llm", s.llm().isEmpty() ? null : LlmJson.summaryTotals(s.llm()));
        root.set("replay", ReplayJson.facts(s.replay()));
        if (s.debug() != null && s.debug().any()) { // only runs paused in the live debugger have the key
            ObjectNode debugger = root.putObject("debugger");
            debugger.put("pauses", s.debug().pauses());
            debugger.put("pausedNanos", s.debug().pausedNanos());
            ArrayNode edits = debugger.putArray("edits");
            for (dev.agentdbg.analyzer.model.DebugEvent e : s.debug().edits()) {
                ObjectNode edit = edits.addObject();
                edit.put("span", String.format("%016x", e.span()));
                edit.put("target", e.target());
                edit.put("before", e.before());
                edit.put("after", e.after());
            }
            ArrayNode warnings = debugger.putArray("warnings");
            s.debug().warnings().forEach(warnings::add);
        }
        ObjectNode breakdown = root.putObject("breakdown");
        rows(breakdown.putArray("byKind"), s.byKind());
        rows(breakdown.putArray("byComponent"), s.byComponent());
        rows(breakdown.putArray("byMethod"), s.byMethod());
        ArrayNode never = root.putArray("neverCalled");
        s.neverCalled().forEach(m -> method(never.addObject(), m.displayName(), m).put("rule", m.rule())
                .put("source", m.sourceLocation()));
        ArrayNode slowest = root.putArray("slowest");
        s.slowest().forEach(ref -> span(slowest.addObject(), ref, s));
        ObjectNode errors = root.putObject("errors");
        errors.put("total", s.errorCount());
        ArrayNode listed = errors.putArray("listed");
        s.errors().forEach(ref -> span(listed.addObject(), ref, s));
        ArrayNode groups = errors.putArray("groups");
        for (Summary.ErrorGroup g : s.errorGroups()) {
            method(groups.addObject(), g.name(), g.method()).put("type", g.type()).put("count", g.count())
                    .put("firstMessage", g.firstMessage());
        }
        ArrayNode unfinished = root.putArray("unfinished");
        s.unfinished().forEach(u -> unfinished(unfinished.addObject(), u, s.wall().start()));
        root.set("timeline", s.timeline() == null ? null : timeline(s));
        root.set("parallel", parallel(s));
        root.put("parallelTotal", s.parallel().total());
        return root;
    }

    static ObjectNode input(Summary s) {
        ObjectNode input = MAPPER.createObjectNode();
        Summary.Selection sel = s.selection();
        input.put("path", sel.input().toString());
        input.put("directory", sel.directory());
        input.put("runId", sel.runId());
        input.put("newestRun", sel.newest());
        strings(input.putArray("otherRuns"), sel.otherRunIds());
        ArrayNode files = input.putArray("files");
        for (ReadReport.FileRead f : s.read().files()) {
            files.addObject().put("path", f.path().toString()).put("part", f.part()).put("lines", f.lines());
        }
        input.put("linesSkipped", s.read().skippedTotal());
        input.put("valuesIgnored", s.read().ignoredValues());
        ArrayNode skipped = input.putArray("skippedLines");
        for (SkippedLine l : s.read().skipped()) {
            skipped.addObject().put("file", l.file().toString()).put("line", l.line()).put("reason", l.reason());
        }
        return input;
    }

    private static ObjectNode run(RunInfo r) {
        if (r == null) {
            return null;
        }
        ObjectNode run = MAPPER.createObjectNode();
        run.put("runId", r.runId());
        run.put("schema", r.schema());
        run.put("command", r.command());
        run.put("pid", r.pid());
        run.put("host", r.host());
        run.putObject("jvm").put("version", r.jvmVersion()).put("vendor", r.jvmVendor()).put("name", r.jvmName());
        run.put("agentVersion", r.agentVersion());
        run.put("start", r.start());
        run.put("startNanos", r.startNanos());
        ObjectNode config = run.putObject("config");
        r.config().forEach(config::put);
        strings(run.putArray("rules"), r.ruleNames());
        strings(run.putArray("configWarnings"), r.warnings());
        run.put("mode", r.mode());
        run.put("replayOf", r.replayOf());
        return run;
    }

    private static ObjectNode stats(AgentStats st) {
        if (st == null) {
            return null;
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("final", st.isFinal());
        n.put("at", st.at());
        n.put("endNanos", st.endNanos());
        n.put("spans", st.spans());
        n.put("dropped", st.dropped());
        n.put("internalErrors", st.internalErrors());
        n.put("methodsInstrumented", st.methodsInstrumented());
        n.put("classesTransformed", st.classesTransformed());
        n.put("transformFailures", st.transformFailures());
        if (st.captureSkipped() > 0) {
            n.put("captureSkipped", st.captureSkipped());
        }
        if (st.memoryMax() > 0) {
            n.put("memoryMax", st.memoryMax());
            n.put("memoryPeak", st.memoryPeak());
            n.put("droppedByMemory", st.droppedByMemory());
            n.put("droppedAtExit", st.droppedAtExit());
        }
        n.put("bytes", st.bytes());
        n.put("files", st.files());
        if (st.unmatchedRules() == null) {
            n.putNull("unmatchedRules");
        } else {
            strings(n.putArray("unmatchedRules"), st.unmatchedRules());
        }
        return n;
    }

    private static void rows(ArrayNode array, List<Summary.BreakdownRow> rows) {
        for (Summary.BreakdownRow r : rows) {
            ObjectNode n = array.addObject();
            n.put("name", r.name());
            n.put("kind", r.kind());
            if (r.component() != null) {
                n.put("component", r.component());
            }
            if (r.method() != null) {
                n.put("class", r.method().className());
                n.put("method", r.method().method());
                n.put("agentName", r.agentName());
                n.put("toolName", r.toolName());
            }
            n.put("count", r.count());
            n.put("errors", r.errors());
            n.put("totalNanos", r.totalNanos());
            n.put("selfNanos", r.selfNanos());
            n.put("p50Nanos", r.p50Nanos());
            n.put("p95Nanos", r.p95Nanos());
        }
    }

    /** {@code name} is the label the text shows: the method, or the agent or tool name and the method. */
    private static ObjectNode method(ObjectNode n, String name, MethodInfo m) {
        return n.put("name", name).put("class", m.className()).put("method", m.method())
                .put("kind", m.kind()).put("component", m.component());
    }

    /** The attributes as the trace carried them (malformed values left out), or {@code null} when there were none. */
    private static ObjectNode attrs(SpanAttributes attrs) {
        if (attrs.isEmpty()) {
            return null;
        }
        ObjectNode n = MAPPER.createObjectNode();
        attrs.asMap().forEach(n::set);
        return n;
    }

    private static void span(ObjectNode n, Summary.SpanRef ref, Summary summary) {
        long runStart = summary.wall().start();
        Span s = ref.span();
        n.put("trace", s.trace());
        n.put("span", s.idHex());
        n.put("parent", s.parentHex());
        method(n, CallNames.label(ref.method(), s.attrs()), ref.method());
        n.put("thread", s.thread());
        n.put("startNanos", s.start());
        n.put("offsetNanos", s.start() - runStart);
        n.put("durationNanos", s.dur());
        n.put("selfNanos", ref.selfNanos());
        n.put("status", s.isError() ? "error" : "ok");
        if (s.isError()) {
            n.set("error", error(s.error()));
        }
        n.put("replayed", summary.servedFrom(s) != null);
        n.set("attrs", attrs(s.attrs()));
    }

    private static void unfinished(ObjectNode n, Summary.UnfinishedCall u, long runStart) {
        unfinished(n, u.call(), u.method(), u.depth(), u.runningNanos(), runStart);
    }

    /** A call still running at the end of the run, as {@code unfinished} lists it; the {@code llm} document too. */
    static void unfinished(ObjectNode n, CallStart c, MethodInfo m, int depth, long runningNanos, long runStart) {
        n.put("trace", c.trace());
        n.put("span", c.idHex());
        n.put("parent", c.parentHex());
        method(n, CallNames.label(m, c.attrs()), m);
        n.put("depth", depth);
        n.put("thread", c.thread());
        n.put("startNanos", c.start());
        n.put("offsetNanos", c.start() - runStart);
        n.put("runningNanos", runningNanos);
        n.put("status", "running");
        n.set("attrs", attrs(c.attrs()));
    }

    static ObjectNode error(SpanError e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", e.type());
        n.put("message", e.message());
        strings(n.putArray("stack"), e.stack());
        n.put("framesOmitted", e.framesOmitted());
        if (e.causeType() != null) {
            n.putObject("cause").put("type", e.causeType()).put("message", e.causeMessage());
        }
        return n;
    }

    private static ObjectNode timeline(Summary s) {
        Summary.Timeline t = s.timeline();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("totalTraces", t.totalTraces());
        n.put("failingTraces", t.failedTraces());
        n.put("hiddenTraces", t.hiddenTraces());
        n.put("hiddenFailing", t.hiddenFailed());
        ObjectNode chosen = n.putObject("chosen");
        chosen.put("first", t.first());
        chosen.put("slowest", t.slowest());
        chosen.put("failing", t.failed());
        ArrayNode traces = n.putArray("traces");
        for (Summary.TimelineTrace trace : t.traces()) {
            ObjectNode tn = traces.addObject();
            tn.put("trace", trace.trace());
            tn.put("thread", trace.thread());
            tn.put("startNanos", trace.start());
            tn.put("durationNanos", trace.end() - trace.start());
            tn.put("spans", trace.spanCount());
            tn.put("errors", trace.errorCount());
            tn.put("unfinished", trace.unfinishedCount());
            tn.put("hiddenSpans", trace.hiddenSpans());
            ArrayNode shownAs = tn.putArray("shownAs");
            trace.shownAs().forEach(shownAs::add);
            ArrayNode lines = tn.putArray("lines");
            for (Summary.TimelineLine line : trace.lines()) {
                Span span = line.span();
                ObjectNode ln = lines.addObject();
                ln.put("depth", line.depth());
                ln.put("span", span.idHex());
                ln.put("parent", span.parentHex());
                method(ln, CallNames.label(line.method(), span.attrs()), line.method());
                ln.put("offsetNanos", span.start() - trace.start());
                ln.put("durationNanos", span.dur());
                ln.put("status", line.running() ? "running" : span.isError() ? "error" : "ok");
                ln.put("errorType", span.isError() ? span.error().type() : null);
                ln.put("orphan", line.orphan());
                ln.put("thread", span.thread());
                ln.put("async", span.async());
                ln.put("parallel", line.parallel());
                ln.put("replayed", s.servedFrom(span) != null);
                ln.set("attrs", attrs(span.attrs()));
            }
        }
        return n;
    }

    private static ArrayNode parallel(Summary s) {
        ArrayNode spans = MAPPER.createArrayNode();
        for (Summary.ParallelSpan p : s.parallel().spans()) {
            Span span = p.span();
            ObjectNode pn = spans.addObject();
            pn.put("trace", span.trace());
            pn.put("span", span.idHex());
            method(pn, CallNames.label(p.method(), span.attrs()), p.method());
            pn.put("startNanos", span.start());
            pn.put("offsetNanos", span.start() - s.wall().start());
            pn.put("wallNanos", span.dur());
            pn.put("childrenNanos", p.childrenNanos());
            pn.put("children", p.children());
            pn.put("parallelism", Math.round(p.parallelism() * 1000) / 1000.0);
            pn.put("overlapping", p.overlapping());
            pn.put("asyncChildren", p.asyncChildren());
            strings(pn.putArray("threads"), p.threads());
            pn.put("moreThreads", p.moreThreads());
        }
        return spans;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
