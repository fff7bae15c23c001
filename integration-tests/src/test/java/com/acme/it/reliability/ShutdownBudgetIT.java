package com.acme.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, item 4: the final drain at JVM exit stops at agentdbg.shutdown.timeout; what was not
 * written by then is counted as dropped, and the final stats are written all the same.
 */
class ShutdownBudgetIT {
    @Test
    void exitWhileThreadsKeepCallingIsBounded(@TempDir Path dir) throws Exception {
        // Daemon threads go on calling traced methods while the shutdown hook drains: without a
        // deadline the final drain never catches up with them.
        Path config = LoadRun.config(dir, "agentdbg.shutdown.timeout=1s", "agentdbg.memory.max=256MB",
                "agentdbg.buffer.size=1048576");
        LoadRun run = LoadRun.run(dir, LoadRun.java(), config, "-Xmx1g", "exit-under-load", "8", "3");
        String output = run.result.stdout() + run.result.stderr();
        assertFalse(output.contains("OutOfMemoryError"), output);
        assertEquals(0, run.result.exitCode(), output);
        assertTrue(run.exitMillis <= 11_000, "exit took " + run.exitMillis + " ms with a 1 s shutdown budget\n" + output);
        JsonNode stats = run.finalStats();
        assertEquals(0, stats.path("internalErrors").asLong(), stats.toString());
        assertTrue(stats.path("spans").asLong() > 0, stats.toString());
    }

    @Test
    void backlogNotWrittenInTimeIsCountedAsDropped(@TempDir Path dir) throws Exception {
        // A big backlog (large budget and rings) and a short budget: the drain is cut, the count stays exact.
        Path config = LoadRun.config(dir, "agentdbg.shutdown.timeout=200ms", "agentdbg.memory.max=400MB",
                "agentdbg.buffer.size=1048576");
        LoadRun run = LoadRun.run(dir, LoadRun.java(), config, "-Xmx1g", "platform", "50", "3");
        JsonNode stats = run.assertHealthy(10_000);
        // Fifty threads at full speed always outrun one writer: there is a backlog to cut.
        assertTrue(stats.path("droppedAtExit").asLong() > 0, stats.toString());
        assertTrue(stats.path("droppedAtExit").asLong() <= stats.path("dropped").asLong(), stats.toString());
    }
}
