package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.llm.LlmReport;
import dev.agentdbg.analyzer.llm.ModelStats;
import dev.agentdbg.analyzer.llm.ToolStats;
import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.stats.DurationDistribution;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;

/** Renders the {@code llm} command's report: LLM calls by model, tool calls by tool, unfinished LLM calls. */
public final class LlmText {

    static final String UNKNOWN_MODEL = "(unknown model)";

    private LlmText() {
    }

    /** Renders the report within {@code width} columns; {@link Integer#MAX_VALUE} shortens nothing. */
    public static void render(Summary s, PrintWriter target, int width) {
        PrintWriter out = FittedWriter.around(target, width);
        LlmReport llm = s.llm();
        if (llm.isEmpty()) {
            out.println("No LLM or tool calls in run " + s.selection().runId()
                    + ": it has no span of kind llm or tool.");
            out.flush();
            return;
        }
        TextReport.header(s, "agentdbg LLM report of run ", out);
        TextReport.warnings(s, out);
        models(llm, out, width);
        tools(llm, out, width);
        unfinished(s, llm, out, width);
        out.flush();
    }

    private static void models(LlmReport llm, PrintWriter out, int width) {
        ModelStats t = llm.total();
        String unfinished = llm.unfinished().isEmpty() ? "" : ", " + llm.unfinished().size() + " unfinished";
        TextReport.section(out, "LLM calls by model (" + t.calls() + " calls, " + t.errors() + " failed" + unfinished
                + ")");
        if (t.calls() == 0) {
            out.println(TextReport.INDENT + "none finished");
            return;
        }
        TextTable usage = new TextTable("~model", "~provider", ">calls", ">errors", ">input", ">cached",
                ">cache-created", ">output", ">reasoning", "est. cost");
        for (ModelStats m : llm.models()) {
            usage.row(usageCells(model(m), m.provider(), m));
        }
        usage.row(usageCells("total", "", t));
        usage.print(out, TextReport.INDENT, width);
        if (t.callsWithUsage() == 0) {
            out.println(TextReport.INDENT + "tokens: no call reported usage (no gen_ai.usage attributes)");
        } else if (t.callsWithUsage() < t.calls()) {
            out.println(TextReport.INDENT + "tokens: " + t.callsWithUsage() + " of " + t.calls()
                    + " calls reported usage; the sums leave the others out");
        }
        out.println();
        out.println(TextReport.INDENT + "latency (ms) of all finished calls, failed ones included, and finish reasons");
        TextTable latency = new TextTable("~model", ">p50", ">p95", ">p99", ">max", "~finish reasons");
        for (ModelStats m : llm.models()) {
            latency.row(latencyCells(model(m), m.latency(), LlmFormat.finishReasons(m.finishReasons())));
        }
        latency.row(latencyCells("total", t.latency(), LlmFormat.finishReasons(t.finishReasons())));
        latency.print(out, TextReport.INDENT, width);
    }

    private static Object[] usageCells(String name, String provider, ModelStats m) {
        boolean usage = m.callsWithUsage() > 0;
        return new Object[] {name, provider, m.calls(), m.errors(),
            usage ? m.inputTokens() : null, usage ? m.cachedInputTokens() : null,
            usage ? m.cacheCreationInputTokens() : null, usage ? m.outputTokens() : null,
            usage ? m.reasoningTokens() : null, LlmFormat.cost(m)};
    }

    private static Object[] latencyCells(String name, DurationDistribution d, String finishReasons) {
        return new Object[] {name, Durations.millis(d.percentile(50)), Durations.millis(d.percentile(95)),
            Durations.millis(d.percentile(99)), Durations.millis(d.max()), finishReasons};
    }

    private static void tools(LlmReport llm, PrintWriter out, int width) {
        ToolStats t = llm.toolTotal();
        TextReport.section(out, "Tool calls by tool (" + t.calls() + " calls, " + t.failures() + " failed)");
        if (t.calls() == 0) {
            out.println(TextReport.INDENT + "none finished");
            return;
        }
        out.println(TextReport.INDENT + "a tool is its gen_ai.tool.name, else the method of kind tool; latency in ms");
        TextTable table = new TextTable("~tool", ">calls", ">failed", ">p50", ">p95", ">p99", ">max");
        for (ToolStats tool : llm.tools()) {
            table.row(toolCells(tool.name(), tool));
        }
        table.row(toolCells("total", t));
        table.print(out, TextReport.INDENT, width);
    }

    private static Object[] toolCells(String name, ToolStats t) {
        DurationDistribution d = t.latency();
        return new Object[] {name, t.calls(), t.failures(), Durations.millis(d.percentile(50)),
            Durations.millis(d.percentile(95)), Durations.millis(d.percentile(99)), Durations.millis(d.max())};
    }

    private static void unfinished(Summary s, LlmReport llm, PrintWriter out, int width) {
        if (llm.unfinished().isEmpty()) {
            return;
        }
        TextReport.section(out, "Unfinished LLM calls (" + llm.unfinished().size() + ")");
        out.println(TextReport.INDENT + "started but never ended: still running when the run ended at "
                + Durations.offset(s.wall().end() - s.wall().start()) + "; not in the figures above");
        out.println();
        TextTable table = new TextTable("~method", "~model", "~thread", "trace", ">started at", ">running for");
        for (LlmReport.Unfinished u : llm.unfinished()) {
            CallStart c = u.call();
            table.row(CallNames.label(u.method(), c.attrs()), u.model() == null ? UNKNOWN_MODEL : u.model(),
                    c.thread(), TextReport.shortTrace(c.trace()), Durations.offset(c.start() - s.wall().start()),
                    Durations.human(u.runningNanos()));
        }
        table.print(out, TextReport.INDENT, width);
    }

    private static String model(ModelStats m) {
        return m.model() == null ? UNKNOWN_MODEL : m.model();
    }
}
