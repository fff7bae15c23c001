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
    public static final String PRESETS = "agentdbg.presets";
    /** Most classes near a rule the trace describes in {@code class} records (for the analyzer's {@code why}). */
    public static final String CLASSES_MAX = "agentdbg.classes.max";
    public static final String CAPTURE_ENABLED = "agentdbg.capture.enabled";
    public static final String CAPTURE_MAX_DEPTH = "agentdbg.capture.maxDepth";
    public static final String CAPTURE_MAX_STRING = "agentdbg.capture.maxStringLength";
    public static final String CAPTURE_MAX_ELEMENTS = "agentdbg.capture.maxElements";
    public static final String CAPTURE_MAX_BYTES = "agentdbg.capture.maxBytes";
    public static final String CAPTURE_REDACT = "agentdbg.capture.redact";
    /** Regular expressions of the user's own token formats, separated by ';' (commas occur in {m,n}). */
    public static final String CAPTURE_REDACT_PATTERNS = "agentdbg.capture.redactPatterns";
    public static final String CAPTURE_MAX_BUFFERED = "agentdbg.capture.maxBuffered";
    /** All of the agent's buffers together; unset: 64MB, or 1/8 of the max heap when that is smaller. */
    public static final String MEMORY_MAX = "agentdbg.memory.max";
    public static final String SHUTDOWN_TIMEOUT = "agentdbg.shutdown.timeout";
    /** {@code agentdbg.price.<model>=<input>,<cached input>,<output>[,<cache write>]} in USD per million tokens. */
    public static final String PRICE_PREFIX = "agentdbg.price.";

    public static final String MODE = "agentdbg.mode";
    public static final String RECORD_MAX_BYTES = "agentdbg.record.maxBytes";
    public static final String REPLAY_FROM = "agentdbg.replay.from";
    public static final String REPLAY_KINDS = "agentdbg.replay.kinds";
    public static final String REPLAY_MATCH = "agentdbg.replay.match";
    public static final String REPLAY_STRICT = "agentdbg.replay.strict";
    public static final String REPLAY_ON_MISSING = "agentdbg.replay.onMissing";
    public static final String REPLAY_UNTIL = "agentdbg.replay.until";
    /** {@code agentdbg.replay.override.<n>=<file>}: the answer served for LLM call n. */
    public static final String REPLAY_OVERRIDE_PREFIX = "agentdbg.replay.override.";
    public static final String REPLAY_TIMING = "agentdbg.replay.timing";
    public static final String REPLAY_DETERMINISTIC = "agentdbg.replay.deterministic";
    public static final String REPLAY_DETERMINISTIC_PACKAGES = "agentdbg.replay.deterministic.packages";
    /** The live debugger: a web page on 127.0.0.1 that can pause instrumented calls. */
    public static final String DEBUG = "agentdbg.debug";
    /** Its port; setting it also switches the debugger on. Unset: a free port. */
    public static final String DEBUG_PORT = "agentdbg.debug.port";
    /** An address other than loopback to bind to; unset: 127.0.0.1. Anything else prints a warning. */
    public static final String DEBUG_BIND = "agentdbg.debug.bind";
    /** Longest a thread stays paused; then it runs on and a warning goes into the trace. */
    public static final String DEBUG_MAX_PAUSE = "agentdbg.debug.maxPause";
    /** Paused threads run on when no page has been connected for this long. */
    public static final String DEBUG_RELEASE_AFTER = "agentdbg.debug.releaseAfter";
    /** {@code agentdbg.break.<name>=<target>}, refined by {@code agentdbg.break.<name>.<option>}. */
    public static final String BREAK_PREFIX = "agentdbg.break.";
    /** Options of a breakpoint. */
    public static final List<String> BREAK_OPTIONS = List.of("when", "hit", "at");
    /** Prefix of a rule's attribute paths: {@code agentdbg.rule.<name>.attr.<attribute name>=<path>}. */
    public static final String RULE_ATTR_PREFIX = "attr.";

    /** Attributes of {@code agentdbg.rule.<name>.<attribute>}. */
    public static final List<String> RULE_ATTRIBUTES =
            List.of("match", "subtypeOf", "annotatedWith", "methods", "arguments", "parameterTypes", "kind", "component",
                    "capture", "capture.args", "capture.toString", "endsOnCallback", "outcome", "errorWhen");

    /**
     * Span kinds, plus {@code callback}: a method that ends the span of a call which handed it
     * the object it is called on (a streaming handler's completion).
     */
    public static final List<String> KINDS = List.of("agent", "llm", "tool", "retrieval", "chain", "custom", "callback");

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
        DEFAULTS.put(PRESETS, "");
        DEFAULTS.put(CLASSES_MAX, "200");
        DEFAULTS.put(CAPTURE_ENABLED, "true");
        DEFAULTS.put(CAPTURE_MAX_DEPTH, "8");
        DEFAULTS.put(CAPTURE_MAX_STRING, "8192");
        DEFAULTS.put(CAPTURE_MAX_ELEMENTS, "100");
        DEFAULTS.put(CAPTURE_MAX_BYTES, "64KB");
        DEFAULTS.put(CAPTURE_REDACT, "apiKey,api_key,authorization,password,secret,token");
        DEFAULTS.put(CAPTURE_REDACT_PATTERNS, "");
        DEFAULTS.put(CAPTURE_MAX_BUFFERED, "64MB");
        DEFAULTS.put(MEMORY_MAX, "64MB");
        DEFAULTS.put(SHUTDOWN_TIMEOUT, "2s");
        DEFAULTS.put(DEBUG, "false");
        DEFAULTS.put(DEBUG_PORT, "");
        DEFAULTS.put(DEBUG_BIND, "");
        DEFAULTS.put(DEBUG_MAX_PAUSE, "10m");
        DEFAULTS.put(DEBUG_RELEASE_AFTER, "30s");
        DEFAULTS.put(MODE, "trace");
        DEFAULTS.put(RECORD_MAX_BYTES, "4MB");
        DEFAULTS.put(REPLAY_FROM, "");
        DEFAULTS.put(REPLAY_KINDS, "llm");
        DEFAULTS.put(REPLAY_MATCH, "order");
        DEFAULTS.put(REPLAY_STRICT, "false");
        DEFAULTS.put(REPLAY_ON_MISSING, "fail");
        DEFAULTS.put(REPLAY_UNTIL, "");
        DEFAULTS.put(REPLAY_TIMING, "fast");
        DEFAULTS.put(REPLAY_DETERMINISTIC, "");
        DEFAULTS.put(REPLAY_DETERMINISTIC_PACKAGES, "");
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

    /**
     * Splits the part of a rule key after {@code agentdbg.rule.} into rule name and attribute
     * ({@code planner.capture.args} -> planner, capture.args); null when no known attribute ends it.
     */
    public static String[] splitRuleKey(String rest) {
        for (int dot = rest.indexOf('.'); dot > 0; dot = rest.indexOf('.', dot + 1)) {
            String attribute = rest.substring(dot + 1);
            if (RULE_ATTRIBUTES.contains(attribute)
                    || (attribute.startsWith(RULE_ATTR_PREFIX) && attribute.length() > RULE_ATTR_PREFIX.length())) {
                return new String[] {rest.substring(0, dot), attribute};
            }
        }
        return null;
    }

    /** {@code agentdbg.buffer.size} -> {@code AGENTDBG_BUFFER_SIZE}. */
    public static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }
}
