package dev.agentdbg.analyzer.bundle;

import dev.agentdbg.analyzer.llm.ModelStats;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.SpanError;
import dev.agentdbg.analyzer.report.Durations;
import dev.agentdbg.analyzer.summary.Summary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code debug_context.md}: the run in brief, what the agent did, what failed and where, the slowest parts,
 * token use and cost, and a prompt for a coding assistant. Everything in it comes from the trace.
 */
public final class DebugContext {

    static final int MAX_TRACES_TOLD = 5;
    static final int MAX_ERROR_GROUPS = 10;
    static final int MAX_SLOWEST = 8;
    static final int MAX_FRAMES = 12;

    /**
     * @param run       the summary of the whole run
     * @param scope     the summary of the selected spans
     * @param selection the selection in words, e.g. "error group 1: IOException in web_search (WebSearchTool.run)"
     */
    public record Input(Summary run, Summary scope, String selection, BundleCollector spans, int maxSpans,
                        long maxBytes) {
    }

    private final StringBuilder md = new StringBuilder();

    private DebugContext() {
    }

    public static String render(Input in) {
        DebugContext d = new DebugContext();
        d.write(in);
        return d.md.toString();
    }

    private void write(Input in) {
        Summary whole = in.run();
        Summary scope = in.scope();
        RunInfo r = whole.run();
        String runId = r != null ? r.runId() : whole.selection().runId();
        line("# Debug context: run " + runId);
        line("");
        line("Written by `agentdbg-analyzer bundle` from the agentdbg trace of this run. Selection: " + in.selection()
                + ". Every value below was copied from the trace (payloads were redacted by the agent when it wrote"
                + " them); nothing was added from the machine that made the bundle.");
        line("");
        runInBrief(whole, r);
        whatItDid(in);
        failures(scope);
        slowest(scope);
        tokens(scope);
        files(in);
        prompt(in, scope);
    }

    private void runInBrief(Summary whole, RunInfo r) {
        line("## The run");
        line("");
        if (r != null) {
            line("- run id: `" + r.runId() + "` (mode " + r.mode() + (r.replayOf() != null ? ", replay of "
                    + r.replayOf() : "") + ")");
            line("- command: `" + nz(r.command()) + "`");
            line("- JVM: " + nz(r.jvmVersion()) + " (" + nz(r.jvmVendor()) + ", " + nz(r.jvmName()) + "), agent "
                    + nz(r.agentVersion()));
            line("- started: " + nz(r.start()));
        }
        line("- wall duration: " + Durations.human(whole.wall().durationNanos()) + " (" + whole.wall().basis() + ")");
        line("- spans: " + whole.spanCount() + ", failed: " + whole.errorCount() + ", still running at the end: "
                + whole.unfinishedCount());
        AgentStats st = whole.stats();
        if (st != null) {
            line("- agent stats" + (st.isFinal() ? " (final)" : " (not final: the JVM did not exit normally)") + ": "
                    + st.spans() + " spans written, " + st.dropped() + " dropped, " + st.internalErrors()
                    + " internal errors, " + st.methodsInstrumented() + " methods instrumented in "
                    + st.classesTransformed() + " classes");
        }
        if (whole.read().skippedTotal() > 0) {
            line("- lines skipped: " + whole.read().skippedTotal() + " (corrupt or torn; the figures cover the rest)");
        }
        for (String w : whole.warnings().subList(0, Math.min(10, whole.warnings().size()))) {
            line("- warning: " + w);
        }
        line("");
    }

