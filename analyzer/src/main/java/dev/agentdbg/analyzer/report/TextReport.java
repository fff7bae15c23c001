package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.llm.LlmReport;
import dev.agentdbg.analyzer.llm.ModelStats;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders a {@link Summary} as the human-readable report of the {@code summary} command. */
public final class TextReport {

    static final String INDENT = "  ";
    private static final int KEY_WIDTH = 22;
    private static final int MAX_OTHER_RUNS_NAMED = 5;

    private TextReport() {
    }

    /** Renders the report within {@code width} columns; {@link Integer#MAX_VALUE} shortens nothing. */
    public static void render(Summary s, PrintWriter target, int width) {
        PrintWriter out = FittedWriter.around(target, width);
        header(s, "agentdbg summary of run ", out);
        runInfo(s, out);
        llm(s.llm(), out);
        ReplayText.render(s, out);
        DebugText.render(s, out);
        agentStats(s.stats(), out);
        warnings(s, out);
        spansByKind(s, out, width);
        if (s.timeline() != null) {
            TimelineText.render(s, out, width);
        }
        ParallelText.render(s, out, width);
        BreakdownText.render(s, out, width);
        UnfinishedText.render(s, out, width);
        ErrorsText.render(s, out, width);
        out.flush();
    }

    /** The title line, then which run of a directory this is when there were several. */
    static void header(Summary s, String title, PrintWriter out) {
        Summary.Selection sel = s.selection();
        out.println(title + sel.runId());
        List<String> others = sel.otherRunIds();
        if (!others.isEmpty()) {
            String how = sel.newest() ? "newest of " + (others.size() + 1) + " runs in " + sel.input()
                    : "chosen with --run from " + (others.size() + 1) + " runs in " + sel.input();
            List<String> named = others.subList(Math.max(0, others.size() - MAX_OTHER_RUNS_NAMED), others.size());
            String more = others.size() > named.size() ? " and " + (others.size() - named.size()) + " older" : "";
            out.println(INDENT + "(" + how + "; others: " + String.join(", ", named) + more
                    + "; pick one with --run <runId>)");
        }
    }

    private static void runInfo(Summary s, PrintWriter out) {
        section(out, "Run");
        RunInfo run = s.run();
        if (run == null) {
            kv(out, "run id", s.selection().runId() + " (no readable run record)");
        } else {
            kv(out, "run id", run.runId());
            kv(out, "command", run.command());
            kv(out, "process", (run.pid() == null ? "pid ?" : "pid " + run.pid())
                    + (run.host() == null ? "" : " on " + run.host()));
            kv(out, "JVM", run.jvmVersion() + " (" + run.jvmVendor() + ", " + run.jvmName() + ")");
            kv(out, "agent", run.agentVersion() + ", trace schema " + run.schema());
            kv(out, "started", run.start());
        }
        Summary.Wall wall = s.wall();
        kv(out, "wall duration", Durations.human(wall.durationNanos()) + " (" + wall.basis() + ")");
        List<ReadReport.FileRead> files = s.read().files();
        for (int i = 0; i < files.size(); i++) {
            ReadReport.FileRead f = files.get(i);
            kv(out, i == 0 ? "files read" : "", f.path() + " (part " + f.part() + ", " + f.lines() + " lines)");
        }
        long skipped = s.read().skippedTotal();
        kv(out, "lines skipped", skipped == 0 ? "0" : skipped + " (see warnings)");
        if (run != null) {
            multi(out, "config warnings", run.warnings());
        }
    }

    /** The LLM totals, only when the run has LLM or tool calls; the {@code llm} command has the details. */
    private static void llm(LlmReport llm, PrintWriter out) {
        if (llm.isEmpty()) {
            return;
        }
        section(out, "LLM");
        ModelStats t = llm.total();
        String unfinished = llm.unfinished().isEmpty() ? "" : ", " + llm.unfinished().size() + " unfinished";
        kv(out, "llm calls", t.calls() + " (" + t.errors() + " failed" + unfinished + ")");
        if (t.calls() > 0) {
            kv(out, "tokens", LlmFormat.tokens(t));
            kv(out, "estimated cost", LlmFormat.cost(t));
        }
        kv(out, "tool calls", llm.toolTotal().calls() + " (" + llm.toolTotal().failures() + " failed)");
    }

