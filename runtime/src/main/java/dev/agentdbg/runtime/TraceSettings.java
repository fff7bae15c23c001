package dev.agentdbg.runtime;

import java.nio.file.Path;

/** The runtime's part of the configuration, already validated by the agent. */
public record TraceSettings(
        Path outputDir,
        /** slots in each platform thread's ring */
        int bufferSize,
        long flushIntervalMillis,
        long rotateBytes,
        int exceptionFrames) {

    /** Virtual threads share one ring, sixteen times a thread's, at least 64K slots. */
    public int sharedBufferSize() {
        return (int) Math.min(1 << 24, Math.max(65_536L, 16L * bufferSize));
    }
}
