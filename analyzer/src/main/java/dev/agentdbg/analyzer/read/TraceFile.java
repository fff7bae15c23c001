package dev.agentdbg.analyzer.read;

import java.nio.file.Path;

/**
 * One file of a run, identified before reading it in full.
 *
 * @param runId      from the file's {@code run} record, or derived from the file name when that line is unusable
 * @param part       0 for {@code <runId>.jsonl}, n for {@code <runId>.n.jsonl}
 * @param startNanos the run's start from its {@code run} record, 0 when unknown
 * @param mode       {@code trace}, {@code record} or {@code replay} from its {@code run} record; {@code null} when
 *                   that line is unusable
 */
public record TraceFile(Path path, String runId, int part, long startNanos, String mode) {
}
