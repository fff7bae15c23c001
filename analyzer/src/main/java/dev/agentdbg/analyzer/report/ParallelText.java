package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.Locale;

/** Renders the agent spans whose children ran in parallel; nothing when there are none. */
final class ParallelText {

    private ParallelText() {
    }

    static void render(Summary s, PrintWriter out, int width) {
        Summary.Parallel parallel = s.parallel();
        if (parallel.total() == 0) {
            return;
        }
        int shown = parallel.spans().size();
        String of = shown < parallel.total() ? "top " + shown + " of " + parallel.total() : String.valueOf(shown);
        TextReport.section(out, "Parallel work (" + of + " agent span(s) whose children ran on other threads or"
                + " overlapped)");
        out.println(TextReport.INDENT + "wall = the span's own duration; children = the sum of its direct children's"
                + " durations; parallelism = children / wall");
        out.println();
        TextTable table = new TextTable("~span", "trace", ">at", ">wall", ">children", ">parallelism", ">async",
                "~threads");
        long runStart = s.wall().start();
        for (Summary.ParallelSpan p : parallel.spans()) {
            String threads = p.threads().isEmpty() ? "-"
                    : String.join(", ", p.threads()) + (p.moreThreads() ? ", ..." : "");
            table.row(p.method().displayName(), TextReport.shortTrace(p.span().trace()),
                    Durations.offset(p.span().start() - runStart), Durations.human(p.span().dur()),
                    Durations.human(p.childrenNanos()) + " (" + p.children() + ")", ratio(p.parallelism()),
                    p.asyncChildren() + "/" + p.children(), threads);
        }
        table.print(out, TextReport.INDENT, width);
        if (shown < parallel.total()) {
            out.println(TextReport.INDENT + "... " + (parallel.total() - shown) + " more agent span(s)");
        }
    }

    static String ratio(double parallelism) {
        return String.format(Locale.ROOT, "%.2fx", parallelism);
    }
}
