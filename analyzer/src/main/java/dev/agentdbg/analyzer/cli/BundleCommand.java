package dev.agentdbg.analyzer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.bundle.BundleCollector;
import dev.agentdbg.analyzer.bundle.DebugContext;
import dev.agentdbg.analyzer.bundle.ErrorTraces;
import dev.agentdbg.analyzer.bundle.Selected;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.SpanFilterOptions;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.RunCatalog;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceListener;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.read.TraceReader;
import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.DetValues;
import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.report.BundleJson;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.summary.SummaryBuilder;
import dev.agentdbg.analyzer.summary.SummaryOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code bundle} command: a folder with what a colleague or a coding assistant needs to debug a run. */
@Command(
        name = "bundle",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Write a debug bundle: a folder a colleague or a coding assistant can take.",
            "",
            "debug_context.md (the run in brief, what the agent did, what failed and where with file:line, the "
                + "slowest parts, tokens and cost, and a ready prompt), profile_summary.json, spans_excerpt.jsonl "
                + "(the selected spans, long strings cut) and sources.txt (the source files involved).",
            "",
            "Select the spans by trace (--trace), by error group (--error <n>, numbered as this command lists "
                + "them), by time window (--from/--to) or with the other filters; with none, the whole run. The "
                + "trace is read twice, streaming; memory stays bounded."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer bundle agentdbg-traces/ --out bundle/ --error 1",
            "  agentdbg-analyzer bundle run.jsonl --out bundle/ --trace 1971305b --force",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input, usage or out of memory."})
public final class BundleCommand implements Callable<Integer> {

    static final String CONTEXT = "debug_context.md";
    static final String PROFILE = "profile_summary.json";
    static final String EXCERPT = "spans_excerpt.jsonl";
    static final String SOURCES = "sources.txt";
    /** Traces of an error group that --error selects. */
    static final int TRACES_PER_ERROR = 3;

    @Mixin
    private RunInput run;

    @Mixin
    private SpanFilterOptions filters;

    @Option(names = {"-o", "--out"}, paramLabel = "<dir>", required = true,
            description = "The folder to write; created when missing; must be empty unless --force.")
    private Path out;

    @Option(names = "--error", paramLabel = "<n>",
            description = "Only the first " + TRACES_PER_ERROR + " traces in which error group <n> occurred (1 = the "
                    + "most frequent; the groups are listed when <n> is out of range or 0).")
    private Integer error;

    @Option(names = "--max-spans", paramLabel = "<n>", defaultValue = "500",
            description = "Spans written to spans_excerpt.jsonl, the first read; failed spans up to 50 more "
                    + "(default: ${DEFAULT-VALUE}).")
    private int maxSpans;

    @Option(names = "--max-kb", paramLabel = "<kb>", defaultValue = "256",
            description = "Size budget of spans_excerpt.jsonl in KB (default: ${DEFAULT-VALUE}).")
    private int maxKb;

    @Option(names = "--force", description = "Write into a folder that is not empty (the four files are replaced).")
    private boolean force;

    @Mixin
    private TerminalOptions terminal;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    @Override
    public Integer call() throws BadInputException {
        if (maxSpans < 1 || maxKb < 1) {
            throw new ParameterException(spec.commandLine(), "--max-spans and --max-kb take a number >= 1");
        }
        SpanFilter filter = filters.filter();
        checkOut();

        RunCatalog catalog = new TraceLocator().locate(run.inputs());
        RunFiles files = catalog.select(run.runId);
        // Pass 1: the whole run, and the traces of each error group.
        SummaryBuilder wholeBuilder = new SummaryBuilder(new SummaryOptions(10, 50, false, 0, 0, 0, 0));
        ErrorTraces errorTraces = new ErrorTraces(TRACES_PER_ERROR);
        TraceReader reader = terminal.reader(spec, main.env());
        ReadReport read = reader.read(files, new Tee(wholeBuilder, errorTraces));
        if (read.records() == 0) {
            String why = read.skipped().isEmpty() ? "" : ": " + read.skipped().get(0).describe();
            throw new BadInputException("no trace records could be read from " + describe(files) + why);
        }
        List<String> others = catalog.runs().stream().map(RunFiles::runId)
                .filter(id -> !id.equals(files.runId())).toList();
        Summary.Selection selection = new Summary.Selection(run.inputs().get(0), catalog.directory(), files.runId(),
                others, run.runId == null);
        Summary whole = wholeBuilder.build(selection, read, catalog.notes());

        List<String> words = new ArrayList<>();
        Set<String> errorTraceIds = null;
        if (error != null) {
            List<Summary.ErrorGroup> groups = whole.errorGroups();
            if (error < 1 || error > groups.size()) {
                throw new BadInputException("--error " + error + ": the run has "
                        + groups.size() + " error group(s)" + (groups.isEmpty() ? "" : ": " + listGroups(groups)));
            }
            Summary.ErrorGroup g = groups.get(error - 1);
            List<String> traces = errorTraces.tracesOf(g);
            errorTraceIds = Set.copyOf(traces);
            words.add("error group " + error + " (" + g.type() + " in " + g.name() + ", " + g.count() + "x): "
                    + (traces.size() == 1 ? "its trace " : "its first " + traces.size() + " traces ")
                    + String.join(", ", traces.stream().map(t -> t.substring(0, Math.min(8, t.length()))).toList()));
        }
        if (!filter.isAll()) {
            words.add("filters " + filterWords());
        }
        String selectionWords = words.isEmpty() ? "the whole run" : String.join("; ", words);

        // Pass 2: the selected spans.
        long runStart = whole.wall().start();
        Set<String> traceSet = errorTraceIds;
        SummaryBuilder scopeBuilder = new SummaryBuilder(new SummaryOptions(10, 50, false, 0, 0, 0, 0));
        BundleCollector collector = new BundleCollector(scopeBuilder,
                (span, method) -> (traceSet == null || traceSet.contains(span.trace()))
                        && filter.test(span, method, runStart),
                maxSpans, maxKb * 1024L);
        ReadReport read2 = reader.read(files, collector);
        Summary scope = scopeBuilder.build(selection, read2, catalog.notes());

        Map<String, String> contents = new LinkedHashMap<>();
        contents.put(CONTEXT, DebugContext.render(new DebugContext.Input(whole, scope, selectionWords, collector,
                maxSpans, maxKb * 1024L)));
        contents.put(PROFILE, BundleJson.profile(scope, selectionWords, collector.selected()));
        StringBuilder excerpt = new StringBuilder();
        for (Selected s : sortedForExcerpt(collector.kept())) {
            excerpt.append(s.line()).append('\n');
        }
        contents.put(EXCERPT, excerpt.toString());
        StringBuilder sources = new StringBuilder();
        collector.sources().forEach(p -> sources.append(p).append('\n'));
        contents.put(SOURCES, sources.toString());

        Map<String, Long> sizes = write(contents);
        report(files.runId(), selectionWords, sizes, collector);
        return 0;
    }

    /** By trace (in the order traces started), then by start: the order the excerpt is read in. */
    private static List<Selected> sortedForExcerpt(List<Selected> kept) {
        Map<String, Long> starts = new java.util.HashMap<>();
        kept.forEach(s -> starts.merge(s.span().trace(), s.span().start(), Math::min));
        return kept.stream().sorted(java.util.Comparator.comparingLong((Selected s) -> starts.get(s.span().trace()))
                .thenComparing(s -> s.span().trace()).thenComparingLong(s -> s.span().start())).toList();
    }

    private void checkOut() throws BadInputException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("--out " + out + " is a file, not a folder");
        }
        if (Files.isDirectory(out) && !force) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException("--out " + out
                            + " is not empty; choose another folder or add --force to replace the bundle's files");
                }
            } catch (IOException e) {
                throw new BadInputException("cannot read " + out + ": " + e.getMessage());
            }
        }
    }

    private Map<String, Long> write(Map<String, String> contents) throws BadInputException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, String> e : contents.entrySet()) {
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                Files.write(out.resolve(e.getKey()), bytes);
                sizes.put(e.getKey(), (long) bytes.length);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write the bundle to " + out + ": " + e.getMessage());
        }
        return sizes;
    }

    private void report(String runId, String selectionWords, Map<String, Long> sizes, BundleCollector c) {
        PrintWriter pw = terminal.out(spec, main.env(), run.json);
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        if (run.json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("runId", runId);
            root.put("out", out.toString());
            root.put("selection", selectionWords);
            root.put("selectedSpans", c.selected());
            root.put("excerptSpans", c.kept().size());
            ArrayNode files = root.putArray("files");
            sizes.forEach((name, size) -> files.addObject().put("name", name).put("bytes", size));
            root.put("totalBytes", total);
            try {
                pw.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            pw.flush();
            return;
        }
        pw.println("Bundle of run " + runId + " written to " + out);
        pw.println("  selection  " + selectionWords);
        pw.println("  spans      " + c.selected() + " selected, " + c.kept().size() + " in " + EXCERPT
                + (c.leftOut() > 0 ? " (" + c.leftOut() + " left out by --max-spans/--max-kb)" : ""));
        pw.println();
        int width = sizes.keySet().stream().mapToInt(String::length).max().orElse(0);
        sizes.forEach((name, size) -> pw.printf("  %-" + width + "s  %9s%n", name, kb(size)));
        pw.printf("  %-" + width + "s  %9s%n", "total", kb(total));
        pw.flush();
    }

    private static String kb(long bytes) {
        return bytes < 1024 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private static String listGroups(List<Summary.ErrorGroup> groups) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < groups.size() && i < 20; i++) {
            Summary.ErrorGroup g = groups.get(i);
            items.add((i + 1) + ". " + g.type() + " in " + g.name() + " (" + g.count() + "x)");
        }
        return String.join("; ", items) + (groups.size() > 20 ? "; ..." : "");
    }

    private String filterWords() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (String opt : new String[] {"--trace", "--kind", "--component", "--method", "--thread", "--status",
                "--from", "--to", "--min-duration"}) {
                if (a.equals(opt) && i + 1 < args.size()) {
                    kept.add(a + " " + args.get(i + 1));
                } else if (a.startsWith(opt + "=")) {
                    kept.add(a.replace('=', ' '));
                }
            }
        }
        return String.join(" ", kept);
    }

    private static String describe(RunFiles run) {
        return run.parts().size() == 1 ? run.parts().get(0).path().toString()
                : "run " + run.runId() + " (" + run.parts().size() + " files)";
    }

    /** Hands every record to two listeners. */
    private record Tee(TraceListener a, TraceListener b) implements TraceListener {
        @Override public void run(RunInfo r, TraceFile f) { a.run(r, f); b.run(r, f); }
        @Override public void method(MethodInfo m) { a.method(m); b.method(m); }
        @Override public void start(CallStart s) { a.start(s); b.start(s); }
        @Override public void span(Span s) { a.span(s); b.span(s); }
        @Override public void stats(AgentStats s) { a.stats(s); b.stats(s); }
        @Override public void agentError(AgentError e) { a.agentError(e); b.agentError(e); }
        @Override public void exchange(Exchange e) { a.exchange(e); b.exchange(e); }
        @Override public void value(RecordedValue v) { a.value(v); b.value(v); }
        @Override public void det(DetValues d) { a.det(d); b.det(d); }
        @Override public void replayed(Replayed r) { a.replayed(r); b.replayed(r); }
        @Override public void divergence(Divergence d) { a.divergence(d); b.divergence(d); }
        @Override public void debug(dev.agentdbg.analyzer.model.DebugEvent e) { a.debug(e); b.debug(e); }
        @Override public void skipped(SkippedLine l, String t, String h) { a.skipped(l, t, h); b.skipped(l, t, h); }
    }
}
