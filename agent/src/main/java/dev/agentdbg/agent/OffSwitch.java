package dev.agentdbg.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Decides, before the agent jar is put on the bootstrap class path, whether the configuration
 * turns the agent off ({@code agentdbg.enabled=false}), so a disabled agent loads nothing else.
 *
 * <p>It reads only the two keys that matter here, from the same sources and with the same
 * precedence as {@code ConfigLoader} (agent arguments, then {@code -Dagentdbg.*}, then
 * {@code AGENTDBG_*}, then the file), and the same words for "false" as {@code AgentConfig.bool}.
 * It decides "off" only when that is certain; anything else (no value, a bad value, a file it cannot
 * read) goes to the full configuration, which reports problems. Deliberately JDK-only, free of
 * lambdas and {@code +} on strings (both bootstrap method handles, milliseconds at start-up), and
 * self-contained: any other agent class it touched would be loaded a second time, by the system
 * class loader, once the jar is on the bootstrap path.
 */
final class OffSwitch {
    private static final String ENABLED = "agentdbg.enabled";
    private static final String CONFIG = "agentdbg.config";

    private OffSwitch() {
    }

    /** @return where {@code agentdbg.enabled=false} came from, or null when the agent is not certainly off */
    static String offBy(String agentArgs, Properties system, Map<String, String> env) {
        String argEnabled = argument(agentArgs, ENABLED);
        if (argEnabled != null) {
            return isFalse(argEnabled) ? "agent argument" : null;
        }
        String sysEnabled = system.getProperty(ENABLED);
        if (sysEnabled != null) {
            return isFalse(sysEnabled) ? "system property" : null;
        }
        String envEnabled = env.get("AGENTDBG_ENABLED");
        if (envEnabled != null) {
            return isFalse(envEnabled) ? "environment" : null;
        }
        String file = firstNonBlank(argument(agentArgs, CONFIG), system.getProperty(CONFIG), env.get("AGENTDBG_CONFIG"));
        if (file == null) {
            return null;
        }
        Path path = Path.of(file.trim()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            return null;
        }
        // ISO-8859-1 (Properties.load(InputStream)) never fails to decode, and the key and the values
        // that matter are ASCII, which it reads exactly as the UTF-8 reader of ConfigLoader does.
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String fileEnabled = properties.getProperty(ENABLED);
        return fileEnabled != null && isFalse(fileEnabled) ? path.getFileName().toString() : null;
    }

    /** The last value of {@code key} (with or without the {@code agentdbg.} prefix) in {@code a=b,c=d} arguments. */
    private static String argument(String args, String key) {
        if (args == null || args.isBlank()) {
            return null;
        }
        String value = null;
        for (String piece : args.split(",")) {
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = piece.substring(0, eq).trim();
            if (name.equals(key) || "agentdbg.".concat(name).equals(key)) { // no '+': see Premain
                value = piece.substring(eq + 1);
            }
        }
        return value;
    }

    private static boolean isFalse(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "false": case "no": case "off": case "0": return true;
            default: return false;
        }
    }

    private static String firstNonBlank(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }
}
