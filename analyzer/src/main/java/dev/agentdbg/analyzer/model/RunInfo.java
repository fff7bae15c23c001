package dev.agentdbg.analyzer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code run} record that opens every trace file: who ran, on which JVM, with which configuration.
 *
 * <p>Fields the agent may omit are {@code null}; {@code startNanos} is 0 when absent.
 *
 * @param mode       {@code trace}, {@code record} or {@code replay}; {@code trace} when the record has none
 * @param replayOf   for a replay, the run id of the recording it replays, else {@code null}
 * @param replayPlan for a replay, its pre-flight: what it found in the recording and could serve
 * @param rules      every rule with its conditions, in the record's order (names as in {@code ruleNames})
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
        List<String> warnings,
        String mode,
        String replayOf,
        List<PlanEntry> replayPlan,
        List<RuleInfo> rules) {

    /** The trace-format version this analyzer understands. */
    public static final int SUPPORTED_SCHEMA = 1;

    public static final String TRACE = "trace";
    public static final String RECORD = "record";
    public static final String REPLAY = "replay";

    public RunInfo {
        // Keep the agent's key order: it lists keys the way its documentation does.
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        ruleNames = ruleNames == null ? List.of() : List.copyOf(ruleNames);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        mode = mode == null ? TRACE : mode;
        replayPlan = replayPlan == null ? List.of() : List.copyOf(replayPlan);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public boolean isRecording() {
        return RECORD.equals(mode);
    }

    public boolean isReplay() {
        return REPLAY.equals(mode);
    }
}
