package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.MemoryBudget;

import java.nio.file.Path;

/** The runtime's part of the configuration, already validated by the agent. */
public record TraceSettings(
        Path outputDir,
        /** the most slots a platform thread's ring grows to */
        int bufferSize,
        long flushIntervalMillis,
        long rotateBytes,
        int exceptionFrames,
        /** bytes all of the agent's buffers together may reserve (agentdbg.memory.max) */
        long memoryMax,
        /** how long the final drain at JVM exit may take (agentdbg.shutdown.timeout) */
        long shutdownTimeoutMillis) {

    /** Default shutdown budget: the final drain at exit stops after this long. */
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    /** Settings with the default memory budget for this heap and the default shutdown budget. */
    public TraceSettings(Path outputDir, int bufferSize, long flushIntervalMillis, long rotateBytes, int exceptionFrames) {
        this(outputDir, bufferSize, flushIntervalMillis, rotateBytes, exceptionFrames,
                MemoryBudget.defaultMax(Runtime.getRuntime().maxMemory()), DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);
    }

    /**
     * Virtual threads share one ring (allocated whole): as big as a thread's largest, at least 64K
     * slots, but within an eighth of the memory budget (see SpanRings).
     */
    public int sharedBufferSize() {
        return Math.max(65_536, bufferSize);
    }
}
