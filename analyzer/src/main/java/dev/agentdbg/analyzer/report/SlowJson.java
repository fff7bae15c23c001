package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.slow.SlowReport;
import dev.agentdbg.analyzer.slow.SlowSpan;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.List;

/** Renders the {@code slow} command's JSON document, documented in docs/analyzer.md. */
public final class SlowJson {

    private SlowJson() {
    }

    public static void render(SlowReport r, Summary.Selection sel, ReadReport read, List<String> notes,
                              PrintWriter out) {
        ObjectNode root = JsonHeader.document(sel, read, notes);
        ObjectNode threshold = root.putObject("threshold");
        threshold.put("percentile", r.percentile());
        threshold.put("nanos", r.absolute());
        SlowReport.Total t = r.total();
        root.putObject("total").put("roots", t.roots()).put("wallNanos", t.wall()).put("llmNanos", t.llm())
                .put("toolNanos", t.tool()).put("ownNanos", t.own());
        root.put("spansConsidered", r.considered());
        root.put("slowSpans", r.slow());
        long runStart = r.originNanos();
        ArrayNode spans = root.putArray("spans");
        for (SlowSpan s : r.spans()) {
            ObjectNode n = spans.addObject();
            n.put("trace", s.span().trace());
            n.put("span", s.span().idHex());
            n.put("parent", s.span().parentHex());
            n.put("class", s.method().className());
            n.put("method", s.method().method());
            n.put("kind", s.method().kind());
            n.put("component", s.method().component());
            n.put("thread", s.span().thread());
            n.put("offsetNanos", runStart == 0 ? null : s.span().start() - runStart);
            n.put("durNanos", s.span().dur());
            n.put("thresholdNanos", s.threshold());
            n.put("llmNanos", s.llm());
            n.put("toolNanos", s.tool());
            n.put("ownNanos", s.own());
            n.put("toolCalls", s.toolCalls());
            n.put("serialTools", s.serialTools());
            n.put("serialSavableNanos", s.serialSavable());
            n.put("verdict", s.verdict().key());
            n.put("failed", s.span().isError());
        }
        SlowReport.Cut c = r.cut();
        root.putObject("cut").put("intervals", c.intervals()).put("children", c.children())
                .put("orphanParents", c.orphanParents()).put("lateTotal", c.lateTotal());
        JsonReport.write(root, out);
    }
}
