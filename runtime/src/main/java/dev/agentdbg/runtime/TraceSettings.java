package dev.agentdbg.runtime;

import java.nio.file.Path;

/** The runtime's part of the configuration, already validated by the agent. */
public record TraceSettings(
        Path outputDir,
        /** the most slots a platform thread's ring grows to */
        int bufferSize,
        long flushIntervalMillis,
        long rotateBytes,
        int exceptionFrames) {

    /** Virtual threads share one ring (allocated whole): as big as a thread's largest, at least 64K slots. */
    public int sharedBufferSize() {
        return Math.max(65_536, bufferSize);
    }
}
