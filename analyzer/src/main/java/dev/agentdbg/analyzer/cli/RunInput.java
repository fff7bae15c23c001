package dev.agentdbg.analyzer.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** The input options every report command takes: the trace, which run of it ({@link RunPaths}), text or JSON. */
final class RunInput extends RunPaths {

    @Option(names = "--json", description = "Print one JSON document instead of the text report.")
    boolean json;

    @Option(names = "--wide", description = "Shorten nothing: the text report is as wide as its longest name. By "
            + "default it fits the terminal: COLUMNS, else " + DEFAULT_COLUMNS + " columns.")
    boolean wide;

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
