package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.SpanFilterOptions;
import dev.agentdbg.analyzer.inspect.Inspection;
import dev.agentdbg.analyzer.inspect.Inspector;
import dev.agentdbg.analyzer.inspect.Listing;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.RunCatalog;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.report.InspectJson;
import dev.agentdbg.analyzer.report.InspectText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code inspect} command: the spans matching filters, or one span whole with its parents and children. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "List the spans of a run that match the filters, or show one span whole.",
            "",
            "Without a span id: one line per matching span (id, trace, start offset, duration, kind, name, status), "
                + "earliest first, at most --limit of them and a count of the rest.",
            "",
            "With a span id after the trace (16 hex digits, or enough of the first ones to name one span): its "
                + "method and source line, kind, component, thread, times, status, attributes, captured arguments "
                + "and result as JSON (payload markers such as @truncated, @ref and [REDACTED] as written), the "
                + "exception with its stack and cause, the parent chain up to the root, the children, and what a "
                + "recording holds for it or whether a replay served it. --tree adds the subtree under it.",
            "",
            "Given a directory with several runs, the newest is read and the others are named."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer inspect agentdbg-traces/ --kind llm,tool",
            "  agentdbg-analyzer inspect agentdbg-traces/ --status error --min-duration 100ms",
            "  agentdbg-analyzer inspect agentdbg-traces/ 53995c3f",
            "  agentdbg-analyzer inspect agentdbg-traces/ 53995c3f --tree --depth 2",
            "  agentdbg-analyzer inspect agentdbg-traces/run.jsonl 53995c3f42cd8ad8 --json",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input (no such span, an ambiguous id), usage or out of "
                + "memory."})
public final class InspectCommand implements Callable<Integer> {

    @Mixin
    private RunInput run;

    @Mixin
    private SpanFilterOptions filters;

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "50",
            description = "Spans listed, children of a span listed, and lines of a --tree; the rest are counted "
                    + "(default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--tree", description = "With a span id: also print the subtree under the span.")
    private boolean tree;

    @Option(names = "--depth", paramLabel = "<n>", defaultValue = "0",
            description = "Levels of the --tree below the span; 0 = all (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Mixin
    private TerminalOptions terminal;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    @Override
    public Integer call() throws BadInputException {
        if (limit < 0 || depth < 0) {
            throw new BadInputException("--limit and --depth take a number >= 0");
        }
        SpanFilter filter = filters.filter();
        List<Path> inputs = new ArrayList<>(run.inputs());
        String spanId = null;
        Path last = inputs.get(inputs.size() - 1);
        if (inputs.size() > 1 && !Files.exists(last) && Inspector.SPAN_ID.matcher(last.toString()).matches()) {
            spanId = last.toString();
            inputs.remove(inputs.size() - 1);
        }
        if (spanId == null && inputs.size() > 1 && !Files.exists(last) && !last.toString().contains("/")
                && !last.toString().contains(java.io.File.separator) && !last.toString().endsWith(".jsonl")) {
            throw new BadInputException("'" + last + "' is neither a trace file or directory nor a span id (16 hex "
                    + "digits, or the first of them)");
        }
        if (spanId == null && (tree || depth > 0)) {
            throw new BadInputException("--tree and --depth need a span id: inspect <trace> "
                    + "<span id> --tree (list the spans with: inspect <trace> [filters])");
        }
        RunCatalog catalog = new TraceLocator().locate(inputs);
        RunFiles chosen = catalog.select(run.runId);
        List<String> others = catalog.runs().stream().map(RunFiles::runId).filter(id -> !id.equals(chosen.runId()))
                .toList();
        List<String> notes = new ArrayList<>(catalog.notes());
        if (!others.isEmpty()) {
            notes.add((run.runId == null ? "newest" : "chosen") + " of " + (others.size() + 1) + " runs in "
                    + inputs.get(0) + "; pick another with --run <runId>");
        }
        PrintWriter out = terminal.out(spec, main.env(), run.json);
        int width = run.width(main.env());
        Inspector inspector = new Inspector(terminal.reader(spec, main.env()));
        if (spanId == null) {
            Listing listing = inspector.list(chosen, filter, limit);
            if (run.json) {
                InspectJson.render(listing, filter, notes, out);
            } else {
                InspectText.render(listing, filter, notes, out, width);
            }
        } else {
            Inspection inspection = inspector.inspect(chosen, spanId, filter, tree ? depth : -1, limit);
            if (run.json) {
                InspectJson.render(inspection, notes, out);
            } else {
                InspectText.render(inspection, notes, out, width);
            }
        }
        return 0;
    }
}
