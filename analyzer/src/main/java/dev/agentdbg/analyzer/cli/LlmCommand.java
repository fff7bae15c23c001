package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.report.LlmJson;
import dev.agentdbg.analyzer.report.LlmText;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.summary.SummaryOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code llm} command: LLM calls by model (tokens, cost, latency, finish reasons) and tool calls by tool. */
@Command(
        name = "llm",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Report what one traced run's LLM and tool calls used and how they went.",
            "",
            "LLM calls (spans of kind llm) by model and provider: calls, errors, input tokens (cached, "
                + "cache-created), output tokens (reasoning), estimated cost, latency p50/p95/p99/max and finish "
                + "reasons, with a total; tool calls (spans of kind tool) by tool name: calls, failures, latency; "
                + "and the LLM calls still running when the run ended. Figures come from the spans' gen_ai.* "
                + "attributes and agentdbg.cost.usd.",
            "",
            "Given a directory with several runs, the newest is reported and the others are named."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer llm agentdbg-traces/",
            "  agentdbg-analyzer llm agentdbg-traces/ --json > llm.json",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input, usage or out of memory."})
public final class LlmCommand implements Callable<Integer> {

    @Mixin
    private RunInput run;

    @Mixin
    private TerminalOptions terminal;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    @Override
    public Integer call() throws BadInputException {
        Summary summary = RunLoader.summarise(terminal.reader(spec, main.env()), run.inputs(), run.runId,
                SummaryOptions.TOTALS_ONLY);
        PrintWriter out = terminal.out(spec, main.env(), run.json);
        if (run.json) {
            LlmJson.render(summary, out);
        } else {
            LlmText.render(summary, out, run.width(main.env()));
        }
        return 0;
    }
}
