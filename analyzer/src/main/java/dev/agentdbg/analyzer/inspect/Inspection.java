package dev.agentdbg.analyzer.inspect;

import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.ReadReport;
import java.util.List;

/**
 * One span whole, with its surroundings.
 *
 * @param span           the span with its captured payload
 * @param ancestors      its parent chain, root first (without payloads)
 * @param missingParent  the id of the first ancestor that is not in the trace (dropped, or still running when the
 *                       run ended), 0 when the chain reaches a root
 * @param parentRunning  that missing ancestor has a {@code start} record: it was still running when the run ended
 * @param children       its direct children, earliest first, at most the limit
 * @param childrenTotal  how many direct children it has
 * @param tree           the subtree under it when asked for, else {@code null}
 * @param replayed       the {@code replayed} records of this span (a replay run)
 * @param exchanges      the recorded LLM exchanges of this span (a recorded run)
 * @param values         the recorded tool values of this span (a recorded run)
 * @param debug          the live debugger's records of this span: its pauses, releases and edits
 */
public record Inspection(String runId, RunInfo run, long runStart, Span span, MethodInfo method,
                         List<SpanRow> ancestors, long missingParent, boolean parentRunning,
                         List<SpanRow> children, long childrenTotal, Tree tree,
                         List<Replayed> replayed, List<Exchange> exchanges, List<RecordedValue> values,
                         List<dev.agentdbg.analyzer.model.DebugEvent> debug, ReadReport read, List<String> notes) {

    /**
     * A span and its children, down to the depth asked for.
     *
     * @param hidden children not shown: below the depth asked for, or over the limit of lines
     */
    public record Tree(SpanRow row, List<Tree> children, long hidden) {
    }
}
