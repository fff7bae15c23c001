package dev.agentdbg.analyzer;

import dev.agentdbg.analyzer.cli.BundleCommand;
import dev.agentdbg.analyzer.cli.DiffCommand;
import dev.agentdbg.analyzer.cli.ErrorsCommand;
import dev.agentdbg.analyzer.cli.ExecutionErrorHandler;
import dev.agentdbg.analyzer.cli.ExportCommand;
import dev.agentdbg.analyzer.cli.GuardedExecution;
import dev.agentdbg.analyzer.cli.InspectCommand;
import dev.agentdbg.analyzer.cli.LlmCommand;
import dev.agentdbg.analyzer.cli.ManifestVersionProvider;
import dev.agentdbg.analyzer.cli.ReplayPlanCommand;
import dev.agentdbg.analyzer.cli.ReportCommand;
import dev.agentdbg.analyzer.cli.SlowCommand;
import dev.agentdbg.analyzer.cli.WhyCommand;
import dev.agentdbg.analyzer.cli.SummaryCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Entry point of the analyzer jar: {@code java -jar agentdbg-analyzer.jar <command> ...}. */
@Command(
        name = "agentdbg-analyzer",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = "Reads the trace files written by the agentdbg Java agent and reports on them.",
        subcommands = {SummaryCommand.class, LlmCommand.class, ReplayPlanCommand.class, ErrorsCommand.class,
            SlowCommand.class, DiffCommand.class, BundleCommand.class, InspectCommand.class, WhyCommand.class,
            ExportCommand.class, ReportCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 internal error, 2 bad input, usage or out of memory, 3 (export) the OTLP "
            + "endpoint did not take the spans."})
public final class AnalyzerMain implements Runnable {

    /** Exit code for input the analyzer cannot use; picocli uses the same code for usage errors. */
    public static final int EXIT_BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;

    private AnalyzerMain(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The environment the analyzer was started with; {@code COLUMNS} sets the width of text reports. */
    public Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'summary <file-or-dir>', or one of llm, errors, why, slow, inspect, diff, bundle, export, report, replay-plan (see --help)");
    }

    /** The configured command line for this process's environment. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The configured command line; tests run it in-process with their own output writers and environment. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cmd = new CommandLine(new AnalyzerMain(env));
        cmd.setExecutionExceptionHandler(new ExecutionErrorHandler());
        cmd.setExecutionStrategy(new GuardedExecution());
        return cmd;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
