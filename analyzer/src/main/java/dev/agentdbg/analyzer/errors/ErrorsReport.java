package dev.agentdbg.analyzer.errors;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import java.util.List;

/**
 * What the {@code errors} command found: failed spans grouped by what failed and where, and how the agents and tools
 * did.
 *
 * @param spans         spans that passed the filters
 * @param failures      of those, the failed ones (thrown, or marked failed by a rule's {@code errorWhen})
 * @param errorResults  of the failures, those the framework had turned into a result ({@code errorWhen})
 * @param groups        every group, most failures first (the command shows the first {@code --top})
 * @param ungrouped     failures not grouped because {@value ErrorsBuilder#MAX_GROUPS} groups were already kept
 * @param calls         agents and tools (spans of kind agent and tool), most failures first
 * @param pathsCut      true when the spans kept to build paths reached their bound and some paths are incomplete
 * @param filterStart   what the time filters (--from, --to) count from: the run's first call as the trace names
 *                      it ({@link dev.agentdbg.analyzer.filter.TimeOrigin}, epoch ns)
 */
public record ErrorsReport(long spans, long failures, long errorResults, List<Group> groups, long ungrouped,
                           List<CallStats> calls, boolean pathsCut, long filterStart) {

    /** The type recorded for a call that returned normally but whose rule's {@code errorWhen} marked it failed. */
    public static final String ERROR_RESULT = "(error result)";

    /**
     * Failures with the same exception type, normalised message, traced method and top frame.
     *
     * @param sample    the first failure of the group, whole (without payload): its stack trace is the one shown
     * @param name      the agent or tool name of the sample, or {@code null}
     * @param traces    distinct traces the failures were in (counted up to a bound, see {@code tracesCapped})
     * @param path      the spans from the root to the failing one, as labels; the first is {@code "..."} when the
     *                  root could not be reached (an ancestor was not in the trace, or not kept)
     */
    public record Group(String type, String message, MethodInfo method, String topFrame, long count, long firstStart,
                        long lastStart, Span sample, String name, int traces, boolean tracesCapped,
                        List<String> path) {

        /** The framework turned the failure into a result; the rule's errorWhen marked it failed. */
        public boolean errorResult() {
            return ERROR_RESULT.equals(type);
        }
    }

    /** Calls of one agent or tool: the agent or tool name when the spans carry one, else the method. */
    public record CallStats(String kind, String name, long count, long failures, long meanNanos, long p95Nanos) {

        public double successRate() {
            return count == 0 ? 0 : (count - failures) / (double) count;
        }
    }
}
