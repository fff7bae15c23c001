package dev.agentdbg.agent;

import dev.agentdbg.agent.config.AgentConfig;
import dev.agentdbg.agent.config.ConfigKeys;
import dev.agentdbg.agent.replay.DeterministicInstrumentation;
import dev.agentdbg.replay.RecordingReader;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplayPlan;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.ReplayStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the {@code agentdbg.mode}, {@code agentdbg.record.*} and {@code agentdbg.replay.*} keys, and in
 * replay mode loads the recording and prints the pre-flight. Bad values are reported with the default used.
 */
final class ReplaySetup {
    private static final Set<String> DETERMINISTIC = Set.of("time", "random", "uuid");

    private ReplaySetup() {
    }

    static ReplaySettings settings(AgentConfig config) {
        String mode = config.choice(ConfigKeys.MODE, ReplaySettings.TRACE, ReplaySettings.RECORD, ReplaySettings.REPLAY);
        int maxBytes = (int) Math.min(Integer.MAX_VALUE, config.size(ConfigKeys.RECORD_MAX_BYTES, 1024));
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : config.list(ConfigKeys.REPLAY_KINDS)) {
            kinds.add(k.trim());
        }
        if (kinds.isEmpty()) {
            kinds.add("llm");
        }
        boolean content = "content".equals(config.choice(ConfigKeys.REPLAY_MATCH, "order", "content"));
        boolean live = "live".equals(config.choice(ConfigKeys.REPLAY_ON_MISSING, "fail", "live"));
        boolean recordedTiming = "recorded".equals(config.choice(ConfigKeys.REPLAY_TIMING, "fast", "recorded"));
        int until = config.string(ConfigKeys.REPLAY_UNTIL).isEmpty() ? -1
                : config.integer(ConfigKeys.REPLAY_UNTIL, 0, Integer.MAX_VALUE);
        Map<Integer, Path> overrides = new TreeMap<>();
        config.withPrefix(ConfigKeys.REPLAY_OVERRIDE_PREFIX).forEach((n, file) -> {
            String key = ConfigKeys.REPLAY_OVERRIDE_PREFIX + n;
            int call;
            try {
                call = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                call = 0;
            }
            if (call < 1) {
                config.warn("configuration key " + key + " does not end with an LLM call number (1, 2, ...); ignored");
            } else if (!Files.isReadable(Path.of(file))) {
                config.warn("configuration value " + key + "='" + file + "': the file cannot be read; call " + call
                        + " is served from the recording instead");
            } else {
                overrides.put(call, Path.of(file));
            }
        });
        Set<String> deterministic = new LinkedHashSet<>();
        for (String d : config.list(ConfigKeys.REPLAY_DETERMINISTIC)) {
            String what = d.trim().toLowerCase(Locale.ROOT);
            if (DETERMINISTIC.contains(what)) {
                deterministic.add(what);
            } else if (!what.isEmpty()) {
                config.warn("configuration value " + ConfigKeys.REPLAY_DETERMINISTIC + " names '" + d
                        + "', which is not one of time, random, uuid; ignored");
            }
        }
        List<String> packages = config.list(ConfigKeys.REPLAY_DETERMINISTIC_PACKAGES).stream()
                .map(String::trim).filter(p -> !p.isEmpty()).toList();
        ReplaySettings settings = new ReplaySettings(mode, maxBytes, config.string(ConfigKeys.REPLAY_FROM), Set.copyOf(kinds),
                content, config.bool(ConfigKeys.REPLAY_STRICT), live, until, Map.copyOf(overrides), recordedTiming,
                Set.copyOf(deterministic), packages);
        if (!settings.replaying() && !config.string(ConfigKeys.REPLAY_FROM).isEmpty()) {
            config.warn(ConfigKeys.REPLAY_FROM + " is set but " + ConfigKeys.MODE + "=" + mode
                    + ": nothing is replayed (set " + ConfigKeys.MODE + "=replay)");
        }
        if (!deterministic.isEmpty() && !settings.recording() && !settings.replaying()) {
            config.warn(ConfigKeys.REPLAY_DETERMINISTIC + " is set but " + ConfigKeys.MODE + "=" + mode
                    + ": nothing is rewritten (deterministic values are recorded with " + ConfigKeys.MODE
                    + "=record and handed back with " + ConfigKeys.MODE + "=replay)");
        }
        return settings;
    }

    /** Installs the mode; in replay mode, loads the recording and prints the pre-flight on stderr. */
    static void install(ReplaySettings settings, Path outputDir) {
        if (!settings.replaying()) {
            ReplayMode.install(settings, null);
            return;
        }
        ReplayStore store = RecordingReader.load(settings.from(), outputDir);
        ReplayMode.install(settings, store);
        DeterministicInstrumentation.addPlan(settings, store);
    }

    /** Prints the pre-flight once everything that contributes to it (tools, deterministic values) has registered. */
    static void printPlan() {
        if (!ReplayMode.replaying()) {
            return;
        }
        ReplayStore store = ReplayMode.store();
        List<ReplayPlan.Entry> plan = ReplayPlan.compute(store, ReplayMode.settings());
        System.err.println(ReplayPlan.text(store, plan));
    }
}
