package com.acme.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, item 1: many threads calling traced methods at full speed under a small heap. The
 * agent's buffers stay within agentdbg.memory.max, spans beyond it are dropped and counted, and
 * the JVM neither runs out of memory nor hangs at exit.
 */
class MemoryBudgetIT {
    /** Shutdown budget (2 s by default) plus a generous margin for a loaded machine. */
    private static final long MAX_EXIT_MILLIS = 15_000;

    @Test
    void fiftyPlatformThreadsUnderASmallHeap(@TempDir Path dir) throws Exception {
        LoadRun run = LoadRun.run(dir, LoadRun.java(), LoadRun.config(dir), "-Xmx256m", "platform", "50", "3");
        JsonNode stats = run.assertHealthy(MAX_EXIT_MILLIS);
        assertTrue(stats.path("memoryMax").asLong() <= 256L * 1024 * 1024 / 8,
                "the default budget is at most 1/8 of a small heap: " + stats);
    }

    @Test
    void fiveHundredPlatformThreadsWithinAnEightMegabyteBudget(@TempDir Path dir) throws Exception {
        LoadRun run = LoadRun.run(dir, LoadRun.java(), LoadRun.config(dir, "agentdbg.memory.max=8MB"), "-Xmx256m",
                "platform", "500", "3");
        JsonNode stats = run.assertHealthy(MAX_EXIT_MILLIS);
        assertTrue(stats.path("memoryMax").asLong() == 8L * 1024 * 1024, stats.toString());
        assertTrue(stats.path("droppedByMemory").asLong() > 0, "the 8 MB budget bites: " + stats);
    }

    @Test
    void tenThousandVirtualThreads(@TempDir Path dir) throws Exception {
        Path java = LoadRun.java();
        Assumptions.assumeTrue(LoadRun.hasVirtualThreads(java), "virtual threads need JDK 21+: " + java);
        LoadRun run = LoadRun.run(dir, java, LoadRun.config(dir), "-Xmx256m", "virtual", "10000", "300");
        run.assertHealthy(MAX_EXIT_MILLIS);
    }
}
