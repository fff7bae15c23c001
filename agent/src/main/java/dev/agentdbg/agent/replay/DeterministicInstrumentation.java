package dev.agentdbg.agent.replay;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplayPlan;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.ReplayStore;
import dev.agentdbg.replay.determinism.Deterministic;
import dev.agentdbg.replay.determinism.DeterministicPlan;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code agentdbg.replay.deterministic}: in record and replay mode, rewrites the application's calls that
 * read the clock, randomness and random UUIDs, so record mode records what they returned and replay mode
 * hands the same values back. Off (nothing rewritten) unless the key names a kind.
 */
public final class DeterministicInstrumentation {
    private static final String[] RUNTIME_CLASSES = {"Deterministic", "DeterministicRandom", "Site", "Site$ValueSink",
        "SiteChunk", "SiteRecord", "What"};

    private DeterministicInstrumentation() {
    }

    static DeterministicPackages packages(ReplaySettings settings) {
        return DeterministicPackages.resolve(settings.deterministicPackages(), System.getProperty("sun.java.command"));
    }

    /** Replay: adds the deterministic values' lines to the pre-flight (called before it is printed). */
    public static void addPlan(ReplaySettings settings, ReplayStore store) {
        if (settings.deterministic().isEmpty() && store.deterministicSites().isEmpty()) {
            return;
        }
        String where = packages(settings).description();
        ReplayPlan.addSource(() -> DeterministicPlan.entries(store, settings.deterministic(), where));
    }

    public static void install(Instrumentation instrumentation, ReplaySettings settings) {
        if (settings.deterministic().isEmpty() || !(settings.recording() || settings.replaying())) {
            return;
        }
        try {
            DeterministicPackages packages = packages(settings);
            Map<String, long[]> recorded = settings.replaying() ? ReplayMode.store().deterministicSites() : Map.of();
            Deterministic.install(settings.recording(), settings.replaying(), recorded);
            for (String name : RUNTIME_CLASSES) {
                // loaded now, so rewritten code never loads them inside another class's loading
                Class.forName("dev.agentdbg.replay.determinism." + name, true, Deterministic.class.getClassLoader());
            }
            if (packages.names().isEmpty()) {
                System.err.println("[agentdbg] agentdbg.replay.deterministic: nothing is rewritten, "
                        + packages.description());
                return;
            }
            // not retransformable: the JVM then runs it before the tracing transformer, on the original bytes
            instrumentation.addTransformer(new DeterministicTransformer(instrumentation, packages.internalNames(),
                    settings.deterministic()), false);
            if (settings.recording()) {
                System.err.println("[agentdbg] recording " + String.join(",", Stream.of("time", "random", "uuid")
                        .filter(settings.deterministic()::contains).toList())
                        + " values at the call sites of " + packages.description());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(DeterministicInstrumentation::printSummary,
                    "agentdbg-deterministic"));
        } catch (Throwable t) {
            AgentCounters.internalError("deterministic-setup", t);
        }
    }

    private static void printSummary() {
        String summary = Deterministic.summary();
        if (summary != null) {
            System.err.println(summary);
        }
    }
}
