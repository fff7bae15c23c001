package dev.agentdbg.analyzer.llm;

import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates the spans of kind {@code llm} by model and those of kind {@code tool} by tool as a run streams past,
 * in memory bounded by the number of distinct models and tools.
 */
public final class LlmCollector {

    private record ModelKey(String model, String provider) {
    }

    /** A tool named by its spans is one tool whichever method ran it; an unnamed one is its method. */
    private record ToolKey(String toolName, int method) {
    }

    /** Most calls first, then by name; calls whose model is unknown last. */
    private static final Comparator<ModelStats> MODEL_ORDER = Comparator
            .comparingLong(ModelStats::calls).reversed()
            .thenComparing(ModelStats::model, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ModelStats::provider, Comparator.nullsLast(Comparator.naturalOrder()));

    private static final Comparator<ToolStats> TOOL_ORDER = Comparator
            .comparingLong(ToolStats::calls).reversed()
            .thenComparing(ToolStats::name);

    private final Map<ModelKey, ModelStats> models = new HashMap<>();
    private final Map<ToolKey, ToolStats> tools = new HashMap<>();

    /** A finished span and its method; spans of other kinds are ignored. */
    public void span(Span span, MethodInfo method) {
        if (Kinds.LLM.equals(method.kind())) {
            String model = GenAi.model(span.attrs());
            String provider = span.attrs().string(GenAi.PROVIDER);
            models.computeIfAbsent(new ModelKey(model, provider), k -> new ModelStats(model, provider)).add(span);
        } else if (Kinds.TOOL.equals(method.kind())) {
            String name = span.attrs().string(GenAi.TOOL_NAME);
            ToolKey key = name != null ? new ToolKey(name, 0) : new ToolKey(null, method.id());
            tools.computeIfAbsent(key, k -> new ToolStats(name, name == null ? method : null)).add(span);
        }
    }

    /** The report; {@code unfinished} are the run's unfinished calls of any kind, of which the LLM calls are kept. */
    public LlmReport build(List<LlmReport.Unfinished> unfinished) {
        ModelStats total = new ModelStats(null, null);
        List<ModelStats> modelRows = new ArrayList<>(models.values());
        modelRows.forEach(total::addAll);
        modelRows.sort(MODEL_ORDER);
        ToolStats toolTotal = new ToolStats(null, null);
        List<ToolStats> toolRows = new ArrayList<>(tools.values());
        toolRows.forEach(toolTotal::addAll);
        toolRows.sort(TOOL_ORDER);
        List<LlmReport.Unfinished> llmCalls = unfinished.stream()
                .filter(u -> Kinds.LLM.equals(u.method().kind())).toList();
        return new LlmReport(modelRows, total, toolRows, toolTotal, llmCalls);
    }
}