    private void whatItDid(Input in) {
        line("## What the agent did");
        line("");
        Map<String, List<Selected>> traces = Narrative.byTrace(in.spans().kept());
        if (traces.isEmpty()) {
            line("No span matched the selection.");
            line("");
            return;
        }
        // Failing traces first: they are why the bundle was made.
        List<Map.Entry<String, List<Selected>>> ordered = traces.entrySet().stream()
                .sorted((a, b) -> Boolean.compare(failed(b.getValue()), failed(a.getValue()))).toList();
        int told = 0;
        for (Map.Entry<String, List<Selected>> t : ordered) {
            if (told++ == MAX_TRACES_TOLD) {
                break;
            }
            List<Selected> spans = t.getValue();
            long start = spans.stream().mapToLong(s -> s.span().start()).min().orElse(0);
            long end = spans.stream().mapToLong(s -> s.span().end()).max().orElse(0);
            long failed = spans.stream().filter(s -> s.span().isError()).count();
            line("### Trace `" + t.getKey() + "` (thread " + nz(spans.get(0).span().thread()) + ", at "
                    + Durations.offset(start - in.run().wall().start()) + ", " + Durations.human(end - start) + ", "
                    + spans.size() + " span(s), " + failed + " failed)");
            line("");
            Narrative.tell(spans).forEach(this::line);
            line("");
        }
        if (traces.size() > MAX_TRACES_TOLD) {
            line("(" + (traces.size() - MAX_TRACES_TOLD) + " more trace(s) in spans_excerpt.jsonl are not told here.)");
            line("");
        }
    }

    private static boolean failed(List<Selected> spans) {
        return spans.stream().anyMatch(s -> s.span().isError());
    }

    private void failures(Summary scope) {
        line("## What failed and where");
        line("");
        if (scope.errorGroups().isEmpty()) {
            line("No selected span failed.");
            line("");
            return;
        }
        int n = 0;
        for (Summary.ErrorGroup g : scope.errorGroups()) {
            if (n++ == MAX_ERROR_GROUPS) {
                line("(" + (scope.errorGroups().size() - MAX_ERROR_GROUPS) + " more error group(s) in"
                        + " profile_summary.json)");
                break;
            }
            line(n + ". **" + g.type() + "** in `" + g.name() + "`, " + g.count() + "x"
                    + (g.firstMessage() != null ? ": " + Narrative.oneLine(g.firstMessage(), 300) : ""));
            String where = g.method().sourceLocation();
            line("   - instrumented method: `" + g.method().className() + "." + g.method().method() + "`"
                    + (where != null ? " at " + where : " (no source line: the class had no debug information)"));
            Summary.SpanRef example = scope.errors().stream()
                    .filter(e -> e.method().id() == g.method().id() && e.span().error().type().equals(g.type()))
                    .findFirst().orElse(null);
            if (example == null) {
                line("");
                continue;
            }
            SpanError e = example.span().error();
            if (e.topFrame() != null) {
                line("   - thrown at: `" + e.topFrame() + "`");
            }
            String own = e.frameOf(g.method());
            if (own != null && !own.equals(e.topFrame())) {
                line("   - in the traced method at: `" + own + "`");
            }
            if (e.causeHeadline() != null) {
                line("   - cause: " + Narrative.oneLine(e.causeHeadline(), 300));
            }
            line("   - example: span `" + example.span().idHex() + "` of trace `" + example.span().trace() + "`");
            line("");
            line("   ```");
            line("   " + Narrative.oneLine(e.headline(), 300));
            e.stack().stream().limit(MAX_FRAMES).forEach(f -> line("       at " + f));
            int more = e.stack().size() - Math.min(MAX_FRAMES, e.stack().size()) + e.framesOmitted();
            if (more > 0) {
                line("       ... " + more + " more");
            }
            line("   ```");
            line("");
        }
    }

    private void slowest(Summary scope) {
        line("## The slowest parts");
        line("");
        if (scope.slowest().isEmpty()) {
            line("No span selected.");
            line("");
            return;
        }
        line("| span | kind | duration | self | trace | source |");
        line("|---|---|---:|---:|---|---|");
        scope.slowest().stream().limit(MAX_SLOWEST).forEach(ref -> line("| `"
                + dev.agentdbg.analyzer.model.CallNames.label(ref.method(), ref.span().attrs()) + "` | "
                + ref.method().kind() + " | " + Durations.human(ref.span().dur()) + " | "
                + Durations.human(ref.selfNanos()) + " | `" + ref.span().trace().substring(0,
                        Math.min(8, ref.span().trace().length())) + "` | " + nz(ref.method().sourceLocation()) + " |"));
        line("");
        line("Time by kind (self time is the span's own time, without its direct children):");
        line("");
        for (Summary.BreakdownRow row : scope.byKind()) {
            line("- " + row.name() + ": " + row.count() + " span(s), total " + Durations.human(row.totalNanos())
                    + ", self " + Durations.human(row.selfNanos()) + ", p95 " + Durations.human(row.p95Nanos()));
        }
        line("");
    }

