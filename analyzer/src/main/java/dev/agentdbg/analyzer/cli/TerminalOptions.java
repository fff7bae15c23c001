package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.read.ReadProgress;
import dev.agentdbg.analyzer.read.TraceReader;
import dev.agentdbg.analyzer.report.ColorWriter;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How a command talks to the terminal ({@code @Mixin}): colour on stdout and a progress line on stderr, each only
 * when that stream is a terminal. A command takes its output writer and its {@link TraceReader} from here.
 */
public final class TerminalOptions {

    @Option(names = "--color", negatable = true,
            description = "Colour the text report (--no-color: never). By default only when stdout is a terminal "
                    + "and NO_COLOR is not set. --json is never coloured.")
    Boolean color;

    @Option(names = "--no-progress",
            description = "Never show the progress line, which a read longer than a second shows on stderr when "
                    + "stderr is a terminal.")
    boolean noProgress;

    /** Width of the progress line when COLUMNS does not say. */
    private static final int PROGRESS_COLUMNS = 80;

    /**
     * Where the report goes: the command's stdout, coloured when asked for or when stdout is a terminal and the
     * environment does not say {@code NO_COLOR}; never for JSON.
     */
    public PrintWriter out(CommandSpec spec, Map<String, String> env, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        return !json && colored(env, Terminal.stdout()) ? ColorWriter.around(out) : out;
    }

    boolean colored(Map<String, String> env, boolean terminal) {
        if (color != null) {
            return color;
        }
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        return terminal && !"dumb".equals(env.get("TERM"));
    }

    /** A reader that shows its progress on the command's stderr when that is a terminal. */
    public TraceReader reader(CommandSpec spec, Map<String, String> env) {
        return new TraceReader(progress(spec, env));
    }

    /** The progress line for the command's stderr: {@link ReadProgress#NONE} unless stderr is a terminal. */
    public ReadProgress progress(CommandSpec spec, Map<String, String> env) {
        if (noProgress || !Terminal.stderr()) {
            return ReadProgress.NONE;
        }
        return new ReadProgress(spec.commandLine().getErr(), System::nanoTime, columns(env));
    }

    private static int columns(Map<String, String> env) {
        try {
            String columns = env.get("COLUMNS");
            int n = columns == null ? 0 : Integer.parseInt(columns.strip());
            return n > 0 ? n : PROGRESS_COLUMNS;
        } catch (NumberFormatException e) {
            return PROGRESS_COLUMNS;
        }
    }
}
