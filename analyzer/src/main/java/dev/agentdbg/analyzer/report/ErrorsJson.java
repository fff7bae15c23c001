package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.errors.ErrorsReport;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;

/** Renders the {@code errors} command's JSON document; the shape is documented in docs/analyzer.md. */
public final class ErrorsJson {

    private ErrorsJson() {
    }

    public static void render(Summary s, ErrorsReport r, int top, PrintWriter out) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("schema", JsonReport.SCHEMA);
        root.set("input", JsonReport.input(s));
        ArrayNode warnings = root.putArray("warnings");
        s.warnings().forEach(warnings::add);
        root.put("runStartNanos", s.wall().start());
        root.put("filterStartNanos", r.filterStart());
        root.put("spans", r.spans());
        root.put("failures", r.failures());
        root.put("errorResults", r.errorResults());
        root.put("groupCount", r.groups().size());
        root.put("ungrouped", r.ungrouped());
        root.put("pathsCut", r.pathsCut());
        ArrayNode groups = root.putArray("groups");
        for (ErrorsReport.Group g : r.groups().subList(0, Math.min(top, r.groups().size()))) {
            ObjectNode n = groups.addObject();
            n.put("type", g.type());
            n.put("message", g.message());
            n.put("errorResult", g.errorResult());
            n.put("name", g.name());
            n.put("method", g.method().displayName());
            n.put("class", g.method().className());
            n.put("kind", g.method().kind());
            n.put("component", g.method().component());
            n.put("source", g.method().sourceLocation());
            n.put("topFrame", g.topFrame());
            n.put("count", g.count());
            n.put("traces", g.traces());
            n.put("tracesCapped", g.tracesCapped());
            n.put("firstStartNanos", g.firstStart());
            n.put("firstOffsetNanos", g.firstStart() - s.wall().start());
            n.put("lastStartNanos", g.lastStart());
            n.put("lastOffsetNanos", g.lastStart() - s.wall().start());
            Span sample = g.sample();
            ObjectNode sn = n.putObject("sample");
            sn.put("trace", sample.trace());
            sn.put("span", sample.idHex());
            sn.put("parent", sample.parentHex());
            sn.put("thread", sample.thread());
            sn.put("startNanos", sample.start());
            sn.put("durationNanos", sample.dur());
            sn.set("error", JsonReport.error(sample.error()));
            ArrayNode path = n.putArray("path");
            g.path().forEach(path::add);
        }
        ArrayNode calls = root.putArray("calls");
        for (ErrorsReport.CallStats c : r.calls()) {
            calls.addObject().put("kind", c.kind()).put("name", c.name()).put("calls", c.count())
                    .put("failures", c.failures()).put("successRate", c.successRate())
                    .put("meanNanos", c.meanNanos()).put("p95Nanos", c.p95Nanos());
        }
        JsonReport.write(root, out);
    }
}
