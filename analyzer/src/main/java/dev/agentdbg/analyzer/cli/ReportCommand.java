package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.read.TraceReader;
import dev.agentdbg.analyzer.report.HtmlReport;
import dev.agentdbg.analyzer.report.ReportSpans;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.summary.SummaryOptions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code report} command: one self-contained HTML page with an interactive timeline, details and tables. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Write one self-contained HTML page about a run: an interactive timeline (traces and threads as lanes, "
                + "zoom, pan, collapse), each span's attributes, arguments, result and exception, tables of time, "
                + "LLM use, tools and errors, and search and filters. It opens offline from disk.",
            "",
            "A run of at most --max-spans spans (and unfinished calls) is drawn whole. A larger one draws the first, "
                + "the slowest and the failing traces whole and lists the others by their root call."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer report agentdbg-traces/ -o run.html",
            "  agentdbg-analyzer report agentdbg-traces/ --run 20261122-003012-4242-a1b2 -o run.html",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input, usage or out of memory."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file-or-dir>",
            description = "A trace file, or a directory of them (e.g. agentdbg-traces/).")
    private Path input;

    @Parameters(index = "1..*", paramLabel = "<more>", arity = "0..*",
            description = "More trace files or directories, read together with the first.")
    private List<Path> more = new ArrayList<>();

    @Option(names = "--run", paramLabel = "<runId>",
            description = "Which run of the directory to report on (default: the newest).")
    private String runId;

    @Option(names = ExecutionErrorHandler.DEBUG, description = "On an internal error, print its stack trace.")
    private boolean debug;

    @Option(names = {"-o", "--output"}, paramLabel = "<file.html>", required = true,
            description = "Where to write the page; an existing file is replaced.")
    private Path output;

    @Option(names = "--max-spans", paramLabel = "<n>", defaultValue = "20000",
            description = "The most spans the page draws; a larger run draws only the traces chosen below "
                    + "(default: ${DEFAULT-VALUE}).")
    private int maxSpans;

    @Option(names = "--first-traces", paramLabel = "<n>", defaultValue = "5",
            description = "In a larger run: the first traces (by start) drawn, at least 1 (default: ${DEFAULT-VALUE}).")
    private int firstTraces;

    @Option(names = "--slowest-traces", paramLabel = "<n>", defaultValue = "10",
            description = "In a larger run: the slowest traces drawn (default: ${DEFAULT-VALUE}).")
    private int slowestTraces;

    @Option(names = "--failing-traces", paramLabel = "<n>", defaultValue = "20",
            description = "In a larger run: the first traces with a failed or unfinished call drawn "
                    + "(default: ${DEFAULT-VALUE}).")
    private int failingTraces;

    @Option(names = "--list-traces", paramLabel = "<n>", defaultValue = "1000",
            description = "In a larger run: the traces not drawn listed by their root call; the rest are counted "
                    + "(default: ${DEFAULT-VALUE}).")
    private int listTraces;

    @Option(names = "--no-payloads",
            description = "Leave captured arguments and results out of the page (smaller; nothing captured shown).")
    private boolean noPayloads;

    @Option(names = "--no-progress",
            description = "Never show the progress line, which a read longer than a second shows on stderr when "
                    + "stderr is a terminal (the run is read twice: once for the figures, once for the spans drawn).")
    private boolean noProgress;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    /** Spans a kept trace may buffer in the first read (the timeline's line limit, times four). */
    private static final int LINES_PER_TRACE = 1_000;

    @Override
    public Integer call() throws BadInputException {
        checkOptions();
        // The summary's progress line without its colour option, which an HTML page has no use for.
        TerminalOptions terminal = new TerminalOptions();
        terminal.noProgress = noProgress;
        TraceReader reader = terminal.reader(spec, main.env());
        SummaryOptions options = new SummaryOptions(20, 200, true, firstTraces, LINES_PER_TRACE, slowestTraces,
                failingTraces);
        Summary summary = RunLoader.summarise(reader, inputs(), runId, options);
        long runSpans = summary.spanCount() + summary.unfinishedCount();
        boolean large = runSpans > maxSpans;
        Map<String, List<String>> shownAs = new LinkedHashMap<>();
        if (large) {
            summary.timeline().traces().forEach(t -> shownAs.put(t.trace(), t.shownAs()));
        }
        ReportSpans spans = new ReportSpans(large ? shownAs.keySet() : null, maxSpans, large ? listTraces : 0,
                !noPayloads);
        RunFiles files = new TraceLocator().locate(inputs()).select(summary.selection().runId());
        reader.read(files, spans);
        long otherTraces = large ? summary.timeline().hiddenTraces() : 0;
        write(summary, new HtmlReport.Drawn(spans, large, maxSpans, runSpans, shownAs, otherTraces));
        long drawnSpans = spans.spans().size() + spans.unfinished().size();
        spec.commandLine().getOut().printf("report written to %s (%s; %d of %d spans drawn%s)%n", output,
                size(output), drawnSpans, runSpans, large ? ", a large run: the first, slowest and failing traces"
                        : "");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private List<Path> inputs() {
        List<Path> all = new ArrayList<>(List.of(input));
        all.addAll(more);
        return all;
    }

    private void checkOptions() {
        if (maxSpans < 1 || firstTraces < 1 || slowestTraces < 0 || failingTraces < 0 || listTraces < 0) {
            throw new ParameterException(spec.commandLine(), "--max-spans and --first-traces take a number >= 1; "
                    + "--slowest-traces, --failing-traces and --list-traces a number >= 0");
        }
    }

    /** Writes beside the target and moves into place, so a failed write never leaves half a page. */
    private void write(Summary summary, HtmlReport.Drawn drawn) throws BadInputException {
        Path target = output.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException("cannot write " + output + ": no such directory " + dir);
        }
        Path tmp = null;
        try {
            // Not Files.createTempFile: its owner-only permissions would stay with the page.
            tmp = dir.resolve("." + target.getFileName() + ".writing");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                HtmlReport.write(summary, drawn, out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write " + output + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort: the temporary file is hidden and named for what it was.
                }
            }
        }
    }

    private static String size(Path file) {
        try {
            long bytes = Files.size(file);
            return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                    : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        } catch (IOException e) {
            return "size unknown";
        }
    }
}
