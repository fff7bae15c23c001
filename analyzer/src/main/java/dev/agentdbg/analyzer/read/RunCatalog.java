package dev.agentdbg.analyzer.read;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The runs found at the path the user gave, oldest first, and the choice of which one to analyse.
 *
 * @param notes things the user should know about the input before reading it (missing parts, sibling files)
 */
public record RunCatalog(Path input, boolean directory, List<RunFiles> runs, List<String> notes) {

    public RunCatalog {
        runs = List.copyOf(runs);
        notes = List.copyOf(notes);
    }

    /** The run with the given id, or the newest run when {@code runId} is {@code null}. */
    public RunFiles select(String runId) throws BadInputException {
        if (runId == null) {
            return runs.get(runs.size() - 1);
        }
        for (RunFiles run : runs) {
            if (run.runId().equals(runId)) {
                return run;
            }
        }
        throw new BadInputException("no run '" + runId + "' in " + input + "; runs found: "
                + runs.stream().map(RunFiles::runId).collect(Collectors.joining(", ")));
    }
}
