package dev.agentdbg.analyzer.llm;

import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.MethodInfo;
import java.util.List;

/**
 * What a run's LLM and tool calls used and how they went: finished LLM calls by model, tool calls by tool, and the
 * LLM calls still running when the run ended (not counted in the figures: they have no duration or usage).
 *
 * @param models     one per model and provider, most calls first; the calls with no model named last
 * @param total      all finished LLM calls
 * @param tools      most calls first
 * @param toolTotal  all finished tool calls
 * @param unfinished LLM calls with a start record and no span, by trace and start like the summary's
 */
public record LlmReport(List<ModelStats> models, ModelStats total, List<ToolStats> tools, ToolStats toolTotal,
                        List<Unfinished> unfinished) {

    public LlmReport {
        models = List.copyOf(models);
        tools = List.copyOf(tools);
        unfinished = List.copyOf(unfinished);
    }

    /**
     * An LLM call still running at the end of the run.
     *
     * @param depth        how many other unfinished calls enclose it
     * @param runningNanos from its start to the end of the run
     */
    public record Unfinished(CallStart call, MethodInfo method, int depth, long runningNanos) {

        /** The model the call asked for, when its start record said. */
        public String model() {
            return GenAi.model(call.attrs());
        }
    }

    /** No LLM call, finished or not, and no tool call: nothing to report. */
    public boolean isEmpty() {
        return total.calls() == 0 && toolTotal.calls() == 0 && unfinished.isEmpty();
    }
}
