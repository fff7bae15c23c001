package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Renders the timeline: each trace as an indented call tree with offsets, durations and outcomes. */
final class TimelineText {

    private static final String LEVEL = "  ";

    private TimelineText() {
    }

    static void render(Summary s, PrintWriter out, int width) {
        Summary.Timeline timeline = s.timeline();
        int shown = timeline.traces().size();
        boolean partial = timeline.hiddenTraces() > 0;
        String of = partial ? shown + " of " + timeline.totalTraces() + " traces: " + chosenBy(timeline)
                : shown + " traces";
        TextReport.section(out, "Timeline (" + of + "; start is ms from the trace start)");
        if (timeline.totalTraces() == 0) {
            out.println(TextReport.INDENT + "no traces");
            return;
        }
        if (timeline.traces().stream().flatMap(t -> t.lines().stream())
                .anyMatch(l -> l.span().async() || l.parallel())) {
            out.println(TextReport.INDENT + "=> ran on another thread [thread], handed over by its parent;"
                    + " || overlaps a sibling in time (parallel)");
        }
        long runStart = s.wall().start();
        for (Summary.TimelineTrace trace : timeline.traces()) {
            out.println();
            String took = trace.stillRunning()
                    ? "STILL RUNNING at end of run, after " + Durations.human(trace.end() - trace.start())
                    : "took " + Durations.human(trace.end() - trace.start());
            String unfinished = trace.stillRunning() ? ", " + trace.unfinishedCount() + " unfinished" : "";
            out.println(TextReport.INDENT + "trace " + trace.trace() + "  thread " + trace.thread()
                    + "  at " + Durations.offset(trace.start() - runStart) + " (" + Durations.clock(trace.start())
                    + " UTC)  " + took
                    + "  " + trace.spanCount() + " span(s), " + trace.errorCount() + " failed" + unfinished
                    + (partial ? shownAs(trace) : ""));
            TextTable table = new TextTable(">start", ">duration", "~span", "kind", "~component", "-status");
            for (Summary.TimelineLine line : trace.lines()) {
                Span span = line.span();
                String name = LEVEL.repeat(line.depth()) + (line.parallel() ? "|| " : "")
                        + (span.async() ? "=> " : "") + CallNames.label(line.method(), span.attrs())
                        + (span.async() ? " [" + span.thread() + "]" : "")
                        + (line.orphan() ? " (parent " + span.parentHex() + " not recorded)" : "");
                // The model and tokens end the name, where shortening keeps them: an llm line is read for them.
                String llm = Kinds.LLM.equals(line.method().kind()) ? CallNames.llmDetail(span.attrs()) : "";
                table.row(Durations.millis(span.start() - trace.start()), Durations.human(span.dur()),
                        withDetail(name, llm), line.method().kind(),
                        line.method().component(),
                        line.running() ? running(span.dur()) : status(span, s.servedFrom(span)));
            }
            table.print(out, TextReport.INDENT + "  ", width);
            if (trace.hiddenSpans() > 0) {
                out.println(TextReport.INDENT + "  ... " + trace.hiddenSpans()
                        + " more span(s) in this trace (raise --max-lines)");
            }
        }
        if (partial) {
            out.println();
            long failing = timeline.hiddenFailed();
            out.println(TextReport.INDENT + "... " + timeline.hiddenTraces() + " more trace(s)"
                    + (failing > 0 ? ", " + failing + " of them failing (raise --max-traces or --failing-traces)"
                            : " (raise --max-traces)"));
        }
    }

    /** Which traces a partial timeline shows, e.g. "the first 50, the 5 slowest, the first 10 failing". */
    private static String chosenBy(Summary.Timeline t) {
        StringBuilder b = new StringBuilder("the first " + t.first());
        if (t.slowest() > 0) {
            b.append(", the ").append(t.slowest()).append(" slowest");
        }
        if (t.failed() > 0) {
            b.append(", the first ").append(t.failed()).append(" failing");
        }
        return b.toString();
    }

    /** Why a trace of a partial timeline is shown, when not (only) as one of the first. */
    private static String shownAs(Summary.TimelineTrace trace) {
        List<String> why = new ArrayList<>();
        if (trace.shownAs().contains("slowest")) {
            why.add("one of the slowest");
        }
        if (trace.shownAs().contains("failing")) {
            why.add("failing");
        }
        return why.isEmpty() ? "" : "  [" + String.join(", ", why) + "]";
    }

    /** The span's name and its LLM detail; the tokens, which end it, are kept whole when the name is shortened. */
    private static Object withDetail(String name, String llm) {
        if (llm.isEmpty()) {
            return name;
        }
        if (!llm.endsWith(" tok")) {
            return name + "  " + llm;
        }
        int tokens = llm.lastIndexOf("  ");
        return tokens < 0 ? new TextTable.Tail(name, "  " + llm)
                : new TextTable.Tail(name + "  " + llm.substring(0, tokens), llm.substring(tokens));
    }

    /** The status of an unfinished call: it had been running this long when the run ended. */
    static String running(long runningNanos) {
        return "RUNNING (at end of run, " + Durations.human(runningNanos) + ")";
    }

    /** {@code ok} or {@code ERROR Type}, marked {@code (replayed)} when a replay served the call. */
    static String status(Span span, String servedFrom) {
        String status = span.isError() ? "ERROR " + span.error().simpleType() : "ok";
        if (servedFrom == null) {
            return status;
        }
        return status + ("override".equals(servedFrom) ? " (replayed, override)" : " (replayed)");
    }
}
