package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.inspect.Inspection;
import dev.agentdbg.analyzer.inspect.Listing;
import dev.agentdbg.analyzer.inspect.SpanRow;
import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanError;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.SkippedLine;
import java.io.PrintWriter;
import java.util.List;

/** The {@code --json} document of {@code inspect} (its shape is in docs/analyzer.md). */
public final class InspectJson {

    private InspectJson() {
    }

    public static void render(Listing l, SpanFilter filter, List<String> notes, PrintWriter out) {
        ObjectNode doc = JsonReport.MAPPER.createObjectNode();
        doc.put("schema", JsonReport.SCHEMA);
        doc.put("runId", l.runId());
        doc.put("runStartNanos", l.runStart());
        doc.put("spans", l.spans());
        doc.put("matched", l.matched());
        doc.put("listed", l.rows().size());
        ArrayNode rows = doc.putArray("list");
        l.rows().forEach(r -> rows.add(row(r, l.runStart())));
        warnings(doc, l.read(), notes, l.notes());
        JsonReport.write(doc, out);
    }

    public static void render(Inspection in, List<String> notes, PrintWriter out) {
        ObjectNode doc = JsonReport.MAPPER.createObjectNode();
        doc.put("schema", JsonReport.SCHEMA);
        doc.put("runId", in.runId());
        RunInfo run = in.run();
        doc.put("mode", run == null ? null : run.mode());
        doc.put("runStartNanos", in.runStart());
        ObjectNode span = row(new SpanRow(in.span(), in.method()), in.runStart());
        MethodInfo m = in.method();
        span.put("desc", m.desc());
        span.put("rule", m.rule());
        span.put("file", m.file());
        if (m.line() == null) {
            span.putNull("line");
        } else {
            span.put("line", m.line());
        }
        span.put("threadId", in.span().threadId());
        span.put("async", in.span().async());
        if (!in.span().attrs().isEmpty()) {
            ObjectNode attrs = span.putObject("attrs");
            in.span().attrs().asMap().forEach(attrs::set);
        }
        if (!in.span().args().isEmpty()) {
            ArrayNode args = span.putArray("args");
            in.span().args().forEach(args::add);
        }
        if (in.span().result() != null) {
            span.set("result", in.span().result());
        }
        doc.set("span", span);
        ArrayNode replayed = doc.putArray("replayed");
        for (Replayed r : in.replayed()) {
            replayed.addObject().put("kind", r.kind()).put("call", r.call()).put("source", r.source())
                    .put("key", r.key());
        }
        ArrayNode exchanges = doc.putArray("exchanges");
        for (Exchange e : in.exchanges()) {
            ObjectNode n = exchanges.addObject().put("call", e.call()).put("endpoint", e.endpoint());
            if (e.status() == null) {
                n.putNull("status");
            } else {
                n.put("status", e.status());
            }
            n.put("replayable", e.unservableReason() == null).put("notReplayableBecause", e.unservableReason());
        }
        ArrayNode values = doc.putArray("values");
        for (RecordedValue v : in.values()) {
            values.addObject().put("outcome", v.outcome()).put("class", v.className()).put("key", v.key())
                    .put("replayable", v.unservableReason() == null).put("notReplayableBecause", v.unservableReason());
        }
        ArrayNode ancestors = doc.putArray("ancestors");
        in.ancestors().forEach(r -> ancestors.add(row(r, in.runStart())));
        doc.put("missingParent", in.missingParent() == 0 ? null : Span.hex(in.missingParent()));
        doc.put("missingParentRunning", in.parentRunning());
        doc.put("childrenTotal", in.childrenTotal());
        ArrayNode children = doc.putArray("children");
        in.children().forEach(r -> children.add(row(r, in.runStart())));
        if (in.tree() != null) {
            doc.set("tree", tree(in.tree(), in.runStart()));
        }
        warnings(doc, in.read(), notes, in.notes());
        JsonReport.write(doc, out);
    }

    private static ObjectNode tree(Inspection.Tree t, long runStart) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("span", t.row().span().idHex());
        n.put("name", CallNames.label(t.row().method(), t.row().span().attrs()));
        n.put("kind", t.row().method().kind());
        n.put("offsetNanos", t.row().span().start() - runStart);
        n.put("durationNanos", t.row().span().dur());
        n.put("status", t.row().span().isError() ? "error" : "ok");
        ArrayNode kids = n.putArray("children");
        t.children().forEach(c -> kids.add(tree(c, runStart)));
        n.put("hidden", t.hidden());
        return n;
    }

    private static ObjectNode row(SpanRow r, long runStart) {
        Span s = r.span();
        MethodInfo m = r.method();
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("span", s.idHex());
        n.put("trace", s.trace());
        n.put("parent", s.parentHex());
        n.put("name", CallNames.label(m, s.attrs()));
        n.put("class", m.className());
        n.put("method", m.method());
        n.put("kind", m.kind());
        n.put("component", m.component());
        n.put("source", m.sourceLocation());
        n.put("thread", s.thread());
        n.put("startNanos", s.start());
        n.put("offsetNanos", s.start() - runStart);
        n.put("durationNanos", s.dur());
        n.put("status", s.isError() ? "error" : "ok");
        SpanError e = s.error();
        if (e != null) {
            ObjectNode err = n.putObject("error");
            err.put("type", e.type());
            err.put("message", e.message());
            ArrayNode stack = err.putArray("stack");
            e.stack().forEach(stack::add);
            err.put("framesOmitted", e.framesOmitted());
            if (e.causeType() != null) {
                err.putObject("cause").put("type", e.causeType()).put("message", e.causeMessage());
            }
        }
        return n;
    }

    private static void warnings(ObjectNode doc, ReadReport read, List<String> notes, List<String> more) {
        ArrayNode w = doc.putArray("warnings");
        notes.forEach(w::add);
        more.forEach(w::add);
        read.notes().forEach(w::add);
        doc.put("skippedLines", read.skippedTotal());
        ArrayNode skipped = doc.putArray("skipped");
        for (SkippedLine line : read.skipped()) {
            skipped.add(line.describe());
        }
    }
}
