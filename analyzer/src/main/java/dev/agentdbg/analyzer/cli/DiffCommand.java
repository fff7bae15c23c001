package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.diff.RunDiff;
import dev.agentdbg.analyzer.diff.RunSide;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.SpanFilterOptions;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.RunCatalog;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.report.DiffJson;
import dev.agentdbg.analyzer.report.DiffText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code diff} command: two runs side by side. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Compare two traced runs: an original and its replay, or two independent runs.",
            "",
            "The first point where the call trees diverge, with both sides; calls per method with the calls added "
                + "and removed (trees aligned trace by trace in order of start, calls matched by method and position "
                + "among same-method siblings, never by span id) and p50/mean latency deltas; LLM calls and tokens "
                + "per model with deltas; and tool results that changed for the same arguments (tools whose "
                + "arguments and results were captured).",
            "",
            "Each run is a trace file, the files of a rotated run, or a directory (its newest run, or the one "
                + "--run-a / --run-b names)."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer diff recording.jsonl replay.jsonl",
            "  agentdbg-analyzer diff agentdbg-traces/ agentdbg-traces/ --run-a <older-run-id> --json",
            "  agentdbg-analyzer diff before/ after/ --kind tool,llm",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input, usage or out of memory."})
public final class DiffCommand implements Callable<Integer> {

    static final int DEFAULT_MAX_SPANS = 200_000;

    @Parameters(index = "0", paramLabel = "<run-a>", description = "The first run (A): a trace file or a directory.")
    Path inputA;

    @Parameters(index = "1", paramLabel = "<run-b>", description = "The second run (B): a trace file or a directory.")
    Path inputB;

    @Option(names = "--run-a", paramLabel = "<runId>", description = "Which run of <run-a> (default: its newest).")
    String runA;

    @Option(names = "--run-b", paramLabel = "<runId>", description = "Which run of <run-b> (default: its newest).")
    String runB;

    @Option(names = "--max-spans", paramLabel = "<n>", defaultValue = "" + DEFAULT_MAX_SPANS,
            description = "Spans kept per run for the call trees and distinct tool argument sets kept (default: "
                    + "${DEFAULT-VALUE}); past it the counts, latencies and tokens stay whole and the report says "
                    + "the trees were cut.")
    int maxSpans;

    @Mixin
    private SpanFilterOptions filters;

    @Option(names = "--json", description = "Print one JSON document instead of the text report.")
    boolean json;

    @Option(names = "--wide", description = "Shorten nothing: the text report is as wide as its longest name. By "
            + "default it fits the terminal: COLUMNS, else " + RunInput.DEFAULT_COLUMNS + " columns.")
    boolean wide;

    @Option(names = ExecutionErrorHandler.DEBUG, description = "On an internal error, print its stack trace.")
    boolean debug;

    @Mixin
    private TerminalOptions terminal;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    @Override
    public Integer call() throws BadInputException {
        if (maxSpans < 1) {
            throw new ParameterException(spec.commandLine(), "--max-spans takes a number >= 1");
        }
        SpanFilter filter = filters.filter();
        List<String> notesA = new ArrayList<>();
        List<String> notesB = new ArrayList<>();
        RunFiles filesA = select("A", inputA, runA, notesA);
        RunFiles filesB = select("B", inputB, runB, notesB);
        if (filesA.parts().equals(filesB.parts())) {
            throw new BadInputException("both sides are run " + filesA.runId() + ": name two runs (with --run-a and "
                    + "--run-b for runs of one directory)");
        }
        RunSide a = read("A", filesA, filter, notesA);
        RunSide b = read("B", filesB, filter, notesB);
        List<String> notes = new ArrayList<>();
        if (!filter.isAll()) {
            notes.add("filters apply to both runs; a call whose parent was filtered out is a root of its trace");
        }
        if (a.toolResultsDropped() + b.toolResultsDropped() > 0) {
            notes.add("more than " + maxSpans + " distinct tool argument sets in a run; the rest are not compared");
        }
        RunDiff diff = RunDiff.of(a, side("A", filesA, a, notesA), b, side("B", filesB, b, notesB), notes);
        PrintWriter out = terminal.out(spec, main.env(), json);
        if (json) {
            DiffJson.render(diff, out);
        } else {
            DiffText.render(diff, out, width(main.env()));
        }
        return 0;
    }

    private RunFiles select(String label, Path input, String runId, List<String> notes) throws BadInputException {
        RunCatalog catalog = new TraceLocator().locate(input);
        try {
            RunFiles run = catalog.select(runId);
            // Notes on other runs of a directory (their missing parts) are not about this side.
            catalog.notes().stream().filter(n -> !n.startsWith("run ") || n.startsWith("run " + run.runId() + " "))
                    .forEach(notes::add);
            return run;
        } catch (BadInputException e) {
            throw new BadInputException("run " + label + ": " + e.getMessage());
        }
    }

    private RunSide read(String label, RunFiles files, SpanFilter filter, List<String> notes)
            throws BadInputException {
        RunSide side = new RunSide(filter, maxSpans);
        ReadReport read = terminal.reader(spec, main.env()).read(files, side);
        if (read.records() == 0) {
            String why = read.skipped().isEmpty() ? "" : ": " + read.skipped().get(0).describe();
            throw new BadInputException("run " + label + ": no trace records could be read from run " + files.runId()
                    + why);
        }
        if (read.skippedTotal() > 0) {
            notes.add(read.skippedTotal() + " unreadable line" + (read.skippedTotal() == 1 ? "" : "s")
                    + " skipped; the comparison covers the rest (first: " + read.skipped().get(0).describe() + ")");
        }
        notes.addAll(read.notes());
        return side;
    }

    private static RunDiff.Side side(String label, RunFiles files, RunSide side, List<String> notes) {
        RunInfo info = side.runInfo();
        return new RunDiff.Side(label, files.runId(), info == null ? null : info.mode(),
                info == null ? null : info.replayOf(), 0, 0, 0, 0, notes);
    }

    private int width(Map<String, String> env) {
        if (wide) {
            return Integer.MAX_VALUE;
        }
        String columns = env.get("COLUMNS");
        try {
            int n = columns == null ? 0 : Integer.parseInt(columns.strip());
            return n <= 0 ? RunInput.DEFAULT_COLUMNS : Math.max(RunInput.MIN_COLUMNS, n);
        } catch (NumberFormatException e) {
            return RunInput.DEFAULT_COLUMNS;
        }
    }
}
