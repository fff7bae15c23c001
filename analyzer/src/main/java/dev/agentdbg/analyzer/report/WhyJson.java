package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.why.WhyReport;
import dev.agentdbg.analyzer.why.WhyReport.Caller;
import dev.agentdbg.analyzer.why.WhyReport.ClassEvidence;
import dev.agentdbg.analyzer.why.WhyReport.MethodCalls;
import dev.agentdbg.analyzer.why.WhyReport.RuleMiss;
import dev.agentdbg.analyzer.why.WhyReport.RuleState;
import dev.agentdbg.analyzer.why.WhyReport.SpanRef;
import java.io.PrintWriter;
import java.util.List;

/** Renders the {@code why} command's JSON document, documented in docs/analyzer.md. */
public final class WhyJson {

    private WhyJson() {
    }

    public static void render(WhyReport r, Summary.Selection sel, ReadReport read, List<String> notes,
                              PrintWriter out) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("schema", JsonReport.SCHEMA);
        ObjectNode input = root.putObject("input");
        input.put("path", sel.input().toString());
        input.put("runId", sel.runId());
        ArrayNode others = input.putArray("otherRuns");
        sel.otherRunIds().forEach(others::add);
        input.put("linesSkipped", read.skippedTotal());
        ArrayNode skipped = input.putArray("skippedLines");
        for (SkippedLine l : read.skipped()) {
            skipped.addObject().put("file", l.file().toString()).put("line", l.line()).put("reason", l.reason());
        }
        ArrayNode warnings = root.putArray("warnings");
        notes.forEach(warnings::add);
        read.notes().forEach(warnings::add);
        r.notes().forEach(warnings::add);
        root.put("target", r.target());
        root.put("verdict", r.verdict().key());
        root.put("headline", r.headline());
        root.putObject("calls").put("total", r.counts().calls()).put("ok", r.counts().ok())
                .put("failed", r.counts().failed()).put("early", r.counts().early())
                .put("filteredOut", r.counts().filteredOut());
        ObjectNode early = root.putObject("earlyReasons");
        r.earlyReasons().forEach(early::put);
        callers(root.putArray("callers"), r.callers());
        ArrayNode methods = root.putArray("methods");
        r.methods().forEach(m -> method(methods.addObject(), m));
        ArrayNode errors = root.putArray("errors");
        for (WhyReport.ErrorGroup g : r.errors()) {
            ObjectNode e = errors.addObject();
            e.put("type", g.error().type());
            e.put("message", g.error().message());
            e.put("count", g.count());
            e.put("span", g.first().span());
            ArrayNode stack = e.putArray("stack");
            g.error().stack().forEach(stack::add);
            e.put("cause", g.error().causeHeadline());
        }
        ObjectNode spans = root.putObject("spans");
        spans(spans.putArray("failed"), r.failedSpans());
        spans(spans.putArray("early"), r.earlySpans());
        spans(spans.putArray("ok"), r.okSpans());
        ArrayNode rules = root.putArray("rules");
        for (RuleState s : r.rules()) {
            ObjectNode n = rules.addObject().put("name", s.name()).put("kind", s.kind())
                    .put("conditions", s.conditions());
            if (s.matchedAny() == null) {
                n.putNull("matchedAny");
            } else {
                n.put("matchedAny", s.matchedAny());
            }
        }
        ArrayNode classes = root.putArray("classes");
        for (ClassEvidence c : r.classes()) {
            ObjectNode n = classes.addObject();
            n.put("class", c.seen().className());
            n.put("outcome", c.seen().outcome());
            ArrayNode near = n.putArray("rules");
            c.seen().rules().forEach(near::add);
            n.put("reason", c.seen().reason());
            ArrayNode declared = n.putArray("methods");
            c.seen().methods().forEach(declared::add);
            ArrayNode misses = n.putArray("misses");
            c.misses().forEach(m -> miss(misses.addObject(), m));
        }
        if (r.closest() == null) {
            root.putNull("closestRule");
        } else {
            miss(root.putObject("closestRule"), r.closest());
        }
        ArrayNode siblings = root.putArray("ranInstead");
        r.siblings().forEach(m -> method(siblings.addObject(), m));
        JsonReport.write(root, out);
    }

    private static void method(ObjectNode n, MethodCalls m) {
        n.put("class", m.method().className());
        n.put("method", m.method().method());
        n.put("kind", m.method().kind());
        n.put("component", m.method().component());
        n.put("rule", m.method().rule());
        n.put("calls", m.calls());
        n.put("failed", m.failed());
        callers(n.putArray("callers"), m.callers());
    }

    private static void callers(ArrayNode into, List<Caller> callers) {
        callers.forEach(c -> into.addObject().put("name", c.name()).put("calls", c.calls()));
    }

    private static void miss(ObjectNode n, RuleMiss m) {
        n.put("rule", m.rule());
        n.put("conditions", m.conditions());
        n.put("kind", m.kind());
        n.put("class", m.className());
        ArrayNode reasons = n.putArray("reasons");
        m.reasons().forEach(reasons::add);
        n.put("closestMethod", m.closestMethod());
    }

    private static void spans(ArrayNode into, List<SpanRef> spans) {
        for (SpanRef s : spans) {
            into.addObject().put("trace", s.trace()).put("span", s.span()).put("parent", s.parent())
                    .put("name", s.name()).put("durNanos", s.durNanos())
                    .put("offsetNanos", s.offsetNanos() < 0 ? null : s.offsetNanos());
        }
    }
}
