package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.errors.MessageNormalizer;
import dev.agentdbg.analyzer.model.ClassSeen;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.why.WhyReport;
import dev.agentdbg.analyzer.why.WhyReport.Caller;
import dev.agentdbg.analyzer.why.WhyReport.ClassEvidence;
import dev.agentdbg.analyzer.why.WhyReport.MethodCalls;
import dev.agentdbg.analyzer.why.WhyReport.RuleMiss;
import dev.agentdbg.analyzer.why.WhyReport.RuleState;
import dev.agentdbg.analyzer.why.WhyReport.SpanRef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the {@code why} command's text report: the verdict, then the evidence as aligned key-value lines. */
public final class WhyText {

    private static final int KEY = 16;

    private WhyText() {
    }

    public static void render(WhyReport r, Summary.Selection sel, ReadReport read, List<String> notes,
                              PrintWriter target, int width) {
        PrintWriter out = FittedWriter.around(target, width);
        out.println("agentdbg why " + r.target() + " in run " + sel.runId());
        List<String> others = sel.otherRunIds();
        if (!others.isEmpty()) {
            String how = sel.newest() ? "newest of " : "chosen with --run from ";
            out.println(TextReport.INDENT + "(" + how + (others.size() + 1) + " runs in " + sel.input()
                    + "; pick another with --run <runId>)");
        }
        warnings(read, notes, r.notes(), out);
        TextReport.section(out, "Verdict: " + r.verdict().title());
        out.println(TextReport.INDENT + r.target() + ": " + r.headline());
        TextReport.section(out, "Evidence");
        if (r.rules().isEmpty() && r.methods().isEmpty() && r.counts().calls() == 0 && r.classes().isEmpty()) {
            out.println(TextReport.INDENT + "nothing in the run matches " + r.target()
                    + ": no rule, instrumented method, span or class record");
        }
        for (RuleState rule : r.rules()) {
            kv(out, "rule", rule.name() + ": " + rule.conditions() + " (" + rule.kind() + ")"
                    + (rule.matchedAny() == null ? "" : rule.matchedAny() ? "; matched methods in this run"
                    : "; matched no method in this run"));
        }
        for (MethodCalls m : r.methods()) {
            kv(out, "instrumented", m.method().displayNameWithParameters() + " (rule " + m.method().rule() + ", "
                    + m.method().kind() + "): " + calls(m));
        }
        if (r.counts().calls() > 0) {
            kv(out, "calls", r.counts().calls() + ": " + r.counts().ok() + " returned, " + r.counts().failed()
                    + " failed, " + r.counts().early() + " returned early");
            kv(out, "called by", callers(r.callers()));
        }
        r.earlyReasons().forEach((reason, n) -> kv(out, "returned early", n + " × " + reason));
        for (WhyReport.ErrorGroup g : r.errors()) {
            String message = g.count() > 1 ? MessageNormalizer.normalize(g.error().message()) : g.error().message();
            kv(out, "exception", g.count() + " × " + g.error().type() + (message == null ? "" : ": " + message));
            if (g.error().topFrame() != null) {
                kv(out, "", "at " + g.error().topFrame());
            }
            if (g.error().causeHeadline() != null) {
                kv(out, "", "caused by " + g.error().causeHeadline());
            }
        }
        spans(out, "failed spans", r.failedSpans());
        spans(out, "early spans", r.earlySpans());
        if (r.failedSpans().isEmpty() && r.earlySpans().isEmpty()) {
            spans(out, "spans", r.okSpans());
        }
        for (ClassEvidence c : r.classes()) {
            kv(out, "class", c.seen().simpleName() + ": " + classLine(c.seen()));
            if (!c.seen().methods().isEmpty()) {
                kv(out, "", "declares " + String.join(", ", c.seen().methods())
                        + (c.seen().moreMethods() > 0 ? " and " + c.seen().moreMethods() + " more" : ""));
            }
        }
        if (r.closest() != null) {
            kv(out, "closest rule", miss(r.closest()));
            for (ClassEvidence c : r.classes()) {
                for (RuleMiss m : c.misses()) {
                    if (!m.rule().equals(r.closest().rule()) && m.className().equals(r.closest().className())) {
                        kv(out, "also near", miss(m));
                    }
                }
            }
        }
        if (!r.siblings().isEmpty()) {
            String kind = r.siblings().get(0).method().kind();
            List<String> ran = new ArrayList<>();
            for (MethodCalls s : r.siblings()) {
                ran.add(s.method().displayName() + " ×" + s.calls() + " (called by " + callers(s.callers()) + ")");
            }
            for (int i = 0; i < ran.size(); i++) {
                kv(out, i == 0 ? "ran instead" : "", (i == 0 ? kind + " spans that ran: " : "") + ran.get(i));
            }
        }
        out.flush();
    }

    private static String classLine(ClassSeen s) {
        String rules = String.join(", ", s.rules());
        return switch (s.outcome()) {
            case ClassSeen.TRANSFORMED -> "loaded and instrumented (rules " + rules + ")";
            case ClassSeen.FAILED -> "loaded; instrumenting it failed: " + s.reason();
            case ClassSeen.NO_METHOD -> "loaded, not instrumented: rule(s) " + rules + " match the class, not its methods";
            case ClassSeen.IGNORED -> "loaded, never instrumented: " + s.reason();
            default -> "loaded, not instrumented: no rule matched it; its name is close to rule(s) " + rules;
        };
    }

    private static String miss(RuleMiss m) {
        String why = m.reasons().isEmpty() ? "matches" : String.join("; ", m.reasons());
        return m.rule() + " (" + m.conditions() + "): " + why;
    }

    private static String calls(MethodCalls m) {
        if (m.calls() == 0) {
            return "never called";
        }
        return m.calls() + " call(s), " + m.failed() + " failed, called by " + callers(m.callers());
    }

    static String callers(List<Caller> callers) {
        if (callers.isEmpty()) {
            return "-";
        }
        return callers.stream().limit(4).map(c -> c.name() + " ×" + c.calls()).collect(Collectors.joining(", "))
                + (callers.size() > 4 ? " and " + (callers.size() - 4) + " more" : "");
    }

    private static void spans(PrintWriter out, String key, List<SpanRef> spans) {
        for (int i = 0; i < spans.size(); i++) {
            SpanRef s = spans.get(i);
            kv(out, i == 0 ? key : "", s.span() + "  trace " + TextReport.shortTrace(s.trace()) + "  "
                    + (s.offsetNanos() < 0 ? "" : "at " + Durations.offset(s.offsetNanos()) + "  ")
                    + Durations.human(s.durNanos()) + "  " + s.name());
        }
    }

    private static void kv(PrintWriter out, String key, String value) {
        String padded = key + " ".repeat(Math.max(1, KEY - key.length()));
        out.println((TextReport.INDENT + padded + TextReport.oneLine(value)).stripTrailing());
    }

    private static void warnings(ReadReport read, List<String> notes, List<String> reportNotes, PrintWriter out) {
        List<String> lines = new ArrayList<>(notes);
        for (SkippedLine line : read.skipped()) {
            lines.add(line.describe());
        }
        long unlisted = read.skippedTotal() - read.skipped().size();
        if (unlisted > 0) {
            lines.add("... and " + unlisted + " more skipped line(s)");
        }
        lines.addAll(read.notes());
        lines.addAll(reportNotes);
        if (lines.isEmpty()) {
            return;
        }
        TextReport.section(out, "Warnings");
        for (String l : lines) {
            out.println(TextReport.INDENT + "! " + TextReport.oneLine(l));
        }
    }
}