    private void tokens(Summary scope) {
        line("## Token use and cost");
        line("");
        ModelStats total = scope.llm().total();
        if (total.calls() == 0) {
            line("No LLM call among the selected spans.");
            line("");
            return;
        }
        for (ModelStats m : scope.llm().models()) {
            line("- " + nz(m.model()) + ": " + m.calls() + " call(s), " + m.errors() + " failed, " + m.inputTokens()
                    + " input tokens (" + m.cachedInputTokens() + " cached), " + m.outputTokens() + " output tokens, "
                    + cost(m));
        }
        line("- total: " + total.calls() + " call(s), " + total.inputTokens() + " input / " + total.outputTokens()
                + " output tokens, " + cost(total));
        line("");
    }

    private static String cost(ModelStats m) {
        if (m.callsWithCost() == 0) {
            return "no cost estimate (no price for the model)";
        }
        BigDecimal usd = m.costUsd().setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return "estimated $" + usd.toPlainString() + (m.callsWithCost() < m.calls() ? " (" + m.callsWithCost()
                + " of " + m.calls() + " calls priced)" : "");
    }

    private void files(Input in) {
        line("## Files in this bundle");
        line("");
        line("- `profile_summary.json`: span count, time by kind, component and method, the slowest spans, the"
                + " errors and the LLM totals of the selection.");
        String excerpt = "- `spans_excerpt.jsonl`: " + in.spans().kept().size() + " of the " + in.spans().selected()
                + " selected span(s), one JSON object per line (strings over " + Excerpt.MAX_STRING
                + " characters cut with a `...[agentdbg bundle: cut, N chars in all]` marker)";
        if (in.spans().leftOut() > 0) {
            excerpt += "; " + in.spans().leftOut() + " span(s) were left out: the excerpt holds at most "
                    + in.maxSpans() + " spans (failed ones beyond that, up to " + BundleCollector.EXTRA_FAILED
                    + " more) and " + in.maxBytes() / 1024 + " KB, the first ones read (--max-spans, --max-kb)";
        }
        line(excerpt + ".");
        line("- `sources.txt`: the source files involved (instrumented methods and the application frames of the"
                + " stack traces), as paths relative to a source root.");
        line("");
    }

    private void prompt(Input in, Summary scope) {
        line("## Prompt for a coding assistant");
        line("");
        line("```text");
        String failing = scope.errorGroups().isEmpty() ? "behaves unexpectedly"
                : "fails: " + scope.errorGroups().get(0).type() + " in " + scope.errorGroups().get(0).name()
                        + (scope.errorGroups().size() > 1 ? " (and " + (scope.errorGroups().size() - 1)
                                + " other error group(s))" : "");
        line("You are helping debug a Java LLM agent application. A traced run of it " + failing + ".");
        line("This folder holds what the agentdbg trace recorded about the run:");
        line("- debug_context.md (this file): what the agent did, what failed and where, the slowest parts, tokens;");
        line("- profile_summary.json: timings by kind, component and method, slowest spans, error groups;");
        line("- spans_excerpt.jsonl: the spans themselves, with their arguments, results, errors and stacks;");
        line("- sources.txt: the source files involved, relative to the source root.");
        line("Read the failing spans and their stack traces, open the files of sources.txt at the lines given,");
        line("and find the root cause. Explain it, say which evidence in the spans supports it, and propose a");
        line("minimal fix (with a test) in the application's code. If the trace is not enough to decide,");
        line("say what else to record (which method or argument) to tell the candidate causes apart.");
        line("```");
    }

    private static String nz(String s) {
        return s == null ? "?" : s;
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
