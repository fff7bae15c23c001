package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.llm.LlmReport;
import dev.agentdbg.analyzer.llm.ModelStats;
import dev.agentdbg.analyzer.llm.ToolStats;
import dev.agentdbg.analyzer.stats.DurationDistribution;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;

/**
 * Renders the {@code llm} command's JSON document and the {@code llm} totals of the summary's; both shapes are
 * documented in docs/analyzer.md. Token and cost fields have the same names in both.
 */
public final class LlmJson {

    private LlmJson() {
    }

    public static void render(Summary s, PrintWriter out) {
        JsonReport.write(toJson(s), out);
    }

    /** The {@code llm --json} document. */
    static ObjectNode toJson(Summary s) {
        LlmReport llm = s.llm();
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("schema", JsonReport.SCHEMA);
        root.set("input", JsonReport.input(s));
        ArrayNode warnings = root.putArray("warnings");
        s.warnings().forEach(warnings::add);
        ArrayNode models = root.putArray("models");
        for (ModelStats m : llm.models()) {
            ObjectNode n = models.addObject().put("model", m.model()).put("provider", m.provider());
            usage(n, m);
            n.set("latency", latency(m.latency()));
            n.set("finishReasons", finishReasons(m));
        }
        ObjectNode total = usage(root.putObject("total"), llm.total());
        total.put("unfinished", llm.unfinished().size());
        total.set("latency", latency(llm.total().latency()));
        total.set("finishReasons", finishReasons(llm.total()));
        ArrayNode tools = root.putArray("tools");
        for (ToolStats t : llm.tools()) {
            ObjectNode n = tools.addObject().put("name", t.name()).put("toolName", t.toolName());
            n.put("class", t.method() == null ? null : t.method().className());
            n.put("method", t.method() == null ? null : t.method().method());
            tool(n, t);
        }
        tool(root.putObject("toolTotal"), llm.toolTotal());
        ArrayNode unfinished = root.putArray("unfinished");
        for (LlmReport.Unfinished u : llm.unfinished()) {
            ObjectNode n = unfinished.addObject();
            JsonReport.unfinished(n, u.call(), u.method(), u.depth(), u.runningNanos(), s.wall().start());
            n.put("model", u.model());
        }
        return root;
    }

    /** The summary's {@code llm} object: the totals of the {@code llm} document, tool calls included. */
    static ObjectNode summaryTotals(LlmReport llm) {
        ObjectNode n = usage(JsonReport.MAPPER.createObjectNode(), llm.total());
        n.put("unfinished", llm.unfinished().size());
        n.put("toolCalls", llm.toolTotal().calls());
        n.put("toolFailures", llm.toolTotal().failures());
        return n;
    }

    private static ObjectNode usage(ObjectNode n, ModelStats m) {
        n.put("calls", m.calls());
        n.put("errors", m.errors());
        n.put("callsWithUsage", m.callsWithUsage());
        n.put("inputTokens", m.inputTokens());
        n.put("cachedInputTokens", m.cachedInputTokens());
        n.put("cacheCreationInputTokens", m.cacheCreationInputTokens());
        n.put("outputTokens", m.outputTokens());
        n.put("reasoningTokens", m.reasoningTokens());
        n.put("costUsd", m.costUsd());
        n.put("callsWithCost", m.callsWithCost());
        return n;
    }

    private static void tool(ObjectNode n, ToolStats t) {
        n.put("calls", t.calls());
        n.put("failures", t.failures());
        n.set("latency", latency(t.latency()));
    }

    private static ObjectNode latency(DurationDistribution d) {
        return JsonReport.MAPPER.createObjectNode().put("p50Nanos", d.percentile(50)).put("p95Nanos", d.percentile(95))
                .put("p99Nanos", d.percentile(99)).put("maxNanos", d.max());
    }

    private static ObjectNode finishReasons(ModelStats m) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        m.finishReasons().forEach(n::put);
        return n;
    }
}