    private static void agentStats(AgentStats st, PrintWriter out) {
        if (st == null) {
            section(out, "Agent stats");
            out.println(INDENT + "none: the run has no stats record");
            return;
        }
        String when = st.at() == null ? "" : ", at " + st.at();
        section(out, "Agent stats (" + (st.isFinal() ? "final" : "intermediate, written at file rotation") + when + ")");
        kv(out, "spans written", String.valueOf(st.spans()));
        kv(out, "dropped", st.dropped() + (st.dropped() > 0 ? "   <- WARNING: spans were lost" : ""));
        if (st.memoryMax() > 0) {
            kv(out, "agent memory", "peak " + megabytes(st.memoryPeak()) + " of " + megabytes(st.memoryMax())
                    + " (agentdbg.memory.max)");
        }
        kv(out, "internal errors", st.internalErrors() + (st.internalErrors() > 0 ? "   <- WARNING: agent faults" : ""));
        kv(out, "methods instrumented", String.valueOf(st.methodsInstrumented()));
        kv(out, "classes transformed", String.valueOf(st.classesTransformed()));
        kv(out, "transform failures", st.transformFailures() + (st.transformFailures() > 0 ? "   <- WARNING" : ""));
        if (st.captureSkipped() > 0) {
            kv(out, "capture skipped", st.captureSkipped() + "   <- WARNING: calls traced without their payloads");
        }
        if (st.unmatchedRules() != null) {
            kv(out, "unmatched rules", st.unmatchedRules().isEmpty() ? "none" : String.join(", ", st.unmatchedRules()));
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** Skipped lines and the summary's warnings, when there are any. */
    static void warnings(Summary s, PrintWriter out) {
        List<SkippedLine> skipped = s.read().skipped();
        if (skipped.isEmpty() && s.warnings().isEmpty()) {
            return;
        }
        section(out, "Warnings");
        for (SkippedLine line : skipped) {
            out.println(INDENT + "! " + oneLine(line.describe()));
        }
        long unlisted = s.read().skippedTotal() - skipped.size();
        if (unlisted > 0) {
            out.println(INDENT + "! ... and " + unlisted + " more skipped line(s)");
        }
        for (String w : s.warnings()) {
            out.println(INDENT + "! " + oneLine(w));
        }
    }

    private static void spansByKind(Summary s, PrintWriter out, int width) {
        long unfinished = s.unfinishedCount();
        if (unfinished == 0) {
            section(out, "Spans by kind (" + s.spanCount() + " spans, " + s.errorCount() + " failed)");
            if (s.spanCount() == 0) {
                out.println(INDENT + "no spans were recorded");
                return;
            }
            TextTable table = new TextTable("kind", ">spans", ">failed");
            for (Summary.BreakdownRow row : s.byKind()) {
                table.row(row.name(), row.count(), row.errors());
            }
            table.row("total", s.spanCount(), s.errorCount());
            table.print(out, INDENT, width);
            return;
        }
        // Unfinished calls are not spans (no duration, no outcome), but a kind may have nothing else.
        section(out, "Spans by kind (" + s.spanCount() + " spans, " + s.errorCount() + " failed, " + unfinished
                + " unfinished)");
        Map<String, long[]> byKind = new TreeMap<>(Kinds.ORDER);
        for (Summary.BreakdownRow row : s.byKind()) {
            byKind.put(row.name(), new long[] {row.count(), row.errors(), 0});
        }
        for (Summary.UnfinishedCall u : s.unfinished()) {
            byKind.computeIfAbsent(u.method().kind(), k -> new long[3])[2]++;
        }
        TextTable table = new TextTable("kind", ">spans", ">failed", ">unfinished");
        byKind.forEach((kind, n) -> table.row(kind, n[0], n[1], n[2]));
        table.row("total", s.spanCount(), s.errorCount(), unfinished);
        table.print(out, INDENT, width);
    }

    static void section(PrintWriter out, String title) {
        out.println();
        out.println(title);
    }

    static void kv(PrintWriter out, String key, String value) {
        String padded = key + " ".repeat(Math.max(1, KEY_WIDTH - key.length()));
        out.println((INDENT + padded + (value == null ? "-" : oneLine(value))).stripTrailing());
    }

    private static void multi(PrintWriter out, String key, List<String> values) {
        if (values.isEmpty()) {
            kv(out, key, "none");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            kv(out, i == 0 ? key : "", values.get(i));
        }
    }

    /** Keeps a multi-line message from breaking the layout. */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        return text.replace("\r\n", " | ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** Shortens to {@code max} characters, marking the cut. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 3) + "...";
    }

    /** The first 8 hex digits, enough to tell the traces of a run apart and to grep for. */
    static String shortTrace(String trace) {
        return trace.substring(0, Math.min(8, trace.length()));
    }
}
