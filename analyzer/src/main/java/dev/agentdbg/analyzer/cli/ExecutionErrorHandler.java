package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.read.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into one line on stderr and an exit code: bad input is code 2; anything else is a bug
 * in the analyzer, code 1, with its stack trace only under {@code --debug} (a user reads one line; a bug report
 * asks for the stack).
 */
public final class ExecutionErrorHandler implements IExecutionExceptionHandler {

    /** The option that shows the stack trace of an internal error. */
    static final String DEBUG = "--debug";

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof BadInputException) {
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            err.flush();
            return AnalyzerMain.EXIT_BAD_INPUT;
        }
        return internalError(ex, cmd, parseResult);
    }

    /** One line naming the failure and where it was thrown; the whole stack with {@code --debug}. */
    static int internalError(Throwable ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        StackTraceElement[] stack = ex.getStackTrace();
        String where = stack.length == 0 ? "" : " (at " + stack[0] + ")";
        boolean debug = executed(parseResult).hasMatchedOption(DEBUG);
        err.println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + oneLine(String.valueOf(ex)) + where
                + (debug ? "" : "; run again with " + DEBUG + " for the stack trace to report"));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The parse result of the command that ran: the innermost subcommand. */
    static ParseResult executed(ParseResult parseResult) {
        ParseResult pr = parseResult;
        while (pr.hasSubcommand()) {
            pr = pr.subcommand();
        }
        return pr;
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
