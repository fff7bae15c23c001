package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.AnalyzerMain;
import dev.agentdbg.analyzer.export.ExportCollector;
import dev.agentdbg.analyzer.export.ExportFailedException;
import dev.agentdbg.analyzer.export.Exports;
import dev.agentdbg.analyzer.export.SpanWriter;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.SpanFilterOptions;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.RunCatalog;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceLocator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code export} command: the run's spans as OTLP JSON or Chrome trace-event JSON, or sent over OTLP/HTTP. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
            "Export the spans of one traced run for other tools, streaming: written as the trace is read.",
            "",
            "--format otlp-json writes OTLP JSON, one ExportTraceServiceRequest per line (a batch of spans each), "
                + "which the OpenTelemetry Collector's otlpjsonfile receiver reads. --otlp-endpoint sends the spans "
                + "over OTLP/HTTP (protobuf) to a collector or a back-end (Jaeger, Tempo, Langfuse, Phoenix). Both "
                + "keep the trace and span ids, parents and times, and name attributes after the OpenTelemetry GenAI "
                + "conventions. --format chrome writes Chrome trace-event JSON for Perfetto (ui.perfetto.dev) and "
                + "chrome://tracing: one track per thread, async hand-overs as arrows.",
            "",
            "Calls still running when the trace ends are exported as running to its end. Lines that cannot be read "
                + "are skipped and counted on stderr."},
        footer = {"", "Examples:",
            "  agentdbg-analyzer export agentdbg-traces/ -o run.otlp.jsonl",
            "  agentdbg-analyzer export agentdbg-traces/ --otlp-endpoint http://localhost:4318",
            "  agentdbg-analyzer export agentdbg-traces/ --format chrome -o run.trace.json",
            "  agentdbg-analyzer export run.jsonl --kind llm,tool -o calls.otlp.jsonl",
            "",
            "Exit codes: 0 done, 1 internal error, 2 bad input, usage or out of memory, "
                + "3 the OTLP endpoint did not take the spans."})
public final class ExportCommand implements Callable<Integer> {

    /** The endpoint could not be reached or refused the spans after the exporter's retries. */
    public static final int EXIT_NOT_SENT = 3;

    @Mixin
    private RunPaths run;

    @Mixin
    private SpanFilterOptions filters;

    @Option(names = "--format", paramLabel = "otlp-json|chrome", defaultValue = "otlp-json",
            description = "What to write (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>",
            description = "Write to this file (replaced when the export succeeds) instead of stdout.")
    private Path output;

    @Option(names = "--otlp-endpoint", paramLabel = "<url>",
            description = "Send the spans over OTLP/HTTP (protobuf) to this collector, e.g. http://localhost:4318; "
                    + "/v1/traces is added unless the URL has a path. Instead of writing a file.")
    private String endpoint;

