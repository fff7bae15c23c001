package dev.agentdbg.analyzer.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The input options every report command takes: the trace, which run of it, text or JSON. */
final class RunInput {
    @Parameters(index = "0", paramLabel = "<file-or-dir>",
            description = "A trace file, or a directory of them (e.g. agentdbg-traces/).")
    Path input;

    @Parameters(index = "1..*", paramLabel = "<more>", arity = "0..*",
            description = "More trace files or directories, read together with the first; a file reached twice "
                    + "(named and in a directory given, or by a link) is read once.")
    List<Path> more = new ArrayList<>();

    /** Every path given, the first first. */
    List<Path> inputs() {
        List<Path> all = new ArrayList<>(List.of(input));
        all.addAll(more);
        return all;
    }

    @Option(names = "--run", paramLabel = "<runId>",
            description = "Which run of the directory to report on (default: the newest).")
    String runId;

    @Option(names = "--json", description = "Print one JSON document instead of the text report.")
    boolean json;

    @Option(names = "--wide", description = "Shorten nothing: the text report is as wide as its longest name. By "
            + "default it fits the terminal: COLUMNS, else " + DEFAULT_COLUMNS + " columns.")
    boolean wide;

    @Option(names = ExecutionErrorHandler.DEBUG, description = "On an internal error, print its stack trace.")
    boolean debug;

    static final int DEFAULT_COLUMNS = 120;
    /** Narrower than this, tables cannot show a readable name; such a COLUMNS is raised to it. */
    static final int MIN_COLUMNS = 60;

    /** The width of the text report: unlimited with --wide, else COLUMNS when it is a usable number, else 120. */
    int width(Map<String, String> env) {
        if (wide) {
            return Integer.MAX_VALUE;
        }
        String columns = env.get("COLUMNS");
        try {
            int n = columns == null ? 0 : Integer.parseInt(columns.strip());
            return n <= 0 ? DEFAULT_COLUMNS : Math.max(MIN_COLUMNS, n);
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
