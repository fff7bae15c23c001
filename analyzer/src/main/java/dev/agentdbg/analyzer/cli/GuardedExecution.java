package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs the chosen command and turns the {@link Error}s picocli lets through into one line and an exit code: running
 * out of heap on a large or hostile trace is bad input for the memory given (code 2, naming the option that bounds
 * it), any other error is an internal one (code 1).
 */
public final class GuardedExecution implements IExecutionStrategy {

    private final IExecutionStrategy command = new CommandLine.RunLast();

    @Override
    public int execute(ParseResult parseResult) {
        try {
            return command.execute(parseResult);
        } catch (OutOfMemoryError e) {
            // The command's data is unreachable once its frames are gone, so there is room to say this.
            return outOfMemory(ExecutionErrorHandler.executed(parseResult));
        } catch (Error e) {
            ParseResult ran = ExecutionErrorHandler.executed(parseResult);
            return ExecutionErrorHandler.internalError(e, ran.commandSpec().commandLine(), parseResult);
        }
    }

    private static int outOfMemory(ParseResult ran) {
        CommandLine cmd = ran.commandSpec().commandLine();
        PrintWriter err = cmd.getErr();
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        boolean everyTrace = "summary".equals(ran.commandSpec().name()) && !ran.hasMatchedOption("--no-timeline")
                && ran.hasMatchedOption("--max-traces") && ran.matchedOptionValue("--max-traces", 1) == 0;
        String bound = everyTrace
                ? "--max-traces 0 keeps every span of the run for the timeline: run again without it, whose timeline"
                        + " keeps memory bounded for runs of any size, or give the analyzer more heap"
                : "give the analyzer more heap";
        err.println(cmd.getCommandSpec().qualifiedName() + ": out of memory: the Java heap (" + maxMb
                + " MB) is too small for this trace; " + bound
                + " (java -Xmx2g -jar agentdbg-analyzer.jar ..., or JAVA_TOOL_OPTIONS=-Xmx2g)");
        err.flush();
        return AnalyzerMain.EXIT_BAD_INPUT;
    }
}
