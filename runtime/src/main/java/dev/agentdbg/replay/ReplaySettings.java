package dev.agentdbg.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record/replay configuration of this run, read once at start-up (see the README's configuration
 * table for the {@code agentdbg.mode}, {@code agentdbg.record.*} and {@code agentdbg.replay.*} keys).
 *
 * @param mode           {@code trace}, {@code record} or {@code replay}
 * @param recordMaxBytes bytes one recorded call may hold; beyond them it is cut and not replayable
 * @param from           the recording to replay: a trace file, a directory or a run id
 * @param kinds          span kinds and rule names whose calls are served from the recording
 * @param matchContent   match requests by content rather than by order
 * @param strict         a diverging request fails instead of being served
 * @param onMissingLive  a call beyond the recording goes to the real provider instead of failing
 * @param until          serve only the first {@code until} LLM calls, then go live; -1 for all
 * @param overrides      LLM call number -> file whose content is served as that call's answer
 * @param timingRecorded replay streamed chunks with their recorded delays
 * @param deterministic  which of {@code time}, {@code random}, {@code uuid} are recorded and replayed
 * @param deterministicPackages the application packages whose call sites are rewritten for them
 */
public record ReplaySettings(String mode, int recordMaxBytes, String from, Set<String> kinds, boolean matchContent,
                             boolean strict, boolean onMissingLive, int until, Map<Integer, Path> overrides,
                             boolean timingRecorded, Set<String> deterministic, List<String> deterministicPackages) {

    public static final String TRACE = "trace";
    public static final String RECORD = "record";
    public static final String REPLAY = "replay";

    /** The default: trace only. */
    public static final ReplaySettings TRACE_ONLY = new ReplaySettings(TRACE, 4 << 20, "", Set.of("llm"), false,
            false, false, -1, Map.of(), false, Set.of(), List.of());

    public boolean recording() {
        return RECORD.equals(mode);
    }

    public boolean replaying() {
        return REPLAY.equals(mode);
    }

    /** Whether calls of a rule of {@code kind} named {@code rule} are served from the recording. */
    public boolean replays(String kind, String rule) {
        return replaying() && (kinds.contains(kind) || (rule != null && kinds.contains(rule)));
    }

    /** Whether the LLM call with this 1-based number is served (not past {@code until}). */
    public boolean serves(int call) {
        return until < 0 || call <= until;
    }
}
