package dev.agentdbg.runtime;

/**
 * The memory and shutdown budgets as the {@code stats} record reports them.
 *
 * @param memoryMax       {@code agentdbg.memory.max} in effect, in bytes
 * @param memoryPeak      the most bytes the agent's buffers had reserved at once
 * @param droppedByMemory spans dropped because the budget let no buffer grow (part of {@code dropped})
 * @param droppedAtExit   spans not written when the shutdown budget ran out (part of {@code dropped})
 */
record BudgetStats(long memoryMax, long memoryPeak, long droppedByMemory, long droppedAtExit) {
}
