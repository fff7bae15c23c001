package dev.agentdbg.analyzer.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How reports name a call: the agent or tool name the span carries, next to the method that ran it, because a
 * framework often runs every agent or tool through one generic method (a proxy, a tool executor).
 */
public final class CallNames {

    private static final int MAX_MODEL = 40;

    private CallNames() {
    }

    /** The agent name, else the tool name, or {@code null} when the span has neither. */
    public static String genAiName(SpanAttributes attrs) {
        String agent = attrs.string(GenAi.AGENT_NAME);
        return agent != null ? agent : attrs.string(GenAi.TOOL_NAME);
    }

    /** {@code Assistant.chat  (DefaultAiServices$1.invoke)}, or {@code methodName} when {@code genAiName} is null. */
    public static String label(String methodName, String genAiName) {
        return genAiName == null ? methodName : genAiName + "  (" + methodName + ")";
    }

    /** The label of a call of {@code method} with these attributes. */
    public static String label(MethodInfo method, SpanAttributes attrs) {
        return label(method.displayName(), genAiName(attrs));
    }

    /**
     * What an llm call asked and used, for the timeline: {@code gpt-4o-mini  in 120 / out 30 tok}; {@code ""} when the
     * span has neither a model nor token counts.
     */
    public static String llmDetail(SpanAttributes attrs) {
        List<String> parts = new ArrayList<>();
        String model = GenAi.model(attrs);
        if (model != null) {
            parts.add(model.length() > MAX_MODEL ? model.substring(0, MAX_MODEL - 3) + "..." : model);
        }
        Long in = attrs.longValue(GenAi.INPUT_TOKENS);
        Long out = attrs.longValue(GenAi.OUTPUT_TOKENS);
        if (in != null || out != null) {
            List<String> tokens = new ArrayList<>();
            if (in != null) {
                tokens.add("in " + in);
            }
            if (out != null) {
                tokens.add("out " + out);
            }
            parts.add(String.join(" / ", tokens) + " tok");
        }
        return String.join("  ", parts);
    }
}
