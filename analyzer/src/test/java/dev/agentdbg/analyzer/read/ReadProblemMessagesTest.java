package dev.agentdbg.analyzer.read;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An unreadable trace is reported with its real cause. Root (as in CI containers) reads any file,
 * so the exceptions the JDK throws stand in for the faults; their messages alone are only the path.
 */
class ReadProblemMessagesTest {
    @Test
    void namesTheCauseNotThePath() {
        assertEquals("permission denied", TraceLocator.cause(new AccessDeniedException("/t/run.jsonl")));
        assertEquals("no such file (deleted while reading?)", TraceLocator.cause(new NoSuchFileException("/t/run.jsonl")));
        assertEquals("Is a directory", TraceLocator.cause(new FileSystemException("/t/run.jsonl", null, "Is a directory")));
        assertEquals("Input/output error", TraceLocator.cause(new IOException("Input/output error")));
    }
}
