package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;

/** Renders the calls that were still running at the end of the run: where a killed or hung run was. */
final class UnfinishedText {

    private UnfinishedText() {
    }

    static void render(Summary s, PrintWriter out, int width) {
        if (s.unfinishedCount() == 0) {
            return;
        }
        TextReport.section(out, "Unfinished calls (" + s.unfinishedCount() + ")");
        out.println(TextReport.INDENT + "started but never ended: still running when the run ended at "
                + Durations.offset(s.wall().end() - s.wall().start()) + " (" + Durations.clock(s.wall().end())
                + " UTC); by trace, outermost first");
        out.println();
        TextTable table = new TextTable("~method", "kind", "~component", "~thread", "trace", ">started at", "",
                ">running for");
        for (Summary.UnfinishedCall u : s.unfinished()) {
            CallStart c = u.call();
            table.row("  ".repeat(u.depth()) + CallNames.label(u.method(), u.call().attrs()), u.method().kind(),
                    u.method().component(),
                    c.thread(),
                    TextReport.shortTrace(c.trace()), Durations.offset(c.start() - s.wall().start()),
                    "(" + Durations.clock(c.start()) + " UTC)", Durations.human(u.runningNanos()));
        }
        table.print(out, TextReport.INDENT, width);
    }
}
