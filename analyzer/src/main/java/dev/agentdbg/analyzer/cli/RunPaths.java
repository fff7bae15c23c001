package dev.agentdbg.analyzer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The input options of every command that reads one run ({@code @Mixin}): the trace files or directories and which
 * run of them. {@link RunInput} adds the text/JSON choice of the report commands; {@code export} takes only these.
 */
class RunPaths {
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

    @Option(names = ExecutionErrorHandler.DEBUG, description = "On an internal error, print its stack trace.")
    boolean debug;
}
