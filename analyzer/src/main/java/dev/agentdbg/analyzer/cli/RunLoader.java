package dev.agentdbg.analyzer.cli;

import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.RunCatalog;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceListener;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.read.TraceReader;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.summary.SummaryBuilder;
import dev.agentdbg.analyzer.summary.SummaryOptions;
import java.nio.file.Path;
import java.util.List;

/** Finds, reads and summarises the run a command was given, so every command treats its input the same way. */
final class RunLoader {

    private RunLoader() {
    }

    /**
     * The summary of the run at {@code inputs}: a file, or the run {@code runId} of the files and directories given
     * (their newest when {@code null}).
     */
    static Summary summarise(List<Path> inputs, String runId, SummaryOptions options) throws BadInputException {
        return summarise(new TraceReader(), inputs, runId, options, null);
    }

    /** Like {@link #summarise(List, String, SummaryOptions)}, read with {@code reader} (its progress line). */
    static Summary summarise(TraceReader reader, List<Path> inputs, String runId, SummaryOptions options)
            throws BadInputException {
        return summarise(reader, inputs, runId, options, null);
    }

    /**
     * Like {@link #summarise(List, String, SummaryOptions)}, and hands every record to {@code also} too (when not
     * {@code null}), in the same single read: a command's own collector gets the summary's header and warnings free.
     */
    static Summary summarise(List<Path> inputs, String runId, SummaryOptions options, TraceListener also)
            throws BadInputException {
        return summarise(new TraceReader(), inputs, runId, options, also);
    }

    /** Like {@link #summarise(List, String, SummaryOptions, TraceListener)}, read with {@code reader}. */
    static Summary summarise(TraceReader reader, List<Path> inputs, String runId, SummaryOptions options,
                             TraceListener also) throws BadInputException {
        Path input = inputs.get(0);
        RunCatalog catalog = new TraceLocator().locate(inputs);
        RunFiles run = catalog.select(runId);
        SummaryBuilder builder = new SummaryBuilder(options);
        ReadReport read = reader.read(run, also == null ? builder : new Tee(builder, also));
        if (read.records() == 0) {
            String why = read.skipped().isEmpty() ? "" : ": " + read.skipped().get(0).describe();
            throw new BadInputException("no trace records could be read from " + describe(run) + why);
        }
        List<String> others = catalog.runs().stream().map(RunFiles::runId).filter(id -> !id.equals(run.runId()))
                .toList();
        Summary.Selection selection = new Summary.Selection(input, catalog.directory(), run.runId(), others,
                runId == null);
        return builder.build(selection, read, catalog.notes());
    }

    private static String describe(RunFiles run) {
        return run.parts().size() == 1 ? run.parts().get(0).path().toString()
                : "run " + run.runId() + " (" + run.parts().size() + " files)";
    }
}
