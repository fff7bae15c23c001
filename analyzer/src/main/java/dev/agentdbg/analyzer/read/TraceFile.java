package dev.agentdbg.analyzer.read;

import java.nio.file.Path;

/**
 * One file of a run, identified before reading it in full.
 *
 * @param runId      from the file's {@code run} record, or derived from the file name when that line is unusable
 * @param part       0 for {@code <runId>.jsonl}, n for {@code <runId>.n.jsonl}
 * @param startNanos the run's start from its {@code run} record, 0 when unknown
 */
public record TraceFile(Path path, String runId, int part, long startNanos) {
}
