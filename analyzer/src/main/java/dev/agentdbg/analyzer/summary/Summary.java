package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.llm.LlmReport;
import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.replay.ReplayFacts;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the {@code summary} command reports about one run, computed once and rendered as text or JSON.
 *
 * @param run        the run record of the first part, or {@code null} when no file had a readable one
 * @param stats      the last stats record, or {@code null} when there was none
 * @param warnings   problems the user should see first (no final stats, dropped spans, agent faults, ...)
 * @param errors     the failed spans listed one by one, by start time (at most the configured number)
 * @param unfinished every call that was still running at the end of the run, by trace and start (outermost
 *                   first); these calls are not spans: counts, breakdowns, slowest spans and errors leave them out
 * @param timeline   {@code null} when the timeline was not requested
 * @param parallel   the agent spans whose children ran in parallel (async or overlapping), the most parallel first
 * @param llm        the LLM calls by model and the tool calls by tool
 * @param replay     what a run in record or replay mode recorded or served; {@code null} for a run in trace mode
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
        List<UnfinishedCall> unfinished,
        Timeline timeline,
        Parallel parallel,
        LlmReport llm,
        ReplayFacts replay,
        DebugFacts debug) {

    /** How the span's call was served in a replay ({@code recording} or {@code override}), or {@code null}. */
    public String servedFrom(Span span) {
        return replay == null ? null : replay.servedFrom(span.id());
    }

    /** Calls that began (a {@code start} record) but never ended (no {@code span} record). */
    public long unfinishedCount() {
        return unfinished.size();
    }

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
     * @param name      for a per-method row the label: {@code Class.method}, or for the calls of one agent or tool
     *                  that the method ran, {@code <agent or tool name>  (Class.method)}
     * @param method    the method for a per-method row, {@code null} otherwise
     * @param kind      the kind for per-kind and per-method rows; for components, the kinds they contain
     * @param agentName the row's {@code gen_ai.agent.name}, for a per-method row whose spans carried one
     * @param toolName  likewise, {@code gen_ai.tool.name}
     */
    public record BreakdownRow(String name, String kind, String component, MethodInfo method, String agentName,
                               String toolName, long count, long errors, long totalNanos, long selfNanos,
                               long p50Nanos, long p95Nanos) {
    }

    /** A span with its method resolved and its self time (duration minus its direct children's). */
    public record SpanRef(Span span, MethodInfo method, long selfNanos) {
    }

    /**
     * A call with a {@code start} record and no {@code span} record: it was still running when the run ended.
     *
     * @param depth        how many other unfinished calls enclose it (0 for the outermost)
     * @param runningNanos from its start to the end of the run ({@link Wall#end()})
     */
    public record UnfinishedCall(CallStart call, MethodInfo method, int depth, long runningNanos) {
    }

    /**
     * Failed spans of one method, or of one agent or tool that it ran, that threw the same exception type.
     *
     * @param name the label, as in {@link BreakdownRow#name()}
     */
    public record ErrorGroup(String name, MethodInfo method, String type, long count, String firstMessage) {
    }

    /**
     * The traces shown, in start order, and how many there were in all.
     *
     * @param failedTraces traces with a failed span or an unfinished call, shown or not
     * @param first        the limits that chose them: the first traces by start ({@code 0}: all), the slowest, and
     *                     the first failing ones
     */
    public record Timeline(List<TimelineTrace> traces, long totalTraces, long failedTraces, int first, int slowest,
                           int failed) {

        public long hiddenTraces() {
            return totalTraces - traces.size();
        }

        /** Failing traces not shown. */
        public long hiddenFailed() {
            return failedTraces - traces.stream().filter(t -> t.errorCount() > 0 || t.stillRunning()).count();
        }
    }

    /**
     * One trace as a tree flattened in display order.
     *
     * @param end             the end of its last span, or the end of the run when a call of it is unfinished
     * @param spanCount       finished spans
     * @param unfinishedCount calls still running at the end of the run
     * @param hiddenSpans     spans and unfinished calls of this trace beyond the per-trace line limit
     * @param shownAs         why it is shown: {@code first} (among the first traces by start), {@code slowest},
     *                        {@code failing}
     */
    public record TimelineTrace(String trace, String thread, long start, long end, int spanCount, int errorCount,
                                int unfinishedCount, List<TimelineLine> lines, int hiddenSpans, List<String> shownAs) {

        public boolean stillRunning() {
            return unfinishedCount > 0;
        }
    }

    /**
     * One span, or one unfinished call, in the timeline.
     *
     * @param span     for an unfinished call, its start with the time it had been running as duration
     * @param orphan   the span names a parent that is not in the trace (dropped, or still running and of a kind
     *                 without start records)
     * @param running  an unfinished call: it was still running at the end of the run
     * @param parallel it overlaps a sibling in time: it started before a sibling ended, or a sibling before it ended
     */
    public record TimelineLine(int depth, Span span, MethodInfo method, boolean orphan, boolean running,
                               boolean parallel) {
    }

    /** The agent spans listed under Parallel work, and how many there were in all. */
    public record Parallel(List<ParallelSpan> spans, int total) {
    }

    /**
     * An agent span whose direct children ran beside it on other threads or overlapped each other in time.
     *
     * @param childrenNanos the sum of its finished direct children's durations (async ones included)
     * @param threads       the threads its async children ran on, by name (at most 16)
     * @param moreThreads   async children ran on more threads than {@code threads} names
     * @param overlapping   some of its children ran at the same time
     */
    public record ParallelSpan(Span span, MethodInfo method, long childrenNanos, int children, int asyncChildren,
                               List<String> threads, boolean moreThreads, boolean overlapping) {

        /** Children's time over wall time: above 1 means the children together ran longer than the span took. */
        public double parallelism() {
            return span.dur() == 0 ? 0 : (double) childrenNanos / span.dur();
        }
    }
}
