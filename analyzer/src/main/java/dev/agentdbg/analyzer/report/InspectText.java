package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.inspect.Inspection;
import dev.agentdbg.analyzer.inspect.Listing;
import dev.agentdbg.analyzer.inspect.SpanRow;
import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.Descriptors;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanError;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.SkippedLine;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The text of {@code inspect}: a list of spans, or one span whole. */
public final class InspectText {

    private static final String INDENT = TextReport.INDENT;
    private static final int KEY_WIDTH = 12;
    private static final int SKIPPED_LISTED = 5;

    private InspectText() {
    }

    /** The matching spans, one aligned line each. */
    public static void render(Listing l, SpanFilter filter, List<String> notes, PrintWriter target, int width) {
        PrintWriter out = FittedWriter.around(target, width);
        out.println("agentdbg inspect of run " + l.runId() + ": " + l.matched() + " of " + l.spans() + " spans"
                + (filter.isAll() ? "" : " match the filters") + (l.matched() > l.rows().size()
                ? ", the earliest " + l.rows().size() + " listed" : ""));
        warnings(l.read(), join(notes, l.notes()), out);
        if (l.rows().isEmpty()) {
            out.println();
            out.println(INDENT + (l.matched() > 0 ? l.matched() + " span(s) match, none listed (--limit 0)"
                    : l.spans() == 0 ? "the run has no finished spans" : "no span matches the filters"));
            out.flush();
            return;
        }
        out.println();
        TextTable table = new TextTable("span", "trace", ">start", ">duration", "kind", "~name", "-status");
        for (SpanRow r : l.rows()) {
            Span s = r.span();
            table.row(s.idHex(), TextReport.shortTrace(s.trace()), Durations.offset(s.start() - l.runStart()),
                    Durations.human(s.dur()), r.method().kind(), CallNames.label(r.method(), s.attrs()), status(s));
        }
        table.print(out, "", width);
        long rest = l.matched() - l.rows().size();
        if (rest > 0) {
            out.println("... and " + rest + " more (raise --limit, or narrow with the filters)");
        }
        out.println();
        out.println("show one whole: inspect <trace> <span id>");
        out.flush();
    }

    /** One span whole. */
    public static void render(Inspection in, List<String> notes, PrintWriter target, int width) {
        PrintWriter out = FittedWriter.around(target, width);
        Span s = in.span();
        MethodInfo m = in.method();
        RunInfo run = in.run();
        out.println("agentdbg inspect of span " + s.idHex() + " in run " + in.runId() + (run == null ? ""
                : run.isReplay() ? " (a replay" + (run.replayOf() == null ? "" : " of " + run.replayOf()) + ")"
                : run.isRecording() ? " (recorded)" : ""));
        warnings(in.read(), join(notes, in.notes()), out);
        out.println();
        kv(out, "method", m.isUnknown() ? m.displayName() : m.className() + "." + m.method()
                + Descriptors.parameterList(m.desc()));
        kv(out, "source", m.sourceLocation() == null ? "-" : m.sourceLocation());
        String label = CallNames.label(m, s.attrs());
        if (!label.equals(m.displayName())) {
            kv(out, "name", label);
        }
        kv(out, "kind", m.kind());
        kv(out, "component", m.component());
        if (m.rule() != null) {
            kv(out, "rule", m.rule());
        }
        kv(out, "trace", s.trace());
        kv(out, "parent", s.hasParent() ? s.parentHex() + (s.async() ? " (async: on another thread)" : "") : "none (a root)");
        kv(out, "thread", s.thread() == null ? "-" : s.thread() + " (id " + s.threadId() + ")");
        kv(out, "start", Durations.clock(s.start()) + " UTC (" + Durations.offset(s.start() - in.runStart())
                + " into the run)");
        kv(out, "end", Durations.clock(s.end()) + " UTC (" + Durations.offset(s.end() - in.runStart()) + ")");
        kv(out, "duration", Durations.human(s.dur()));
        kv(out, "status", s.isError() ? "error" : "ok");
        recordReplay(in, out);
        attributes(s, out);
        payload(s, out);
        exception(s, m, out);
        parents(in, out, width);
        children(in, out, width);
        if (in.tree() != null) {
            tree(in, out, width);
        }
        out.flush();
    }

