package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.ReadReport;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the {@code summary} command reports about one run, computed once and rendered as text or JSON.
 *
 * @param run        the run record of the first part, or {@code null} when no file had a readable one
 * @param stats      the last stats record, or {@code null} when there was none
 * @param warnings   problems the user should see first (no final stats, dropped spans, agent faults, ...)
 * @param errors     the failed spans listed one by one, by start time (at most the configured number)
 * @param timeline   {@code null} when the timeline was not requested
 */
public record Summary(
        Selection selection,
        ReadReport read,
        RunInfo run,
        AgentStats stats,
        List<AgentError> agentErrors,
        List<String> warnings,
        Wall wall,
        long spanCount,
        long errorCount,
        List<BreakdownRow> byKind,
        List<BreakdownRow> byComponent,
        List<BreakdownRow> byMethod,
        List<MethodInfo> neverCalled,
        List<SpanRef> slowest,
        List<SpanRef> errors,
        List<ErrorGroup> errorGroups,
        Timeline timeline) {

    /**
     * Which run was analysed and which others were there.
     *
     * @param otherRunIds the other runs found in the directory, oldest first
     * @param newest      whether the run was chosen as the newest (no {@code --run})
     */
    public record Selection(Path input, boolean directory, String runId, List<String> otherRunIds, boolean newest) {
    }

    /**
     * The run's extent in epoch nanoseconds.
     *
     * @param basis how {@code start} and {@code end} were chosen, e.g. "first span start -> final stats"
     */
    public record Wall(long start, long end, long firstSpanStart, long lastSpanEnd, String basis) {

        public long durationNanos() {
            return Math.max(0, end - start);
        }
    }

    /**
     * Totals for one kind, component or method.
     *
     * @param method the method for a per-method row, {@code null} otherwise
     * @param kind   the kind for per-kind and per-method rows; for components, the kinds they contain
     */
    public record BreakdownRow(String name, String kind, String component, MethodInfo method, long count,
                               long errors, long totalNanos, long selfNanos, long p50Nanos, long p95Nanos) {
    }

    /** A span with its method resolved and its self time (duration minus its direct children's). */
    public record SpanRef(Span span, MethodInfo method, long selfNanos) {
    }

    /** Failed spans of one method that threw the same exception type. */
    public record ErrorGroup(MethodInfo method, String type, long count, String firstMessage) {
    }

    /** The traces shown, and how many there were in all. */
    public record Timeline(List<TimelineTrace> traces, int totalTraces) {
    }

    /**
     * One trace as a tree flattened in display order.
     *
     * @param hiddenSpans spans of this trace beyond the per-trace line limit
     */
    public record TimelineTrace(String trace, String thread, long start, long end, int spanCount, int errorCount,
                                List<TimelineLine> lines, int hiddenSpans) {
    }

    /**
     * One span in the timeline.
     *
     * @param orphan the span names a parent that is not in the trace (dropped or never finished)
     */
    public record TimelineLine(int depth, Span span, MethodInfo method, boolean orphan) {
    }
}