    @Option(names = "--otlp-header", paramLabel = "<name=value>",
            description = "An HTTP header for every request to --otlp-endpoint, e.g. Authorization=Basic ...; "
                    + "repeatable.")
    private Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--otlp-timeout", paramLabel = "<time>", defaultValue = "10s",
            description = "How long one OTLP/HTTP request may take (default: ${DEFAULT-VALUE}); a failed request is "
                    + "retried up to 4 times with backoff before the export stops.")
    private String timeout;

    @Option(names = "--service-name", paramLabel = "<name>",
            description = "The OTLP resource's service.name, and the process name in chrome (default: the traced "
                    + "program's main class or jar).")
    private String serviceName;

    @Option(names = "--batch-size", paramLabel = "<n>", defaultValue = "512",
            description = "Spans per OTLP request and per otlp-json line (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--no-progress",
            description = "Never show the progress line, which a read longer than a second shows on stderr when "
                    + "stderr is a terminal.")
    private boolean noProgress;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private AnalyzerMain main;

    @Override
    public Integer call() throws BadInputException {
        SpanFilter filter = filters.filter();
        if (batchSize < 1) {
            throw new BadInputException("--batch-size takes a number >= 1, not " + batchSize);
        }
        if (!format.equals(Exports.OTLP_JSON) && !format.equals(Exports.CHROME)) {
            throw new BadInputException("--format takes otlp-json or chrome, not '" + format + "'");
        }
        if (endpoint != null && (output != null || spec.commandLine().getParseResult().hasMatchedOption("--format"))) {
            throw new BadInputException("--otlp-endpoint sends the spans, --format and -o write them: use one or the "
                    + "other");
        }
        String url = endpoint == null ? null : Exports.tracesUrl(endpoint);
        Duration requestTimeout = Duration.ofNanos(duration("--otlp-timeout", timeout));

        RunCatalog catalog = new TraceLocator().locate(run.inputs());
        RunFiles files = catalog.select(run.runId);
        PrintWriter err = spec.commandLine().getErr();
        Path temp = null;
        ReadReport read;
        ExportCollector collector;
        String note;
        try {
            Writer out;
            if (url != null) {
                out = null;
            } else if (output != null) {
                temp = output.resolveSibling(output.getFileName() + ".part");
                out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
            } else {
                out = spec.commandLine().getOut();
            }
            try (SpanWriter writer = url != null
                    ? Exports.otlpHttp(url, headers, requestTimeout, batchSize, serviceName)
                    : Exports.file(format, out, batchSize, serviceName)) {
                collector = new ExportCollector(writer, filter);
                TerminalOptions terminal = new TerminalOptions();
                terminal.noProgress = noProgress;
                read = terminal.reader(spec, main.env()).read(files, collector);
                collector.finish();
                note = writer.note();
            } finally {
                if (out != null && output != null) {
                    out.close();
                }
            }
            if (read.records() == 0) {
                String why = read.skipped().isEmpty() ? "" : ": " + read.skipped().get(0).describe();
                throw new BadInputException("no trace records could be read from " + describe(files) + why);
            }
            if (temp != null) {
                Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                temp = null;
            }
        } catch (ExportFailedException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return EXIT_NOT_SENT;
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new BadInputException("cannot write " + (output == null ? "to stdout" : output) + ": " + io);
        } finally {
            deleteQuietly(temp);
        }
        report(err, files, read, collector, note, url);
        return 0;
    }

    /** What was exported where, and what was skipped: on stderr, so stdout holds only the export. */
    private void report(PrintWriter err, RunFiles files, ReadReport read, ExportCollector collector, String note,
                        String url) {
        String where = url != null ? "sent to " + url : output != null ? "written to " + output : "written to stdout";
        err.println("exported " + collector.exported() + " span(s)"
                + (collector.unfinished() > 0 ? " (" + collector.unfinished() + " unfinished)" : "")
                + " of run " + files.runId() + " as " + (url != null ? "OTLP/HTTP" : format) + ", " + where);
        if (read.skippedTotal() > 0) {
            err.println("warning: " + read.skippedTotal() + " unreadable line(s) skipped; first: "
                    + read.skipped().get(0).describe());
        }
        List.of(read.fieldWarnings(), read.notes()).forEach(lines -> lines.forEach(l -> err.println("warning: " + l)));
        if (read.ignoredValuesWarning() != null) {
            err.println("warning: " + read.ignoredValuesWarning());
        }
        if (note != null) {
            err.println("note: " + note);
        }
        err.flush();
    }

    private static long duration(String option, String value) throws BadInputException {
        try {
            long nanos = dev.agentdbg.analyzer.filter.SpanFilter.parseDuration(value);
            if (nanos <= 0) {
                throw new NumberFormatException();
            }
            return nanos;
        } catch (NumberFormatException e) {
            throw new BadInputException(option + " takes a time such as 500ms, 2s or 1m, not '" + value + "'");
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover .part file is harmless; the error that got us here is the one to report
            }
        }
    }

    private static String describe(RunFiles run) {
        return run.parts().size() == 1 ? run.parts().get(0).path().toString()
                : "run " + run.runId() + " (" + run.parts().size() + " files)";
    }
}
