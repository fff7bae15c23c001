package dev.agentdbg.analyzer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code run} record that opens every trace file: who ran, on which JVM, with which configuration.
 *
 * <p>Fields the agent may omit are {@code null}; {@code startNanos} is 0 when absent.
 */
public record RunInfo(
        int schema,
        String runId,
        int part,
        String start,
        long startNanos,
        Long pid,
        String host,
        String command,
        String jvmVersion,
        String jvmVendor,
        String jvmName,
        String agentVersion,
        Map<String, String> config,
        List<String> ruleNames,
        List<String> warnings) {

    /** The trace-format version this analyzer understands. */
    public static final int SUPPORTED_SCHEMA = 1;

    public RunInfo {
        // Keep the agent's key order: it lists keys the way its documentation does.
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        ruleNames = ruleNames == null ? List.of() : List.copyOf(ruleNames);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
