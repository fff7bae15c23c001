package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.errors.ErrorsBuilder;
import dev.agentdbg.analyzer.errors.ErrorsReport;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.SpanFilterOptions;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.report.ErrorsJson;
import dev.agentdbg.analyzer.report.ErrorsReportText;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.summary.SummaryOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code errors} command: failed spans grouped, with a stack trace and a path each, and success per agent/tool. */
@Command(
        name = "errors",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Report what failed in one traced run, grouped, and how often each agent and tool succeeded.",
            "",
            "Failed spans (thrown, or returned as an error result that a rule's errorWhen marked failed) are grouped "
                + "by exception type, message with its numbers, ids, hex, UUIDs and quoted values folded, traced "
                + "method and top frame; each group has its count, first and last seen, one whole stack trace and "
                + "the path of spans from the root to the failing one. Then agents and tools (spans of kind agent "
                + "and tool): calls, failures, success rate, mean and p95 duration, most failures first.",
            "",
            "Given a directory with several runs, the newest is reported and the others are named."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer errors agentdbg-traces/",
            "  agentdbg-analyzer errors agentdbg-traces/ --kind tool --top 3",
            "  agentdbg-analyzer errors agentdbg-traces/ --json > errors.json",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input, usage or out of memory."})
public final class ErrorsCommand implements Callable<Integer> {

    @Mixin
    private RunInput run;

    @Mixin
    private SpanFilterOptions filters;

    @Mixin
    private TerminalOptions terminal;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "10",
            description = "How many error groups to show, most failures first (default: ${DEFAULT-VALUE}).")
    private int top;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    @Override
    public Integer call() throws BadInputException {
        if (top < 1) {
            throw new BadInputException("--top takes a number >= 1, not " + top);
        }
        SpanFilter filter = filters.filter();
        ErrorsBuilder errors = new ErrorsBuilder(filter);
        Summary summary = RunLoader.summarise(terminal.reader(spec, main.env()), run.inputs(), run.runId,
                SummaryOptions.TOTALS_ONLY, errors);
        ErrorsReport report = errors.build();
        PrintWriter out = terminal.out(spec, main.env(), run.json);
        if (run.json) {
            ErrorsJson.render(summary, report, top, out);
        } else {
            ErrorsReportText.render(summary, report, top, !filter.isAll(), out, run.width(main.env()));
        }
        return 0;
    }
}
