package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.errors.ErrorsReport;
import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.SpanError;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Renders the {@code errors} command's report: the error groups in a table, then each shown group with where it was
 * thrown, when, one stack trace and the path of spans that led to it; then the agents and tools by failures.
 */
public final class ErrorsReportText {

    private static final String STACK = ErrorsText.DETAIL + " ".repeat(11);
    private static final int MAX_MESSAGE = 80;

    private ErrorsReportText() {
    }

    /** Renders the report within {@code width} columns; {@link Integer#MAX_VALUE} shortens nothing. */
    public static void render(Summary s, ErrorsReport r, int top, boolean filtered, PrintWriter target, int width) {
        PrintWriter out = FittedWriter.around(target, width);
        TextReport.header(s, "agentdbg errors of run ", out);
        TextReport.warnings(s, out);
        groups(s, r, top, filtered, out, width);
        calls(r, out, width);
        out.flush();
    }

    private static void groups(Summary s, ErrorsReport r, int top, boolean filtered, PrintWriter out, int width) {
        String of = r.spans() + (filtered ? " matching" : "") + " span(s)";
        if (r.failures() == 0) {
            TextReport.section(out, "Errors: none (" + of + ")");
            return;
        }
        List<ErrorsReport.Group> shown = r.groups().subList(0, Math.min(top, r.groups().size()));
        String results = r.errorResults() == 0 ? ""
                : ", " + r.errorResults() + " returned as an error result (errorWhen)";
        String more = shown.size() < r.groups().size() ? ", top " + shown.size() + " shown (raise --top)" : "";
        TextReport.section(out, "Errors (" + r.failures() + " failed of " + of + results + "; " + r.groups().size()
                + " group(s)" + more + ")");
        TextTable table = new TextTable(">#", ">count", "~exception", "~where", "first seen", "last seen",
                "-message");
        int n = 1;
        for (ErrorsReport.Group g : shown) {
            table.row(n++, g.count(), simpleType(g), where(g), Durations.offset(g.firstStart() - s.wall().start()),
                    Durations.offset(g.lastStart() - s.wall().start()),
                    g.message() == null ? "-" : TextReport.clip(g.message(), MAX_MESSAGE));
        }
        table.print(out, TextReport.INDENT, width);
        if (r.ungrouped() > 0) {
            out.println(TextReport.INDENT + "! " + r.ungrouped() + " more failure(s) not grouped: "
                    + r.groups().size() + " groups is the most kept");
        }
        if (r.pathsCut()) {
            out.println(TextReport.INDENT + "! some paths are incomplete: the spans kept to build them reached "
                    + "their bound");
        }
        n = 1;
        for (ErrorsReport.Group g : shown) {
            group(n++, g, s.wall().start(), out);
        }
    }

    private static void group(int n, ErrorsReport.Group g, long runStart, PrintWriter out) {
        MethodInfo m = g.method();
        SpanError e = g.sample().error();
        out.println();
        out.println(TextReport.INDENT + String.format(Locale.ROOT, "%2d. ", n) + simpleType(g)
                + (g.message() == null ? "" : ": " + TextReport.oneLine(g.message())) + "  (" + g.count() + "x in "
                + g.traces() + (g.tracesCapped() ? "+" : "") + " trace(s))");
        detail(out, "method", CallNames.label(m.displayName(), g.name()) + "  (" + m.kind() + ", " + m.component()
                + (m.sourceLocation() == null ? "" : ", " + m.sourceLocation()) + ")");
        if (g.errorResult()) {
            detail(out, "outcome", "returned normally; its rule's errorWhen marked the result failed");
        }
        detail(out, "top frame", g.topFrame());
        detail(out, "first", Durations.offset(g.firstStart() - runStart) + "  (" + Durations.clock(g.firstStart())
                + " UTC)");
        detail(out, "last", Durations.offset(g.lastStart() - runStart) + "  (" + Durations.clock(g.lastStart())
                + " UTC)");
        detail(out, "sample", "trace " + TextReport.shortTrace(g.sample().trace()) + "  span "
                + g.sample().idHex() + "  thread " + g.sample().thread() + "  failed after "
                + Durations.human(g.sample().dur()));
        detail(out, "path", String.join(" > ", g.path()));
        if (g.errorResult() && e.stack().isEmpty()) {
            return; // nothing was thrown: the outcome line says what happened
        }
        detail(out, "stack", TextReport.oneLine(e.headline()));
        for (String frame : e.stack()) {
            out.println(STACK + "  at " + frame);
        }
        if (e.framesOmitted() > 0) {
            out.println(STACK + "  ... " + e.framesOmitted() + " more (not recorded)");
        }
        if (e.causeHeadline() != null) {
            out.println(STACK + "Caused by: " + TextReport.oneLine(e.causeHeadline()));
        }
    }

    private static void calls(ErrorsReport r, PrintWriter out, int width) {
        long failed = r.calls().stream().mapToLong(ErrorsReport.CallStats::failures).sum();
        TextReport.section(out, "Agents and tools (" + r.calls().size() + ", " + failed + " failed call(s))");
        if (r.calls().isEmpty()) {
            out.println(TextReport.INDENT + "no spans of kind agent or tool");
            return;
        }
        TextTable table = new TextTable("kind", "~name", ">calls", ">failed", ">success", ">mean", ">p95");
        for (ErrorsReport.CallStats c : r.calls()) {
            table.row(c.kind(), c.name(), c.count(), c.failures(),
                    String.format(Locale.ROOT, "%.1f%%", 100 * c.successRate()), Durations.human(c.meanNanos()),
                    Durations.human(c.p95Nanos()));
        }
        table.print(out, TextReport.INDENT, width);
    }

    /** {@code web_search  (WebSearchTool.run)}: what failed, by the name people know it by. */
    private static String where(ErrorsReport.Group g) {
        return CallNames.label(g.method().displayName(), g.name());
    }

    private static String simpleType(ErrorsReport.Group g) {
        return g.sample().error().simpleType();
    }

    private static void detail(PrintWriter out, String label, String value) {
        ErrorsText.detail(out, label, value);
    }
}
