package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.PlanEntry;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.replay.ReplayFacts;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Renders the summary's Recording or Replay section, for runs in record or replay mode only. */
final class ReplayText {

    private ReplayText() {
    }

    static void render(Summary s, PrintWriter out) {
        ReplayFacts r = s.replay();
        if (r == null) {
            return;
        }
        if (r.isReplay()) {
            replay(s, r, out);
        } else {
            recording(s, r, out);
        }
    }

    private static void recording(Summary s, ReplayFacts r, PrintWriter out) {
        TextReport.section(out, "Recording");
        String runId = s.run() == null ? s.selection().runId() : s.run().runId();
        out.println(TextReport.INDENT + "recorded: " + count(r.exchanges(), "LLM exchange") + ", "
                + count(r.values(), r.valueKindsAllTool() ? "tool value" : "tool or rule value")
                + " (replay with agentdbg.mode=replay, agentdbg.replay.from=" + runId + ")");
        if (r.exchangesUnservable() + r.valuesUnservable() > 0) {
            List<String> parts = new ArrayList<>();
            if (r.exchangesUnservable() > 0) {
                parts.add(count(r.exchangesUnservable(), "LLM exchange"));
            }
            if (r.valuesUnservable() > 0) {
                parts.add(count(r.valuesUnservable(), "value"));
            }
            out.println(TextReport.INDENT + "not replayable: " + String.join(", ", parts)
                    + " (why: agentdbg-analyzer replay-plan " + runId + ")");
        }
        if (r.detSites() > 0) {
            out.println(TextReport.INDENT + "deterministic values recorded at " + count(r.detSites(), "call site")
                    + " (served with agentdbg.replay.deterministic)");
        }
    }

    private static void replay(Summary s, ReplayFacts r, PrintWriter out) {
        TextReport.section(out, "Replay");
        String of = r.replayOf() == null ? "an unnamed run" : "run " + r.replayOf();
        String overrides = r.overrides() == 0 ? "" : " (" + r.overrides() + " from an override)";
        String tools = r.toolServed() == 0 ? "" : "; " + count(r.toolServed(), "tool call") + " served";
        out.println(TextReport.INDENT + "replay of " + of + ": " + r.llmServed() + " of " + r.llmCalls()
                + " LLM calls served" + overrides + ", " + r.divergenceCount() + " diverged" + tools);
        long unservable = r.plan().stream().mapToLong(PlanEntry::unservable).sum();
        if (unservable > 0) {
            out.println(TextReport.INDENT + "pre-flight: " + count(unservable, "recorded answer")
                    + " could not be served (agentdbg-analyzer replay-plan " + r.replayOf() + " says why)");
        }
        if (r.divergenceCount() == 0) {
            return;
        }
        out.println(TextReport.INDENT + "divergences (the request differed from the recorded one):");
        for (Divergence d : r.divergences()) {
            String span = d.span() == 0 ? "" : "  (span " + Span.hex(d.span()) + ")";
            String call = d.call() > 0 ? "call " + d.call() : "a call";
            out.println(TextReport.INDENT + "  " + call + "  " + d.kind() + "  "
                    + (d.key() == null ? "" : d.key()) + span);
            for (String line : d.diffHead()) {
                out.println(TextReport.INDENT + "      " + TextReport.oneLine(line));
            }
            if (d.diffLines() > d.diffHead().size()) {
                out.println(TextReport.INDENT + "      ... " + (d.diffLines() - d.diffHead().size()) + " more line(s)");
            }
        }
        if (r.divergenceCount() > r.divergences().size()) {
            out.println(TextReport.INDENT + "  ... and " + (r.divergenceCount() - r.divergences().size())
                    + " more divergence(s)");
        }
        out.println(TextReport.INDENT + "full diffs: the replay printed each on stderr; in the trace: jq -r "
                + "'select(.type==\"divergence\") | .diff' " + files(s));
    }

    private static String files(Summary s) {
        List<String> names = new ArrayList<>();
        for (ReadReport.FileRead f : s.read().files()) {
            names.add(f.path().toString());
        }
        return String.join(" ", names);
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
