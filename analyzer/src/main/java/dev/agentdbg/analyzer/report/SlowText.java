package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.slow.SlowReport;
import dev.agentdbg.analyzer.slow.SlowSpan;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the {@code slow} command's report: where the run's time went, then the slow spans and why. */
public final class SlowText {

    private SlowText() {
    }

    public static void render(SlowReport r, Summary.Selection sel, ReadReport read, List<String> notes,
                              PrintWriter target, int width) {
        PrintWriter out = FittedWriter.around(target, width);
        header(sel, out);
        warnings(read, notes, out);
        total(r.total(), out);
        spans(r, out, width);
        cut(r.cut(), out);
        out.flush();
    }

    private static void header(Summary.Selection sel, PrintWriter out) {
        out.println("agentdbg slow spans of run " + sel.runId());
        List<String> others = sel.otherRunIds();
        if (!others.isEmpty()) {
            String how = sel.newest() ? "newest of " : "chosen with --run from ";
            List<String> named = others.subList(Math.max(0, others.size() - 5), others.size());
            String more = others.size() > named.size() ? " and " + (others.size() - named.size()) + " older" : "";
            out.println(TextReport.INDENT + "(" + how + (others.size() + 1) + " runs in " + sel.input() + "; others: "
                    + String.join(", ", named) + more + "; pick one with --run <runId>)");
        }
    }

    private static void warnings(ReadReport read, List<String> notes, PrintWriter out) {
        List<String> lines = new ArrayList<>(notes);
        for (SkippedLine line : read.skipped()) {
            lines.add(line.describe());
        }
        long unlisted = read.skippedTotal() - read.skipped().size();
        if (unlisted > 0) {
            lines.add("... and " + unlisted + " more skipped line(s)");
        }
        lines.addAll(read.notes());
        if (lines.isEmpty()) {
            return;
        }
        TextReport.section(out, "Warnings");
        for (String l : lines) {
            out.println(TextReport.INDENT + "! " + TextReport.oneLine(l));
        }
        if (read.skippedTotal() > 0) {
            out.println(TextReport.INDENT + "! the spans on skipped lines are missing: their parents' breakdowns and"
                    + " the total leave them out");
        }
    }

    private static void total(SlowReport.Total t, PrintWriter out) {
        if (t.roots() == 0) {
            TextReport.section(out, "Where the run's time went");
            out.println(TextReport.INDENT + "no root span finished: no wall time to split");
            return;
        }
        TextReport.section(out, "Where the run's time went (" + t.roots() + " root span(s); wall time "
                + Durations.human(t.wall()) + ", the union of their intervals)");
        TextTable table = new TextTable("part", ">time", ">share");
        table.row("LLM wait", Durations.human(t.llm()), share(t.llm(), t.wall()));
        table.row("tool calls", Durations.human(t.tool()), share(t.tool(), t.wall()));
        table.row("own code", Durations.human(t.own()), share(t.own(), t.wall()));
        table.print(out, TextReport.INDENT, Integer.MAX_VALUE);
    }

    private static void spans(SlowReport r, PrintWriter out, int width) {
        String threshold = r.absolute() != null ? "at least " + Durations.human(r.absolute())
                : "at or over their method's p" + number(r.percentile());
        TextReport.section(out, "Slow spans (" + r.slow() + " of " + r.considered() + " spans " + threshold
                + (r.slow() > r.spans().size() ? "; the " + r.spans().size() + " longest" : "") + ")");
        if (r.spans().isEmpty()) {
            out.println(TextReport.INDENT + "none");
            return;
        }
        long runStart = r.originNanos();
        TextTable table = r.absolute() != null
                ? new TextTable("span", "~method", "kind", ">at", ">took", ">LLM", ">tools", ">own", "-why")
                : new TextTable("span", "~method", "kind", ">at", ">took", ">p" + number(r.percentile()), ">LLM",
                        ">tools", ">own", "-why");
        List<SlowSpan> serial = new ArrayList<>();
        for (SlowSpan s : r.spans()) {
            long d = s.span().dur();
            String at = runStart == 0 ? "-" : Durations.offset(s.span().start() - runStart);
            String why = s.verdict().text() + (s.span().isError() ? " (failed)" : "");
            List<Object> cells = new ArrayList<>(List.of(s.span().idHex(), s.method().displayName(),
                    s.method().kind(), at, Durations.human(d)));
            if (r.absolute() == null) {
                cells.add(Durations.human(s.threshold()));
            }
            cells.addAll(List.of(share(s.llm(), d), share(s.tool(), d), share(s.own(), d), why));
            table.row(cells.toArray());
            if (s.serialTools()) {
                serial.add(s);
            }
        }
        table.print(out, TextReport.INDENT, width);
        out.println(TextReport.INDENT + "LLM, tools, own: shares of the span's time; children on other threads "
                + "count by their overlap with it, not their sum.");
        if (!serial.isEmpty()) {
            TextReport.section(out, "Tools that ran one after another (a heuristic: the trace cannot show whether "
                    + "one needed another's result)");
            for (SlowSpan s : serial) {
                out.println(TextReport.INDENT + s.span().idHex() + "  " + s.method().displayName() + ": "
                        + s.toolCalls() + " tool calls, none overlapping; in parallel up to "
                        + Durations.human(s.serialSavable()) + " less");
            }
        }
    }

    private static void cut(SlowReport.Cut c, PrintWriter out) {
        if (!c.any()) {
            return;
        }
        TextReport.section(out, "Left out to bound memory");
        if (c.intervals() > 0) {
            out.println(TextReport.INDENT + c.intervals() + " child interval(s) of spans with very many disjoint "
                    + "children: those spans' LLM and tool time is too low");
        }
        if (c.children() > 0) {
            out.println(TextReport.INDENT + c.children() + " span(s) whose parent had no room among the pending "
                    + "parents: they are in no breakdown");
        }
        if (c.orphanParents() > 0) {
            out.println(TextReport.INDENT + c.orphanParents() + " parent(s) whose children ended but which never did "
                    + "(unfinished, or on a lost line): their children are in no breakdown");
        }
        if (c.lateTotal() > 0) {
            out.println(TextReport.INDENT + c.lateTotal() + " interval(s) of the run total that began before its "
                    + "older, already added-up part ended: counted from there on, the total may be a little low");
        }
    }

    static String share(long part, long whole) {
        return whole <= 0 ? "-" : Math.round(100.0 * part / whole) + "%";
    }

    static String number(Double d) {
        return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.format(Locale.ROOT, "%s", d);
    }
}
