package dev.agentdbg.analyzer.replay;

import dev.agentdbg.analyzer.model.DetValues;
import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts, for the summary, what a record or replay run wrote besides its spans. Memory grows with the number of LLM
 * and served calls (a few entries each), never with the size of what was recorded.
 */
public final class ReplayCollector {

    /** Divergences kept for the summary; the rest are counted. */
    public static final int MAX_DIVERGENCES = 10;

    private long exchanges;
    private long exchangesUnservable;
    private long values;
    private long valuesUnservable;
    private boolean valueKindsAllTool = true;
    private final Set<String> detSites = new HashSet<>();
    private long llmServed;
    private long toolServed;
    private long overrides;
    private long divergenceCount;
    private final List<Divergence> divergences = new ArrayList<>();
    private final Map<Long, String> served = new HashMap<>();
    // llm span -> its parent: a call counts once however many llm spans nest around it (ChatModel.chat -> doChat).
    private final Map<Long, Long> llmSpans = new HashMap<>();

    public void exchange(Exchange e) {
        exchanges++;
        if (e.unservableReason() != null) {
            exchangesUnservable++;
        }
    }

    public void value(RecordedValue v) {
        values++;
        valueKindsAllTool &= Kinds.TOOL.equals(v.kind());
        if (v.unservableReason() != null) {
            valuesUnservable++;
        }
    }

    public void det(DetValues d) {
        // A site is written once per drain; distinct sites are few (the application's own call sites).
        detSites.add(d.site() + '\u0000' + d.what());
    }

    public void replayed(Replayed r) {
        if (r.isLlm()) {
            llmServed++;
        } else {
            toolServed++;
        }
        boolean override = "override".equals(r.source());
        if (override) {
            overrides++;
        }
        served.put(r.span(), override ? "override" : "recording");
    }

    public void divergence(Divergence d) {
        if (divergenceCount++ < MAX_DIVERGENCES) {
            divergences.add(d);
        }
    }

    /** A finished span, or an unfinished call as a span: llm ones count as the replay's LLM calls. */
    public void span(Span span, MethodInfo method) {
        if (Kinds.LLM.equals(method.kind())) {
            llmSpans.put(span.id(), span.parent());
        }
    }

    /** The facts, or {@code null} for a run in trace mode (or without a run record) that wrote none of these. */
    public ReplayFacts build(RunInfo run) {
        String mode = run == null ? RunInfo.TRACE : run.mode();
        if (RunInfo.TRACE.equals(mode) && exchanges + values + served.size() + divergenceCount == 0) {
            return null;
        }
        long outermost = llmSpans.values().stream().filter(parent -> !llmSpans.containsKey(parent)).count();
        long llmCalls = Math.max(outermost, llmServed + (RunInfo.REPLAY.equals(mode) ? exchanges : 0));
        return new ReplayFacts(mode, run == null ? null : run.replayOf(), exchanges, exchangesUnservable, values,
                valuesUnservable, valueKindsAllTool, detSites.size(), llmCalls, llmServed, toolServed, overrides,
                divergenceCount, divergences, served, run == null ? List.of() : run.replayPlan());
    }
}
