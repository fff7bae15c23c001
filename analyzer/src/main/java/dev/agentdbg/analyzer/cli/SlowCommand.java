package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.SpanFilterOptions;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.RunCatalog;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.read.TraceReader;
import dev.agentdbg.analyzer.report.SlowJson;
import dev.agentdbg.analyzer.report.SlowText;
import dev.agentdbg.analyzer.slow.MethodDurations;
import dev.agentdbg.analyzer.slow.SlowCollector;
import dev.agentdbg.analyzer.slow.SlowReport;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code slow} command: spans over a threshold and whether the LLM, the tools or the code itself took the time. */
@Command(
        name = "slow",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Find the slow spans of a run and say where their time went.",
            "",
            "A span is slow when it took at least --threshold: by default its method's p95 within the run (so each "
                + "method's slowest calls are listed), or an absolute time. For each slow span its time is split into "
                + "LLM wait (LLM calls below it), tool time (tool calls below it, outside LLM waits) and own time "
                + "(the rest). Children on other threads count by the union of their intervals within the span, not "
                + "their sum. The verdict names the largest part; 'tools ran serially' when two or more direct tool "
                + "calls did not overlap one another (a heuristic: the trace cannot show whether one needed "
                + "another's result). Then the same split of the run's wall time (the union of its root spans).",
            "",
            "With a percentile threshold the trace is read twice (first each method's durations, then the "
                + "breakdown); with an absolute one, once. The filters choose which spans may be listed as slow; "
                + "the breakdown always counts all their children."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer slow agentdbg-traces/",
            "  agentdbg-analyzer slow agentdbg-traces/ --kind agent --threshold 2s",
            "  agentdbg-analyzer slow agentdbg-traces/ --threshold p99 --top 5 --json",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input, usage or out of memory."})
public final class SlowCommand implements Callable<Integer> {

    private static final Pattern PERCENTILE = Pattern.compile("[pP](\\d+(?:\\.\\d+)?)");

    @Mixin
    private RunInput run;

    @Mixin
    private SpanFilterOptions filters;

    @Option(names = "--threshold", paramLabel = "<p95|time>", defaultValue = "p95",
            description = "A span is slow from this duration on: a percentile of its method's durations in the run "
                    + "(p90, p95, p99; default: ${DEFAULT-VALUE}) or a time (200ms, 2s).")
    private String threshold;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "20",
            description = "List at most this many slow spans, the longest first (default: ${DEFAULT-VALUE}).")
    private int top;

    @Mixin
    private TerminalOptions terminal;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    /** Bad option values are one line on stderr and exit code 2, like bad input. */
    @Override
    public Integer call() throws BadInputException {
        if (top < 1) {
            throw new BadInputException("--top takes a number >= 1, not " + top);
        }
        SpanFilter filter = filters.filter();
        Double percentile = null;
        Long absolute = null;
        Matcher p = PERCENTILE.matcher(threshold.strip());
        if (p.matches()) {
            percentile = Double.parseDouble(p.group(1));
            if (percentile <= 0 || percentile > 100) {
                throw new BadInputException("--threshold takes a percentile from p1 to p100, "
                        + "not '" + threshold + "'");
            }
        } else {
            try {
                absolute = SpanFilter.parseDuration(threshold);
            } catch (NumberFormatException e) {
                absolute = -1L;
            }
            if (absolute < 0) {
                throw new BadInputException("--threshold takes a percentile (p95) or a time "
                        + "such as 200ms or 2s, not '" + threshold + "'");
            }
        }

        RunCatalog catalog = new TraceLocator().locate(run.inputs());
        RunFiles chosen = catalog.select(run.runId);
        TraceReader reader = terminal.reader(spec, main.env());
        Map<Integer, Long> thresholds = null;
        ReadReport read = null;
        if (percentile != null) {
            MethodDurations durations = new MethodDurations(filter);
            read = reader.read(chosen, durations);
            refuseEmpty(chosen, read);
            thresholds = durations.percentiles(percentile);
        }
        SlowCollector collector = new SlowCollector(filter, thresholds, absolute, top);
        ReadReport second = reader.read(chosen, collector);
        read = percentile != null ? read : second;
        refuseEmpty(chosen, read);
        SlowReport report = collector.build(percentile);

        List<String> others = catalog.runs().stream().map(RunFiles::runId).filter(id -> !id.equals(chosen.runId()))
                .toList();
        Summary.Selection selection = new Summary.Selection(run.inputs().get(0), catalog.directory(), chosen.runId(),
                others, run.runId == null);
        PrintWriter out = terminal.out(spec, main.env(), run.json);
        if (run.json) {
            SlowJson.render(report, selection, read, catalog.notes(), out);
        } else {
            SlowText.render(report, selection, read, catalog.notes(), out, run.width(main.env()));
        }
        return 0;
    }

    private static void refuseEmpty(RunFiles chosen, ReadReport read) throws BadInputException {
        if (read.records() == 0) {
            String why = read.skipped().isEmpty() ? "" : ": " + read.skipped().get(0).describe();
            String what = chosen.parts().size() == 1 ? chosen.parts().get(0).path().toString()
                    : "run " + chosen.runId() + " (" + chosen.parts().size() + " files)";
            throw new BadInputException("no trace records could be read from " + what + why);
        }
    }
}
