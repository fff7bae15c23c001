package dev.agentdbg.replay.determinism;

import dev.agentdbg.replay.ReplayPlan;
import dev.agentdbg.replay.ReplayStore;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pre-flight lines of deterministic values: per kind ({@code time}, {@code random}, {@code uuid}),
 * how many call sites and values the recording holds and whether this run hands them back.
 */
public final class DeterministicPlan {
    private static final List<String> KINDS = List.of("time", "random", "uuid");

    private DeterministicPlan() {
    }

    /**
     * @param enabled  the kinds this run rewrites ({@code agentdbg.replay.deterministic})
     * @param packages where it rewrites them, in words (for the note)
     */
    public static List<ReplayPlan.Entry> entries(ReplayStore store, Set<String> enabled, String packages) {
        List<ReplayPlan.Entry> entries = new ArrayList<>();
        for (String kind : KINDS) {
            int sites = 0;
            int values = 0;
            Set<What> whats = EnumSet.noneOf(What.class); // in a fixed order: the store's map has none
            for (Map.Entry<String, long[]> e : store.deterministicSites().entrySet()) {
                What what = What.named(String.valueOf(store.deterministicWhat(e.getKey())));
                if (what == null || !what.kind.equals(kind)) {
                    continue;
                }
                sites++;
                values += e.getValue().length / what.width;
                whats.add(what);
            }
            boolean on = enabled.contains(kind);
            if (!on && sites == 0) {
                continue;
            }
            String key = sites + (sites == 1 ? " call site" : " call sites")
                    + (whats.isEmpty() ? "" : ": " + String.join(", ", whats.stream().map(w -> w.label).toList()));
            String note;
            if (!on) {
                note = "not rewritten in this run: agentdbg.replay.deterministic does not name " + kind;
            } else if (sites == 0) {
                note = "nothing recorded: these calls get real values; rewritten in " + packages;
            } else {
                note = "rewritten in " + packages + "; calls past the recorded values get real ones";
            }
            entries.add(new ReplayPlan.Entry(kind, key, values, on ? values : 0, note, List.of()));
        }
        return entries;
    }
}
