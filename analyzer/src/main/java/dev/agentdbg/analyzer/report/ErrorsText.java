package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.SpanError;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.Locale;

/** Renders the failed spans one by one (exception, where it was thrown, cause) and grouped by method and type. */
final class ErrorsText {

    /** Where the lines under a numbered failure start; {@code errors} indents its groups the same way. */
    static final String DETAIL = TextReport.INDENT + "     ";
    private static final int MAX_GROUP_MESSAGE = 80;

    private ErrorsText() {
    }

    static void render(Summary s, PrintWriter out, int width) {
        if (s.errorCount() == 0) {
            TextReport.section(out, "Errors: none");
            return;
        }
        String listed = s.errors().size() < s.errorCount()
                ? ", first " + s.errors().size() + " listed (raise --max-errors)" : "";
        TextReport.section(out, "Errors (" + s.errorCount() + " failed span(s)" + listed + ")");
        int n = 1;
        for (Summary.SpanRef ref : s.errors()) {
            MethodInfo m = ref.method();
            SpanError e = ref.span().error();
            out.println(TextReport.INDENT + String.format(Locale.ROOT, "%2d. ", n++)
                    + CallNames.label(m, ref.span().attrs()) + "  (" + m.kind() + ", " + m.component() + ")  trace "
                    + TextReport.shortTrace(ref.span().trace()) + "  at "
                    + Durations.offset(ref.span().start() - s.wall().start()) + "  failed after "
                    + Durations.human(ref.span().dur()));
            out.println(DETAIL + TextReport.oneLine(e.headline()));
            detail(out, "top frame", e.topFrame());
            String own = e.frameOf(m);
            if (own != null && !own.equals(e.topFrame())) {
                detail(out, "in method", own);
            }
            if (e.framesOmitted() > 0) {
                detail(out, "", "(" + (e.stack().size() + e.framesOmitted()) + " frames, "
                        + e.framesOmitted() + " not recorded)");
            }
            detail(out, "caused by", TextReport.oneLine(e.causeHeadline()));
        }
        out.println();
        out.println(TextReport.INDENT + "By method and exception");
        TextTable table = new TextTable(">count", "~method", "~exception", "-first message");
        for (Summary.ErrorGroup g : s.errorGroups()) {
            table.row(g.count(), g.name(), g.type(),
                    TextReport.clip(TextReport.oneLine(g.firstMessage()), MAX_GROUP_MESSAGE));
        }
        table.print(out, TextReport.INDENT, width);
    }

    /** {@code label} padded to 10 columns, then {@code value}; nothing when the value is {@code null}. */
    static void detail(PrintWriter out, String label, String value) {
        if (value != null) {
            out.println((DETAIL + String.format(Locale.ROOT, "%-10s ", label) + value).stripTrailing());
        }
    }
}
