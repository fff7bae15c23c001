package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.model.Descriptors;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.replay.ReplayPlan;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders the {@code replay-plan} command's report: what a replay of a recorded run would serve, and why not. */
public final class ReplayPlanText {

    private static final Pattern METHOD_KEY = Pattern.compile("(?:.*\\.)?([^.#]+)#([^(]+)(\\(.*)");

    private ReplayPlanText() {
    }

    /** Renders within {@code width} columns; {@link Integer#MAX_VALUE} shortens nothing. */
    public static void render(ReplayPlan plan, Summary.Selection selection, ReadReport read, List<String> notes,
                              PrintWriter target, int width) {
        PrintWriter out = FittedWriter.around(target, width);
        header(plan, selection, read, out);
        warnings(plan, read, notes, out);
        llm(plan, out, width);
        values(plan, out, width);
        lost(plan, out);
        det(plan, out);
        out.flush();
    }

    private static void header(ReplayPlan plan, Summary.Selection sel, ReadReport read, PrintWriter out) {
        out.println("agentdbg replay plan of run " + sel.runId());
        if (!sel.otherRunIds().isEmpty()) {
            out.println(TextReport.INDENT + "(" + (sel.newest() ? "newest recorded run" : "chosen with --run")
                    + " of " + (sel.otherRunIds().size() + 1) + " runs in " + sel.input()
                    + "; pick another with --run <runId>)");
        }
        for (ReadReport.FileRead f : read.files()) {
            out.println(TextReport.INDENT + "recording: " + f.path() + " (part " + f.part() + ", " + f.lines()
                    + " lines)");
        }
        String until = plan.until() == null ? "no replay.until (every LLM call it can)"
                : "replay.until=" + plan.until() + " (LLM calls after call " + plan.until() + " run live)";
        out.println(TextReport.INDENT + "what a replay with replay.kinds=" + String.join(",", plan.kinds())
                + " and " + until + " serves; nothing is run");
    }

    private static void warnings(ReplayPlan plan, ReadReport read, List<String> notes, PrintWriter out) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(read.notes());
        all.addAll(plan.notes());
        if (plan.otherLost() > 0) {
            all.add(plan.otherLost() + " unreadable line(s) held trace records (spans, starts, ...), not recorded"
                    + " answers: replay does not need them (summary lists them)");
        }
        if (all.isEmpty()) {
            return;
        }
        TextReport.section(out, "Warnings");
        all.forEach(w -> out.println(TextReport.INDENT + "! " + TextReport.oneLine(w)));
    }

    private static void llm(ReplayPlan plan, PrintWriter out, int width) {
        TextReport.section(out, "LLM calls by endpoint (" + plan.llmRecorded() + " recorded, " + plan.llmServed()
                + " served)");
        if (plan.llm().isEmpty()) {
            out.println(TextReport.INDENT + "no LLM exchange was recorded (no HTTP call of a covered client ran under"
                    + " an llm span)");
        } else {
            groups(plan.llm(), false, out, width);
        }
        if (plan.missingTotal() > 0) {
            String listed = plan.missing().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                    + (plan.missingTotal() > plan.missing().size() ? ", ..." : "");
            out.println(TextReport.INDENT + "! " + plan.missingTotal() + " call number(s) not in the recording ("
                    + listed + "): dropped when recorded (the agent's memory budget) or in a part that is missing;"
                    + " a replay that reaches them goes by replay.onMissing");
        }
    }

    private static void values(ReplayPlan plan, PrintWriter out, int width) {
        if (plan.values().isEmpty()) {
            return;
        }
        boolean allLive = plan.values().stream().allMatch(g -> g.liveReason() != null);
        TextReport.section(out, "Tool and other method calls by method (" + plan.valuesRecorded() + " recorded, "
                + plan.valuesServed() + " served" + (allLive ? "; replay.kinds=" + String.join(",", plan.kinds())
                + ": they run live" : "") + ")");
        groups(plan.values(), true, out, width);
    }

    private static void groups(List<ReplayPlan.Group> groups, boolean methods, PrintWriter out, int width) {
        TextTable table = methods
                ? new TextTable("~method", "kind", "~rule", ">recorded", ">replayable", ">served", "-in a replay")
                : new TextTable("~endpoint", ">recorded", ">replayable", ">served", "-in a replay");
        for (ReplayPlan.Group g : groups) {
            String fate = fate(g);
            if (methods) {
                table.row(display(g.key()), g.kind(), g.rule() == null ? "-" : g.rule(), g.recorded(),
                        g.replayable(), g.served(), fate);
            } else {
                table.row(g.key(), g.recorded(), g.replayable(), g.served(), fate);
            }
        }
        table.print(out, TextReport.INDENT, width);
        for (ReplayPlan.Group g : groups) {
            for (String why : g.notServed()) {
                out.println(TextReport.INDENT + "! " + (methods ? display(g.key()) : g.key()) + ", "
                        + TextReport.oneLine(why));
            }
        }
    }

    /** What a replay does with the group's answers, in a few words. */
    private static String fate(ReplayPlan.Group g) {
        String unservable = g.unservable() == 0 ? "" : "; " + g.unservable() + " unservable (below)";
        if (g.liveReason() != null) {
            // Calls that run live anyway need no count of what could not have been served.
            return g.served() > 0 ? "served, " + g.liveReason() + unservable : g.liveReason();
        }
        return g.served() > 0 ? "served" + unservable : "none can be served (below)";
    }

    private static void lost(ReplayPlan plan, PrintWriter out) {
        if (plan.lostTotal() == 0) {
            return;
        }
        TextReport.section(out, "Unreadable lines (" + plan.lostTotal() + "): what they held is lost, the rest is"
                + " served");
        for (ReplayPlan.LostLine l : plan.lost()) {
            out.println(TextReport.INDENT + "! line " + l.line() + " of " + l.file().getFileName() + ": "
                    + TextReport.oneLine(l.reason()) + "; " + held(l));
        }
        if (plan.lostTotal() > plan.lost().size()) {
            out.println(TextReport.INDENT + "! ... and " + (plan.lostTotal() - plan.lost().size()) + " more");
        }
    }

    /** What the line held, as far as its first bytes tell. */
    static String held(ReplayPlan.LostLine l) {
        if (l.type() == null) {
            return "its record type cannot be told: if it held a recorded answer, that answer is lost";
        }
        if ("exchange".equals(l.type())) {
            String call = l.call() > 0 ? "LLM call " + l.call() : "an LLM call (number unreadable)";
            return "it held " + call + (l.key() == null ? "" : " (" + l.key() + ")") + ", which is lost";
        }
        if ("value".equals(l.type())) {
            return "it held a recorded value" + (l.key() == null ? "" : " of " + display(l.key())) + ", which is lost";
        }
        return "it held deterministic values (" + l.type() + "), which are lost";
    }

    private static void det(ReplayPlan plan, PrintWriter out) {
        if (plan.det().isEmpty()) {
            return;
        }
        TextReport.section(out, "Deterministic values (served when the replay sets agentdbg.replay.deterministic)");
        TextTable table = new TextTable("what", ">call sites", ">values");
        plan.det().forEach(d -> table.row(d.what(), d.sites(), d.values()));
        table.print(out, TextReport.INDENT, Integer.MAX_VALUE);
    }

    /** {@code com.acme.Tool#run(Ljava/lang/String;)V} as people read it: {@code Tool.run(String)}. */
    static String display(String key) {
        Matcher m = METHOD_KEY.matcher(key);
        if (!m.matches()) {
            return key;
        }
        return m.group(1) + "." + m.group(2) + Descriptors.parameterList(m.group(3));
    }
}
