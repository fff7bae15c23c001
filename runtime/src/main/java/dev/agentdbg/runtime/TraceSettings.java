package dev.agentdbg.runtime;

import java.nio.file.Path;

/** The runtime's part of the configuration, already validated by the agent. */
public record TraceSettings(
        Path outputDir,
        int bufferSize,
        long flushIntervalMillis,
        long rotateBytes,
        int exceptionFrames) {
}
