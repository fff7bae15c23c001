package dev.agentdbg.semantics;

import dev.agentdbg.capture.CapturedCall;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills the LLM attributes a rule did not map, from the field names hand-written clients and
 * provider wire formats use (OpenAI, Anthropic, Gemini, LangChain4j-style): what a demanding
 * user would otherwise have to configure for every client.
 */
final class LlmHeuristics {
    private static final Set<String> MODEL = SnapshotSearch.names("model", "modelName", "modelId", "modelVersion");
    private static final Set<String> TEMPERATURE = SnapshotSearch.names("temperature");
    private static final Set<String> MAX_TOKENS = SnapshotSearch.names("max_tokens", "maxTokens",
            "max_completion_tokens", "maxOutputTokens", "max_output_tokens", "maxTokensToSample");
    private static final Set<String> TOP_P = SnapshotSearch.names("top_p", "topP");
    private static final Set<String> ID = SnapshotSearch.names("id", "responseId");
    private static final Set<String> FINISH = SnapshotSearch.names("finish_reason", "finishReason",
            "stop_reason", "stopReason");
    private static final Set<String> USAGE = SnapshotSearch.names("usage", "tokenUsage", "usageMetadata");
    private static final Set<String> INPUT = SnapshotSearch.names("prompt_tokens", "input_tokens",
            "inputTokenCount", "promptTokenCount", "inputTokens", "promptTokens");
    private static final Set<String> OUTPUT = SnapshotSearch.names("completion_tokens", "output_tokens",
            "outputTokenCount", "candidatesTokenCount", "outputTokens", "completionTokens");
    private static final Set<String> CACHED = SnapshotSearch.names("cached_tokens", "cachedTokens",
            "cachedContentTokenCount");
    /** Anthropic style: reported beside input_tokens, not inside it. */
    private static final Set<String> CACHE_READ_SEPARATE = SnapshotSearch.names("cache_read_input_tokens",
            "cacheReadInputTokens");
    private static final Set<String> CACHE_CREATION = SnapshotSearch.names("cache_creation_input_tokens",
            "cacheCreationInputTokens");
    private static final Set<String> REASONING = SnapshotSearch.names("reasoning_tokens", "reasoningTokens",
            "thoughtsTokenCount");

    private LlmHeuristics() {
    }

    static void fill(CapturedCall call, Map<String, Object> attrs) {
        if (call.args != null) {
            for (Object arg : call.args) {
                put(attrs, GenAiSemantics.REQUEST_MODEL, SnapshotSearch.first(arg, 3, MODEL));
                put(attrs, GenAiSemantics.TEMPERATURE, SnapshotSearch.first(arg, 3, TEMPERATURE));
                put(attrs, GenAiSemantics.MAX_TOKENS, SnapshotSearch.first(arg, 3, MAX_TOKENS));
                put(attrs, GenAiSemantics.TOP_P, SnapshotSearch.first(arg, 3, TOP_P));
            }
        }
        if (!call.hasResult || call.result == null) {
            return;
        }
        Object result = call.result;
        put(attrs, GenAiSemantics.RESPONSE_MODEL, SnapshotSearch.first(result, 2, MODEL));
        put(attrs, GenAiSemantics.RESPONSE_ID, SnapshotSearch.first(result, 2, ID));
        if (!attrs.containsKey(GenAiSemantics.FINISH_REASONS)) {
            List<Object> reasons = SnapshotSearch.all(result, 4, FINISH);
            put(attrs, GenAiSemantics.FINISH_REASONS, reasons.isEmpty() ? null : reasons);
        }
        if (!attrs.containsKey(GenAiSemantics.INPUT_TOKENS) && !attrs.containsKey(GenAiSemantics.OUTPUT_TOKENS)) {
            usage(SnapshotSearch.first(result, 3, USAGE), attrs);
        }
    }

    private static void usage(Object usage, Map<String, Object> attrs) {
        if (usage == null) {
            return;
        }
        Long input = SnapshotSearch.asLong(SnapshotSearch.first(usage, 0, INPUT));
        Long output = SnapshotSearch.asLong(SnapshotSearch.first(usage, 0, OUTPUT));
        Long cached = SnapshotSearch.asLong(SnapshotSearch.first(usage, 2, CACHED));
        Long cacheRead = SnapshotSearch.asLong(SnapshotSearch.first(usage, 1, CACHE_READ_SEPARATE));
        Long cacheCreation = SnapshotSearch.asLong(SnapshotSearch.first(usage, 1, CACHE_CREATION));
        Long reasoning = SnapshotSearch.asLong(SnapshotSearch.first(usage, 2, REASONING));
        if (input != null && (cacheRead != null || cacheCreation != null)) {
            // Anthropic counts cache reads and writes apart from input_tokens; the conventions want
            // input_tokens to include them, so cost can price each part once.
            input += (cacheRead == null ? 0 : cacheRead) + (cacheCreation == null ? 0 : cacheCreation);
        }
        put(attrs, GenAiSemantics.INPUT_TOKENS, input);
        put(attrs, GenAiSemantics.OUTPUT_TOKENS, output);
        put(attrs, GenAiSemantics.CACHE_READ, cacheRead != null ? cacheRead : cached);
        put(attrs, GenAiSemantics.CACHE_CREATION, cacheCreation);
        put(attrs, GenAiSemantics.REASONING, reasoning);
    }

    private static void put(Map<String, Object> attrs, String attribute, Object raw) {
        if (raw == null || attrs.containsKey(attribute)) {
            return;
        }
        Object value = GenAiSemantics.typed(attribute, raw);
        if (value != null) {
            attrs.put(attribute, value);
        }
    }
}
