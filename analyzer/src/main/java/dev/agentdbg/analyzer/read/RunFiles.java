package dev.agentdbg.analyzer.read;

import java.util.List;

/**
 * All files of one run, ordered by part, plus the key that orders runs by start time.
 *
 * @param startKey epoch nanoseconds of the run's start, from its run record or its run id; 0 when unknown
 */
public record RunFiles(String runId, long startKey, List<TraceFile> parts) {

    public RunFiles {
        parts = List.copyOf(parts);
    }
}
