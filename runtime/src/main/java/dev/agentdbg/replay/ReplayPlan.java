package dev.agentdbg.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The pre-flight of a replay: per LLM endpoint and per recorded method, how many answers the recording
 * holds, how many will be served, and which cannot be and why. Printed on stderr at start-up and
 * written into the replay trace's {@code run} record.
 */
public final class ReplayPlan {
    /**
     * One line of the plan.
     *
     * @param kind       {@code llm}, {@code tool}, ... or {@code time}/{@code random}/{@code uuid}
     * @param key        the endpoint ({@code POST /v1/chat/completions}) or method key
     * @param recorded   answers in the recording
     * @param served     answers that will be served
     * @param note       why fewer are served than recorded when that is by configuration, else null
     * @param reasons    why answers cannot be served (cut, failed, unrebuildable), one per answer
     */
    public record Entry(String kind, String key, int recorded, int served, String note, List<String> reasons) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("key", key);
            m.put("recorded", recorded);
            m.put("served", served);
            m.put("unservable", reasons.size());
            if (note != null) {
                m.put("note", note);
            }
            m.put("reasons", reasons);
            return m;
        }
    }

    /** Plans of other recorded things (tool values, deterministic values) add themselves here. */
    private static final List<Supplier<List<Entry>>> SOURCES = new CopyOnWriteArrayList<>();
    private static volatile List<Entry> current = List.of();

    private ReplayPlan() {
    }

    public static void addSource(Supplier<List<Entry>> source) {
        SOURCES.add(source);
    }

    /** The plan computed at start-up; empty outside replay. */
    public static List<Entry> current() {
        return current;
    }

    /** Computes the plan of {@code store} under {@code settings}, keeps it for the run record, and returns it. */
    public static List<Entry> compute(ReplayStore store, ReplaySettings settings) {
        List<Entry> entries = new ArrayList<>(http(store, settings));
        for (Supplier<List<Entry>> source : SOURCES) {
            entries.addAll(source.get());
        }
        current = List.copyOf(entries);
        return current;
    }

    static List<Entry> http(ReplayStore store, ReplaySettings settings) {
        List<Entry> entries = new ArrayList<>();
        int budget = settings.until() < 0 ? Integer.MAX_VALUE : settings.until();
        for (Map.Entry<String, List<RecordedExchange>> e : store.byEndpoint().entrySet()) {
            List<String> reasons = new ArrayList<>();
            int servable = 0;
            for (RecordedExchange x : e.getValue()) {
                if (x.unservable() != null) {
                    reasons.add("call " + x.call() + ": " + x.unservable());
                } else {
                    servable++;
                }
            }
            String note = null;
            int served = servable;
            if (!settings.kinds().contains("llm")) {
                served = 0;
                note = "LLM calls go live (agentdbg.replay.kinds=" + String.join(",", settings.kinds()) + ")";
            } else if (servable > budget) {
                served = budget;
                note = "agentdbg.replay.until=" + settings.until() + ": later calls go live";
            }
            budget = Math.max(0, budget - served);
            entries.add(new Entry("llm", e.getKey(), e.getValue().size(), served, note, reasons));
        }
        return entries;
    }

    /** The block printed on stderr at start-up. */
    public static String text(ReplayStore store, List<Entry> entries) {
        StringBuilder b = new StringBuilder();
        if (store.runId() == null) {
            b.append("[agentdbg] replay: no recording loaded; every LLM call will fail unless agentdbg.replay.onMissing=live");
        } else {
            b.append("[agentdbg] replay of run ").append(store.runId()).append(" (").append(store.source()).append(')');
        }
        // Methods whose calls all run live are summed up per kind: their keys would only be noise.
        List<Entry> shown = new ArrayList<>();
        Map<String, int[]> liveByKind = new LinkedHashMap<>();
        Map<String, String> liveNote = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.served() == 0 && e.recorded() > 0 && e.reasons().isEmpty() && e.note() != null
                    && e.note().startsWith("runs live")) {
                int[] counts = liveByKind.computeIfAbsent(e.kind(), k -> new int[2]);
                counts[0] += e.recorded();
                counts[1]++;
                liveNote.put(e.kind(), e.note().substring("runs live: ".length()));
            } else {
                shown.add(e);
            }
        }
        int width = 8;
        for (Entry e : shown) {
            width = Math.max(width, display(e.key()).length());
        }
        for (Entry e : shown) {
            b.append("\n[agentdbg]   ").append(pad(e.kind(), 6)).append(pad(display(e.key()), width + 2))
                    .append(e.recorded()).append(" recorded, ").append(e.served()).append(" will be served");
            if (e.note() != null) {
                b.append(" (").append(e.note()).append(')');
            }
            for (String r : e.reasons()) {
                b.append("\n[agentdbg]         cannot serve ").append(r);
            }
        }
        liveByKind.forEach((kind, counts) -> b.append("\n[agentdbg]   ").append(pad(kind, 6)).append(counts[0])
                .append(counts[0] == 1 ? " recorded call" : " recorded calls").append(" of ").append(counts[1])
                .append(counts[1] == 1 ? " method" : " methods").append(" run live (").append(liveNote.get(kind)).append(')'));
        if (store.runId() != null && entries.isEmpty()) {
            b.append("\n[agentdbg]   the recording holds no LLM exchanges or values");
        }
        for (String p : store.problems()) {
            b.append("\n[agentdbg]   problem: ").append(p);
        }
        return b.toString();
    }

    /** {@code com.acme.Tool#run(Ljava/lang/String;)V} -> {@code Tool#run}; endpoints stay as they are. */
    static String display(String key) {
        int hash = key.indexOf('#');
        int paren = key.indexOf('(', hash + 1);
        if (hash < 0 || paren < 0 || key.indexOf(' ') >= 0) {
            return key;
        }
        return key.substring(key.lastIndexOf('.', hash) + 1, hash) + "#" + key.substring(hash + 1, paren);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
