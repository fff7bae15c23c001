package dev.agentdbg.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key the agent understands, with its default; the README mirrors this list. */
public final class ConfigKeys {
    public static final String PREFIX = "agentdbg.";
    public static final String RULE_PREFIX = "agentdbg.rule.";

    public static final String CONFIG = "agentdbg.config";
    public static final String ENABLED = "agentdbg.enabled";
    public static final String OUTPUT_DIR = "agentdbg.output.dir";
    public static final String BUFFER_SIZE = "agentdbg.buffer.size";
    public static final String FLUSH_INTERVAL_MS = "agentdbg.flush.interval.ms";
    public static final String FILE_ROTATE_SIZE = "agentdbg.file.rotate.size";
    public static final String EXCEPTION_FRAMES = "agentdbg.exception.frames";
    public static final String VERBOSE = "agentdbg.verbose";

    /** Attributes of {@code agentdbg.rule.<name>.<attribute>}. */
    public static final List<String> RULE_ATTRIBUTES =
            List.of("match", "subtypeOf", "annotatedWith", "methods", "kind", "component");

    public static final List<String> KINDS = List.of("agent", "llm", "tool", "retrieval", "chain", "custom");

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put(CONFIG, "");
        DEFAULTS.put(ENABLED, "true");
        DEFAULTS.put(OUTPUT_DIR, "./agentdbg-traces");
        DEFAULTS.put(BUFFER_SIZE, "65536");
        DEFAULTS.put(FLUSH_INTERVAL_MS, "200");
        DEFAULTS.put(FILE_ROTATE_SIZE, "100MB");
        DEFAULTS.put(EXCEPTION_FRAMES, "32");
        DEFAULTS.put(VERBOSE, "false");
    }

    private ConfigKeys() {
    }

    public static boolean isKnown(String key) {
        return DEFAULTS.containsKey(key);
    }

    public static String defaultValue(String key) {
        return DEFAULTS.get(key);
    }

    public static List<String> names() {
        return List.copyOf(DEFAULTS.keySet());
    }

    /** {@code agentdbg.buffer.size} -> {@code AGENTDBG_BUFFER_SIZE}. */
    public static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }
}
