package dev.agentdbg.analyzer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the analyzer command line in-process, the way a user would, and captures what it prints. */
final class Cli {

    record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    /** Runs with an empty environment, so a developer's {@code COLUMNS} does not change what tests see. */
    static Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs with {@code env} as the process environment (e.g. {@code COLUMNS}). */
    static Result run(Map<String, String> env, String... args) {
        CommandLine cmd = AnalyzerMain.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
