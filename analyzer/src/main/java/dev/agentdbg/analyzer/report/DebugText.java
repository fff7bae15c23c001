package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.model.DebugEvent;
import dev.agentdbg.analyzer.summary.DebugFacts;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;

/**
 * The summary's "Live debugger" section, for a run paused in the live debugger: how often and how long, and every
 * value a user edited (those calls did not return what the program computed).
 */
final class DebugText {
    private static final int VALUE_CHARS = 80;

    private DebugText() {
    }

    static void render(Summary s, PrintWriter out) {
        DebugFacts d = s.debug();
        if (d == null || !d.any()) {
            return;
        }
        TextReport.section(out, "Live debugger");
        TextReport.kv(out, "pauses", d.pauses() + " (paused " + Durations.human(d.pausedNanos()) + " in all)");
        TextReport.kv(out, "edited by hand", d.edits().isEmpty() ? "nothing"
                : d.edits().size() + " value(s): these calls did not return what the program computed");
        for (DebugEvent e : d.edits()) {
            out.println(TextReport.INDENT + "  span " + String.format("%016x", e.span()) + " " + e.target() + ": "
                    + shortened(e.before()) + " -> " + shortened(e.after()));
        }
        for (String w : d.warnings()) {
            TextReport.kv(out, "debugger warning", w);
        }
    }

    private static String shortened(String value) {
        if (value == null) {
            return "(none)";
        }
        String one = value.replace('\n', ' ');
        return one.length() > VALUE_CHARS ? one.substring(0, VALUE_CHARS - 3) + "..." : one;
    }
}
