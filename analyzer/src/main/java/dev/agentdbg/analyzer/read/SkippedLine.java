package dev.agentdbg.analyzer.read;

import java.nio.file.Path;

/** A line that could not be used, with where it was and why, so the user can look at it. */
public record SkippedLine(Path file, long line, String reason) {

    /** {@code skipped line 57 of x.jsonl: torn last line (no newline, 40 bytes)}. */
    public String describe() {
        return "skipped line " + line + " of " + file.getFileName() + ": " + reason;
    }
}
