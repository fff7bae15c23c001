package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.diff.RunDiff;
import java.io.PrintWriter;
import java.util.List;

/** Renders the {@code diff} command's text report. */
public final class DiffText {

    private DiffText() {
    }

    public static void render(RunDiff d, PrintWriter target, int width) {
        PrintWriter out = FittedWriter.around(target, width);
        out.println("agentdbg diff of run " + d.a().runId() + " (A) and run " + d.b().runId() + " (B)");
        side(d.a(), out);
        side(d.b(), out);
        if (d.isReplayOfA()) {
            out.println(TextReport.INDENT + "B is a replay of A (its run record says replayOf " + d.a().runId() + ")");
        } else if (d.a().replayOf() != null && d.a().replayOf().equals(d.b().runId())) {
            out.println(TextReport.INDENT + "A is a replay of B (its run record says replayOf " + d.b().runId() + ")");
        }
        for (String n : d.notes()) {
            out.println(TextReport.INDENT + "note: " + TextReport.oneLine(n));
        }
        out.println(TextReport.INDENT + (d.sameCalls()
                ? "Same calls: the aligned call trees match and no tool answered differently."
                : "The runs differ in their calls: see below."));

        divergence(d, out);
        methods(d, out, width);
        models(d, out, width);
        tools(d, out, width);
        out.flush();
    }

    private static void side(RunDiff.Side s, PrintWriter out) {
        String mode = s.mode() == null ? "no run record" : "mode " + s.mode()
                + (s.replayOf() == null ? "" : ", replay of " + s.replayOf());
        String cut = s.cut() ? "; trees cut at " + s.maxSpans() + " spans (--max-spans), the structure compares only"
                + " those" : "";
        out.println(TextReport.INDENT + s.label() + "  " + s.runId() + "  " + mode + "; " + s.spans() + " spans in "
                + s.traces() + " trace" + (s.traces() == 1 ? "" : "s") + cut);
        for (String n : s.notes()) {
            out.println(TextReport.INDENT + "   " + TextReport.oneLine(n));
        }
    }

    private static void divergence(RunDiff d, PrintWriter out) {
        TextReport.section(out, "First divergence");
        RunDiff.Divergence v = d.divergence();
        if (v == null) {
            out.println(TextReport.INDENT + "none: the call trees have the same calls in the same order");
            return;
        }
        out.println(TextReport.INDENT + "trace " + v.trace() + " (A " + (v.traceA() == null ? "none"
                : TextReport.shortTrace(v.traceA())) + ", B " + (v.traceB() == null ? "none"
                : TextReport.shortTrace(v.traceB())) + "): " + v.why());
        List<String> path = v.path();
        out.println(TextReport.INDENT + "path  " + (path.isEmpty() ? "(the trace's top level)"
                : String.join(" > ", path)));
        out.println(TextReport.INDENT + "A     " + (v.a() == null ? "nothing" : v.a()));
        out.println(TextReport.INDENT + "B     " + (v.b() == null ? "nothing" : v.b()));
    }

    private static void methods(RunDiff d, PrintWriter out, int width) {
        TextReport.section(out, "Calls and latency by method (added/removed: calls of B's/A's aligned trees the other"
                + " lacks)");
        if (d.methods().isEmpty()) {
            out.println(TextReport.INDENT + "no spans");
            return;
        }
        TextTable t = new TextTable("~method", ">calls A", ">calls B", ">delta", ">added", ">removed", ">p50 A",
                ">p50 B", ">p50 delta", ">mean delta");
        for (RunDiff.MethodRow m : d.methods()) {
            t.row(m.method(), m.callsA(), m.callsB(), signed(m.delta()), m.added(), m.removed(), ms(m.callsA(), m.p50A()),
                    ms(m.callsB(), m.p50B()), msDelta(m.callsA(), m.callsB(), m.p50A(), m.p50B()),
                    msDelta(m.callsA(), m.callsB(), m.meanA(), m.meanB()));
        }
        t.print(out, TextReport.INDENT, width);
        out.println(TextReport.INDENT + "latencies in ms; the means of each run are in --json");
    }

    private static void models(RunDiff d, PrintWriter out, int width) {
        TextReport.section(out, "LLM calls and tokens by model");
        if (d.models().isEmpty()) {
            out.println(TextReport.INDENT + "no LLM calls in either run");
            return;
        }
        TextTable t = new TextTable("~model", "~provider", ">calls A", ">calls B", ">delta", ">input A", ">input B",
                ">delta", ">output A", ">output B", ">delta");
        for (RunDiff.ModelRow m : d.models()) {
            t.row(m.model() == null ? LlmText.UNKNOWN_MODEL : m.model(), m.provider(), m.callsA(), m.callsB(),
                    signed(m.callsB() - m.callsA()), m.inputA(), m.inputB(), signed(m.inputB() - m.inputA()),
                    m.outputA(), m.outputB(), signed(m.outputB() - m.outputA()));
        }
        t.print(out, TextReport.INDENT, width);
    }

    private static void tools(RunDiff d, PrintWriter out, int width) {
        TextReport.section(out, "Tool results that changed for the same arguments (" + d.toolChanges().size() + ")");
        if (d.toolChanges().isEmpty()) {
            out.println(TextReport.INDENT + "none: every tool called with the same arguments in both runs answered"
                    + " the same");
            return;
        }
        for (RunDiff.ToolChange c : d.toolChanges()) {
            out.println(TextReport.INDENT + c.method() + " (" + c.callsA() + " call" + (c.callsA() == 1 ? "" : "s")
                    + " in A, " + c.callsB() + " in B)");
            out.println(TextReport.INDENT + "  args      " + TextReport.oneLine(c.args()));
            out.println(TextReport.INDENT + "  result A  " + TextReport.oneLine(c.resultA()));
            out.println(TextReport.INDENT + "  result B  " + TextReport.oneLine(c.resultB()));
        }
    }

    private static String signed(long n) {
        return n > 0 ? "+" + n : String.valueOf(n);
    }

    private static String ms(long calls, long nanos) {
        return calls == 0 ? "-" : Durations.millis(nanos);
    }

    private static String msDelta(long callsA, long callsB, long a, long b) {
        if (callsA == 0 || callsB == 0) {
            return "-";
        }
        String s = Durations.millis(b - a);
        return b - a >= 0 ? "+" + s : s;
    }
}
