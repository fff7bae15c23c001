package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.read.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into an exit code: bad input is one line on stderr and code 2; anything else
 * is a bug in the analyzer and gets its stack trace, which is what a bug report needs.
 */
public final class ExecutionErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof BadInputException) {
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            err.flush();
            return AnalyzerMain.EXIT_BAD_INPUT;
        }
        err.println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }
}
