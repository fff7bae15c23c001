package dev.agentdbg.analyzer.model;

import java.util.List;

/**
 * The agent's own counts from a {@code stats} record; counts are cumulative over all parts written so far.
 *
 * <p>{@code unmatchedRules} is {@code null} when the record did not carry the field (non-final records).
 */
public record AgentStats(
        boolean isFinal,
        String at,
        long endNanos,
        long spans,
        long dropped,
        long internalErrors,
        long methodsInstrumented,
        long classesTransformed,
        long transformFailures,
        /** calls of capturing rules traced without capture (agentdbg.capture.maxBuffered reached) */
        long captureSkipped,
        long bytes,
        long files,
        List<String> unmatchedRules,
        /** agentdbg.memory.max in force, and the most the agent's buffers held at once; 0 when not recorded */
        long memoryMax,
        long memoryPeak,
        /** of {@code dropped}: refused by the memory budget, and left unwritten when the shutdown budget ran out */
        long droppedByMemory,
        long droppedAtExit,
        /** classes near a rule that got no {@code class} record because agentdbg.classes.max was reached */
        long classesNotNoted) {

    public AgentStats {
        unmatchedRules = unmatchedRules == null ? null : List.copyOf(unmatchedRules);
    }
}
