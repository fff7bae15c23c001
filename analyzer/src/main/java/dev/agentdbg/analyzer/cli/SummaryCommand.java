package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.report.JsonReport;
import dev.agentdbg.analyzer.report.TextReport;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.summary.SummaryOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code summary} command: run info, counts, timeline, time breakdown, slowest spans, unfinished calls, errors. */
@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Summarise one traced run: what ran, when, how long, and what failed.",
            "",
            "Shows run info, LLM totals (calls, tokens, cost, tool calls), agent stats, span counts by kind, a "
                + "timeline of every trace, time by kind, component and method (total, self, p50, p95), the slowest "
                + "spans, the calls still running when the run ended (a killed or hung run), and the errors.",
            "",
            "Given a directory with several runs, the newest is summarised and the others are named."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer summary agentdbg-traces/",
            "  agentdbg-analyzer summary agentdbg-traces/ --run 20261122-003012-4242-a1b2",
            "  agentdbg-analyzer summary agentdbg-traces/run.jsonl --json > summary.json",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input, usage or out of memory."})
public final class SummaryCommand implements Callable<Integer> {

    @Mixin
    private RunInput run;

    @Mixin
    private TerminalOptions terminal;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "10",
            description = "How many of the slowest spans to list (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--no-timeline", description = "Leave out the timeline.")
    private boolean noTimeline;

    @Option(names = "--max-traces", paramLabel = "<n>", defaultValue = "50",
            description = "The first traces (by start) shown in the timeline; 0 = all, which keeps every span in "
                    + "memory (default: ${DEFAULT-VALUE}).")
    private int maxTraces;

    @Option(names = "--slowest-traces", paramLabel = "<n>", defaultValue = "5",
            description = "The slowest traces also shown in the timeline; 0 = none (default: ${DEFAULT-VALUE}).")
    private int slowestTraces;

    @Option(names = "--failing-traces", paramLabel = "<n>", defaultValue = "10",
            description = "The first traces with a failed or unfinished call also shown in the timeline; 0 = none "
                    + "(default: ${DEFAULT-VALUE}).")
    private int failingTraces;

    @Option(names = "--max-lines", paramLabel = "<n>", defaultValue = "200",
            description = "Spans shown per trace in the timeline; 0 = all (default: ${DEFAULT-VALUE}).")
    private int maxLines;

    @Option(names = "--max-errors", paramLabel = "<n>", defaultValue = "50",
            description = "Failed spans listed one by one; all are counted and grouped; 0 = all "
                    + "(default: ${DEFAULT-VALUE}).")
    private int maxErrors;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    @Override
    public Integer call() throws BadInputException {
        Summary summary = RunLoader.summarise(terminal.reader(spec, main.env()), run.inputs(), run.runId, options());
        PrintWriter out = terminal.out(spec, main.env(), run.json);
        if (run.json) {
            JsonReport.render(summary, out);
        } else {
            TextReport.render(summary, out, run.width(main.env()));
        }
        return 0;
    }

    private SummaryOptions options() {
        for (int value : new int[] {top, maxTraces, maxLines, maxErrors, slowestTraces, failingTraces}) {
            if (value < 0) {
                throw new ParameterException(spec.commandLine(), "--top, --max-traces, --max-lines, --max-errors,"
                        + " --slowest-traces and --failing-traces take a number >= 0");
            }
        }
        return new SummaryOptions(top, maxErrors, !noTimeline, maxTraces, maxLines, slowestTraces, failingTraces);
    }
}
