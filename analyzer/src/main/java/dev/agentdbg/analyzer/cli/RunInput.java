package dev.agentdbg.analyzer.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The input options every report command takes: the trace, which run of it, text or JSON. */
final class RunInput {
    @Parameters(index = "0", paramLabel = "<file-or-dir>",
            description = "A trace file, or a directory of them (e.g. agentdbg-traces/).")
    Path input;

    @Option(names = "--run", paramLabel = "<runId>",
            description = "Which run of the directory to report on (default: the newest).")
    String runId;

    @Option(names = "--json", description = "Print one JSON document instead of the text report.")
    boolean json;
}
