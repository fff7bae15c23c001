package dev.agentdbg.analyzer.replay;

import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.PlanEntry;
import dev.agentdbg.analyzer.model.RunInfo;
import java.util.List;
import java.util.Map;

/**
 * What the summary says about a run in record or replay mode: for a recording, how many answers it holds; for a
 * replay, of which run, how many calls were served from the recording and which diverged.
 *
 * @param mode                {@link RunInfo#RECORD} or {@link RunInfo#REPLAY}
 * @param replayOf            the recording's run id (replay), else {@code null}
 * @param exchanges           {@code exchange} records: LLM calls recorded
 * @param exchangesUnservable of those, the ones a replay cannot serve (cut, failed without a response)
 * @param values              {@code value} records: tool and rule calls recorded
 * @param valuesUnservable    of those, the ones a replay cannot serve (unrebuildable, cut)
 * @param valueKindsAllTool   every value record is of kind tool
 * @param detSites            call sites with recorded clock, random or UUID values
 * @param llmCalls            LLM calls the replay made: its outermost llm spans (unfinished ones too), or more when
 *                            more calls were served or recorded live than that
 * @param llmServed           LLM calls answered from the recording or an override
 * @param toolServed          tool and rule calls answered from the recording
 * @param overrides           of the served calls, those answered with an override
 * @param divergenceCount     every {@code divergence} record
 * @param divergences         the first {@link ReplayCollector#MAX_DIVERGENCES} of them, in file order
 * @param served              span id → source ({@code recording} or {@code override}) of every served call
 * @param plan                the replay's pre-flight from its run record
 */
public record ReplayFacts(String mode, String replayOf, long exchanges, long exchangesUnservable, long values,
                          long valuesUnservable, boolean valueKindsAllTool, long detSites, long llmCalls,
                          long llmServed, long toolServed, long overrides, long divergenceCount,
                          List<Divergence> divergences, Map<Long, String> served, List<PlanEntry> plan) {

    public ReplayFacts {
        divergences = List.copyOf(divergences);
        served = Map.copyOf(served);
        plan = List.copyOf(plan);
    }

    public boolean isReplay() {
        return RunInfo.REPLAY.equals(mode);
    }

    /** {@code recording} or {@code override} when the span's call was served, else {@code null}. */
    public String servedFrom(long spanId) {
        return served.get(spanId);
    }
}