    /** What the live debugger did to this call: a user who edited its value must be believed over the code. */
    private static void debugger(Inspection in, PrintWriter out) {
        long pauses = 0;
        long paused = 0;
        for (dev.agentdbg.analyzer.model.DebugEvent e : in.debug()) {
            if ("pause".equals(e.event())) {
                pauses++;
            } else if ("release".equals(e.event())) {
                paused += Math.max(0, e.pausedNanos());
            } else if ("edit".equals(e.event())) {
                kv(out, "edited live", e.target() + " changed by hand in the debugger: " + cut(e.before()) + " -> "
                        + cut(e.after()));
            }
        }
        if (pauses > 0) {
            kv(out, "debugger", "paused " + pauses + (pauses == 1 ? " time" : " times") + " ("
                    + Durations.human(paused) + ")");
        }
    }

    private static String cut(String value) {
        if (value == null) {
            return "(none)";
        }
        String one = value.replace('\n', ' ');
        return one.length() > 200 ? one.substring(0, 197) + "..." : one;
    }

    private static void recordReplay(Inspection in, PrintWriter out) {
        debugger(in, out);
        RunInfo run = in.run();
        if (run != null && run.isReplay() || !in.replayed().isEmpty()) {
            if (in.replayed().isEmpty()) {
                kv(out, "replayed", "no: this call ran live in the replay");
            }
            for (Replayed r : in.replayed()) {
                kv(out, "replayed", "yes: " + r.kind() + " call " + r.call() + " served from the "
                        + ("override".equals(r.source()) ? "override (agentdbg.replay.override)" : "recording")
                        + (r.key() == null ? "" : ", " + r.key()));
            }
        }
        boolean recording = run != null && run.isRecording();
        if (recording && in.exchanges().isEmpty() && in.values().isEmpty()) {
            kv(out, "recorded", "nothing recorded for this call");
        }
        for (Exchange e : in.exchanges()) {
            String why = e.unservableReason();
            kv(out, "recorded", "LLM call " + e.call() + ": " + e.endpoint()
                    + (e.status() == null ? "" : ", HTTP " + e.status()) + (why == null ? ", replayable" : ", not replayable: " + why));
        }
        for (RecordedValue v : in.values()) {
            String why = v.unservableReason();
            kv(out, "recorded", "value (" + v.outcome() + (v.className() == null ? "" : " " + v.className()) + ")"
                    + (why == null ? ", replayable" : ", not replayable: " + why));
        }
    }

    private static void attributes(Span s, PrintWriter out) {
        if (s.attrs().isEmpty()) {
            return;
        }
        TextReport.section(out, "Attributes");
        int keyWidth = s.attrs().asMap().keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        for (Map.Entry<String, JsonNode> e : s.attrs().asMap().entrySet()) {
            String value = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
            out.println(INDENT + e.getKey() + " ".repeat(keyWidth - e.getKey().length()) + TextReport.oneLine(value));
        }
    }

    private static void payload(Span s, PrintWriter out) {
        TextReport.section(out, "Arguments");
        if (s.args().isEmpty()) {
            out.println(INDENT + "not captured (the rule does not capture, or the method takes none)");
        }
        for (int i = 0; i < s.args().size(); i++) {
            json(out, "[" + i + "] ", s.args().get(i));
        }
        TextReport.section(out, "Result");
        if (s.result() == null) {
            out.println(INDENT + (s.isError() ? "none: the call threw" : "not captured (void, or the rule does not capture)"));
        } else {
            json(out, "", s.result());
        }
    }

