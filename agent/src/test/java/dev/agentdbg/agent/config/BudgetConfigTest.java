package dev.agentdbg.agent.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** agentdbg.memory.max (a size) and agentdbg.shutdown.timeout (a duration). */
class BudgetConfigTest {
    private static AgentConfig load(String key, String value) {
        Properties system = new Properties();
        system.setProperty(key, value);
        return ConfigLoader.load(null, system, Map.of());
    }

    @Test
    void shutdownTimeoutTakesMillisecondsSecondsAndMinutes() {
        assertEquals(500, load(ConfigKeys.SHUTDOWN_TIMEOUT, "500ms").durationMillis(ConfigKeys.SHUTDOWN_TIMEOUT, 600_000));
        assertEquals(2_000, load(ConfigKeys.SHUTDOWN_TIMEOUT, "2s").durationMillis(ConfigKeys.SHUTDOWN_TIMEOUT, 600_000));
        assertEquals(60_000, load(ConfigKeys.SHUTDOWN_TIMEOUT, "1m").durationMillis(ConfigKeys.SHUTDOWN_TIMEOUT, 600_000));
        assertEquals(0, load(ConfigKeys.SHUTDOWN_TIMEOUT, "0s").durationMillis(ConfigKeys.SHUTDOWN_TIMEOUT, 600_000));
        AgentConfig defaults = ConfigLoader.load(null, new Properties(), Map.of());
        assertEquals(2_000, defaults.durationMillis(ConfigKeys.SHUTDOWN_TIMEOUT, 600_000));
    }

    @Test
    void aDurationWithoutUnitOrOutOfRangeFallsBackWithOneWarning() {
        AgentConfig config = load(ConfigKeys.SHUTDOWN_TIMEOUT, "2");
        assertEquals(2_000, config.durationMillis(ConfigKeys.SHUTDOWN_TIMEOUT, 600_000));
        assertEquals(1, config.warnings().size(), config.warnings().toString());
        assertTrue(config.warnings().get(0).contains("is not a duration (examples: 500ms, 2s)"), config.warnings().toString());
        AgentConfig tooLong = load(ConfigKeys.SHUTDOWN_TIMEOUT, "1h");
        assertEquals(2_000, tooLong.durationMillis(ConfigKeys.SHUTDOWN_TIMEOUT, 600_000));
        assertEquals(1, tooLong.warnings().size());
    }

    @Test
    void memoryMaxIsASizeOfAtLeastOneMegabyte() {
        assertEquals(8L << 20, load(ConfigKeys.MEMORY_MAX, "8MB").size(ConfigKeys.MEMORY_MAX, 1 << 20));
        AgentConfig tooSmall = load(ConfigKeys.MEMORY_MAX, "10KB");
        assertEquals(64L << 20, tooSmall.size(ConfigKeys.MEMORY_MAX, 1 << 20));
        assertTrue(tooSmall.warnings().get(0).contains("is smaller than"), tooSmall.warnings().toString());
        assertEquals("defaults", ConfigLoader.load(null, new Properties(), Map.of()).origin(ConfigKeys.MEMORY_MAX),
                "unset: the agent derives the default from the heap");
    }
}
