package dev.agentdbg.analyzer.inspect;

import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.read.ReadReport;
import java.util.List;

/**
 * The spans of a run that matched the filters: the earliest {@code rows} by start, and how many matched in all.
 *
 * @param run      the run record, {@code null} when none could be read
 * @param runStart epoch ns the offsets count from: the run's start, else the earliest span's
 */
public record Listing(String runId, RunInfo run, long runStart, List<SpanRow> rows, long matched, long spans,
                      ReadReport read, List<String> notes) {
}