    private static void json(PrintWriter out, String label, JsonNode value) {
        String text;
        try {
            text = JsonReport.MAPPER.writer(JsonReport.PRETTY).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        String pad = " ".repeat(label.length());
        boolean first = true;
        for (String line : text.split("\n", -1)) {
            out.println(INDENT + (first ? label : pad) + line);
            first = false;
        }
    }

    private static void exception(Span s, MethodInfo m, PrintWriter out) {
        SpanError e = s.error();
        if (e == null) {
            return;
        }
        TextReport.section(out, "Exception");
        out.println(INDENT + TextReport.oneLine(e.headline()));
        for (String frame : e.stack()) {
            out.println(INDENT + "    at " + frame);
        }
        if (e.framesOmitted() > 0) {
            out.println(INDENT + "    ... " + e.framesOmitted() + " more frame(s) not recorded (agentdbg.exception.frames)");
        }
        if (e.causeHeadline() != null) {
            out.println(INDENT + "caused by: " + TextReport.oneLine(e.causeHeadline()));
        }
        String own = e.frameOf(m);
        if (own != null && !own.equals(e.topFrame())) {
            out.println(INDENT + "in the traced method at " + own);
        }
    }

    private static void parents(Inspection in, PrintWriter out, int width) {
        TextReport.section(out, "Parent chain (root first)");
        if (!in.span().hasParent()) {
            out.println(INDENT + "none: this span is a root");
            return;
        }
        if (in.missingParent() != 0) {
            out.println(INDENT + Span.hex(in.missingParent()) + "  not in the trace: " + (in.parentRunning()
                    ? "still running when the run ended" : "not written (a full buffer) or still running at the end"));
        }
        TextTable table = rowsTable();
        for (SpanRow r : in.ancestors()) {
            addRow(table, r, in.span().start());
        }
        if (!table.isEmpty()) {
            table.print(out, INDENT, width);
        }
    }

    private static void children(Inspection in, PrintWriter out, int width) {
        TextReport.section(out, "Children (" + in.childrenTotal() + ")");
        if (in.children().isEmpty()) {
            out.println(INDENT + (in.childrenTotal() == 0 ? "none" : "none listed (--limit 0)"));
            return;
        }
        TextTable table = rowsTable();
        for (SpanRow r : in.children()) {
            addRow(table, r, in.span().start());
        }
        table.print(out, INDENT, width);
        long rest = in.childrenTotal() - in.children().size();
        if (rest > 0) {
            out.println(INDENT + "... and " + rest + " more (raise --limit)");
        }
    }

    private static TextTable rowsTable() {
        return new TextTable("span", ">start", ">duration", "kind", "~name", "-status");
    }

    private static void addRow(TextTable table, SpanRow r, long from) {
        Span s = r.span();
        table.row(s.idHex(), Durations.offset(s.start() - from), Durations.human(s.dur()), r.method().kind(),
                CallNames.label(r.method(), s.attrs()), status(s));
    }

    private static void tree(Inspection in, PrintWriter out, int width) {
        TextReport.section(out, "Tree (start relative to this span)");
        TextTable table = new TextTable("~call", "span", ">start", ">duration", "kind", "-status");
        treeRows(table, in.tree(), "", in.span().start());
        table.print(out, INDENT, width);
    }

    private static void treeRows(TextTable table, Inspection.Tree node, String indent, long from) {
        Span s = node.row().span();
        table.row(indent + CallNames.label(node.row().method(), s.attrs()), s.idHex(),
                Durations.offset(s.start() - from), Durations.human(s.dur()), node.row().method().kind(), status(s));
        for (Inspection.Tree child : node.children()) {
            treeRows(table, child, indent + "  ", from);
        }
        if (node.hidden() > 0) {
            table.row(indent + "  ... " + node.hidden() + " more (--depth, --limit)", "", "", "", "", "");
        }
    }

    static String status(Span s) {
        return s.isError() ? "error " + s.error().simpleType() : "ok";
    }

    private static void kv(PrintWriter out, String key, String value) {
        out.println((INDENT + key + " ".repeat(Math.max(1, KEY_WIDTH - key.length())) + TextReport.oneLine(value))
                .stripTrailing());
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void warnings(ReadReport read, List<String> notes, PrintWriter out) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(read.notes());
        List<SkippedLine> skipped = read.skipped();
        for (int i = 0; i < skipped.size() && i < SKIPPED_LISTED; i++) {
            all.add(skipped.get(i).describe());
        }
        if (read.skippedTotal() > SKIPPED_LISTED) {
            all.add("... and " + (read.skippedTotal() - SKIPPED_LISTED) + " more skipped line(s)");
        }
        for (String w : all) {
            out.println(INDENT + "! " + TextReport.oneLine(w));
        }
    }
}
