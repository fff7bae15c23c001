package dev.agentdbg.agent;

import dev.agentdbg.agent.config.ConfigKeys;
import dev.agentdbg.agent.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The shim's off switch agrees with the full configuration on every source and precedence. */
class OffSwitchTest {

    @Test
    void agreesWithTheFullConfigurationOnEveryCombination(@TempDir Path dir) throws Exception {
        String[] values = {null, "false", "true", "OFF", " no ", "maybe", ""};
        Path file = dir.resolve("agentdbg.properties");
        int cases = 0;
        for (String arg : values) {
            for (String sys : values) {
                for (String env : values) {
                    for (String inFile : values) {
                        Files.writeString(file, "# caf\u00e9\nagentdbg.rule.a.match=com.X\n"
                                + (inFile == null ? "" : "agentdbg.enabled=" + inFile + "\n"));
                        String args = "config=" + file + (arg == null ? "" : ",enabled=" + arg);
                        Properties system = new Properties();
                        if (sys != null) {
                            system.setProperty("agentdbg.enabled", sys);
                        }
                        Map<String, String> environment = new HashMap<>();
                        if (env != null) {
                            environment.put("AGENTDBG_ENABLED", env);
                        }
                        boolean enabled = ConfigLoader.load(args, system, environment).bool(ConfigKeys.ENABLED);
                        String offBy = OffSwitch.offBy(args, system, environment);
                        assertEquals(!enabled, offBy != null, "args=" + arg + " sys=" + sys + " env=" + env + " file=" + inFile);
                        cases++;
                    }
                }
            }
        }
        assertEquals(values.length * values.length * values.length * values.length, cases);
    }

    @Test
    void namesTheSourceAndFindsTheFileFromAnySource(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("off.properties"), "agentdbg.enabled=false\n");
        assertEquals("agent argument", OffSwitch.offBy("agentdbg.enabled=false", new Properties(), Map.of()));
        assertEquals("off.properties", OffSwitch.offBy(null, new Properties(), Map.of("AGENTDBG_CONFIG", file.toString())));
        Properties system = new Properties();
        system.setProperty("agentdbg.config", file.toString());
        assertEquals("off.properties", OffSwitch.offBy("", system, Map.of()));
        assertNull(OffSwitch.offBy("config=" + dir, new Properties(), Map.of()), "a directory: the full loader reports it");
        assertNull(OffSwitch.offBy("config=" + dir.resolve("missing"), new Properties(), Map.of()));
    }
}
