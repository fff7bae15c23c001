package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Renders where the time went: totals by kind, component and method, unused methods, and the slowest spans. */
final class BreakdownText {

    private BreakdownText() {
    }

    static void render(Summary s, PrintWriter out, int width) {
        if (s.spanCount() > 0) {
            TextReport.section(out, "Time (ms) by kind, component and method");
            out.println(TextReport.INDENT + "total includes nested spans; self = own duration minus direct children");
            if (s.unfinishedCount() > 0) {
                out.println(TextReport.INDENT + "finished spans only: the " + s.unfinishedCount()
                        + " unfinished call(s) are under Unfinished calls");
            }
            out.println();
            table(s.byKind(), "kind", false).print(out, TextReport.INDENT, width);
            out.println();
            table(s.byComponent(), "component", false).print(out, TextReport.INDENT, width);
            out.println();
            table(s.byMethod(), "method", true).print(out, TextReport.INDENT, width);
        }
        NeverCalledText.render(s, out, width);
        slowest(s, out, width);
    }

    /** The kind table names only the kind; components add their kinds; methods add kind and component. */
    private static TextTable table(List<Summary.BreakdownRow> rows, String title, boolean perMethod) {
        boolean withKind = !title.equals("kind");
        List<String> headers = new ArrayList<>(List.of("~" + title));
        if (withKind) {
            headers.add("kind");
        }
        if (perMethod) {
            headers.add("~component");
        }
        headers.addAll(List.of(">count", ">errors", ">total", ">self", ">p50", ">p95"));
        TextTable table = new TextTable(headers.toArray(String[]::new));
        for (Summary.BreakdownRow r : rows) {
            List<Object> cells = new ArrayList<>(List.of(r.name()));
            if (withKind) {
                cells.add(r.kind());
            }
            if (perMethod) {
                cells.add(r.component());
            }
            cells.addAll(List.of(r.count(), r.errors(), Durations.millis(r.totalNanos()),
                    Durations.millis(r.selfNanos()), Durations.millis(r.p50Nanos()), Durations.millis(r.p95Nanos())));
            table.row(cells.toArray());
        }
        return table;
    }

    private static void slowest(Summary s, PrintWriter out, int width) {
        if (s.slowest().isEmpty()) {
            return;
        }
        String finished = s.unfinishedCount() > 0 ? " finished spans; unfinished calls are not ranked" : "";
        TextReport.section(out, "Slowest spans (top " + s.slowest().size() + " of " + s.spanCount() + finished + ")");
        TextTable table = new TextTable(">#", ">duration", ">self", "~span", "kind", "~component", "trace", ">at",
                "-status");
        int rank = 1;
        for (Summary.SpanRef ref : s.slowest()) {
            table.row(rank++, Durations.human(ref.span().dur()), Durations.human(ref.selfNanos()),
                    CallNames.label(ref.method(), ref.span().attrs()), ref.method().kind(), ref.method().component(),
                    TextReport.shortTrace(ref.span().trace()),
                    Durations.offset(ref.span().start() - s.wall().start()),
                    TimelineText.status(ref.span(), s.servedFrom(ref.span())));
        }
        table.print(out, TextReport.INDENT, width);
    }
}
