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

    /**
     * Runs in a terminal wide enough for every line, so tests of what the report says do not depend on how it is
     * laid out (ReportLayoutTest and DocsExampleTest set the width), nor on a developer's {@code COLUMNS}.
     */
    static Result run(String... args) {
        return run(WIDE_TERMINAL, args);
    }

    static final Map<String, String> WIDE_TERMINAL = Map.of("COLUMNS", "100000");

    /** Runs as a user would with no {@code COLUMNS} set: reports are fitted to 120 columns. */
    static Result runDefault(String... args) {
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
