package dev.agentdbg.analyzer.model;

import java.util.Map;

/**
 * The span attributes the analyzer reads: OpenTelemetry GenAI semantic conventions plus agentdbg's cost estimate,
 * with the JSON type each must have. Other keys are kept as they are and not interpreted.
 */
public final class GenAi {

    public static final String OPERATION = "gen_ai.operation.name";
    public static final String PROVIDER = "gen_ai.provider.name";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String RESPONSE_ID = "gen_ai.response.id";
    public static final String FINISH_REASONS = "gen_ai.response.finish_reasons";
    public static final String TEMPERATURE = "gen_ai.request.temperature";
    public static final String MAX_TOKENS = "gen_ai.request.max_tokens";
    public static final String TOP_P = "gen_ai.request.top_p";
    /** All input tokens, cached ones included. */
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    /** All output tokens, reasoning included. */
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String CACHE_READ_TOKENS = "gen_ai.usage.cache_read.input_tokens";
    public static final String CACHE_CREATION_TOKENS = "gen_ai.usage.cache_creation.input_tokens";
    public static final String REASONING_TOKENS = "gen_ai.usage.reasoning.output_tokens";
    public static final String TOOL_NAME = "gen_ai.tool.name";
    public static final String TOOL_CALL_ID = "gen_ai.tool.call.id";
    public static final String AGENT_NAME = "gen_ai.agent.name";
    /** Estimated cost of the call in US dollars, from the user's price table; absent when the model has no price. */
    public static final String COST_USD = "agentdbg.cost.usd";

    /** The JSON a known attribute must hold; a value of another type is dropped when the trace is read. */
    public enum Type {
        TEXT("a string"),
        COUNT("a non-negative integer"),
        NUMBER("a number"),
        AMOUNT("a non-negative number"),
        TEXTS("an array of strings");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final Map<String, Type> TYPES = Map.ofEntries(
            Map.entry(OPERATION, Type.TEXT),
            Map.entry(PROVIDER, Type.TEXT),
            Map.entry(REQUEST_MODEL, Type.TEXT),
            Map.entry(RESPONSE_MODEL, Type.TEXT),
            Map.entry(RESPONSE_ID, Type.TEXT),
            Map.entry(FINISH_REASONS, Type.TEXTS),
            Map.entry(TEMPERATURE, Type.NUMBER),
            Map.entry(MAX_TOKENS, Type.COUNT),
            Map.entry(TOP_P, Type.NUMBER),
            Map.entry(INPUT_TOKENS, Type.COUNT),
            Map.entry(OUTPUT_TOKENS, Type.COUNT),
            Map.entry(CACHE_READ_TOKENS, Type.COUNT),
            Map.entry(CACHE_CREATION_TOKENS, Type.COUNT),
            Map.entry(REASONING_TOKENS, Type.COUNT),
            Map.entry(TOOL_NAME, Type.TEXT),
            Map.entry(TOOL_CALL_ID, Type.TEXT),
            Map.entry(AGENT_NAME, Type.TEXT),
            Map.entry(COST_USD, Type.AMOUNT));

    private GenAi() {
    }

    /** The type {@code key} must have, or {@code null} for a key the analyzer does not interpret. */
    public static Type typeOf(String key) {
        return TYPES.get(key);
    }

    /** The model that answered, else the one asked for, else {@code null}: a failed call has no response model. */
    public static String model(SpanAttributes attrs) {
        String response = attrs.string(RESPONSE_MODEL);
        return response != null ? response : attrs.string(REQUEST_MODEL);
    }
}
