package dev.agentdbg.semantics;

import dev.agentdbg.capture.CapturedCall;
import dev.agentdbg.capture.Marker;
import dev.agentdbg.capture.Redactor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives one instrumented method's span attributes (OpenTelemetry GenAI semantic-convention
 * names) from what its calls captured: first the rule's configured paths, then heuristics for
 * hand-written clients, then the cost from the price table. Runs on the drainer thread only.
 */
public final class GenAiSemantics {
    public static final String OPERATION = "gen_ai.operation.name";
    public static final String PROVIDER = "gen_ai.provider.name";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String RESPONSE_ID = "gen_ai.response.id";
    public static final String FINISH_REASONS = "gen_ai.response.finish_reasons";
    public static final String TEMPERATURE = "gen_ai.request.temperature";
    public static final String MAX_TOKENS = "gen_ai.request.max_tokens";
    public static final String TOP_P = "gen_ai.request.top_p";
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String CACHE_READ = "gen_ai.usage.cache_read.input_tokens";
    public static final String CACHE_CREATION = "gen_ai.usage.cache_creation.input_tokens";
    public static final String REASONING = "gen_ai.usage.reasoning.output_tokens";
    public static final String TOOL_NAME = "gen_ai.tool.name";
    public static final String TOOL_CALL_ID = "gen_ai.tool.call.id";
    public static final String AGENT_NAME = "gen_ai.agent.name";
    public static final String COST = "agentdbg.cost.usd";

    private static final Set<String> LONG_ATTRIBUTES = Set.of(INPUT_TOKENS, OUTPUT_TOKENS, CACHE_READ,
            CACHE_CREATION, REASONING, MAX_TOKENS);
    private static final Set<String> DOUBLE_ATTRIBUTES = Set.of(TEMPERATURE, TOP_P);

    private final String kind;
    private final String className;
    private final String methodName;
    private final String provider;
    private final Map<String, AttributePath> paths;
    private final PriceTable prices;
    private final AttributePath errorWhen;

    /**
     * @param provider the rule's {@code gen_ai.provider.name}, or null to guess it from the class
     * @param paths    attribute name -> path, from the rule (preset or configuration)
     */
    public GenAiSemantics(String kind, String className, String methodName, String provider,
                          Map<String, AttributePath> paths, PriceTable prices) {
        this(kind, className, methodName, provider, paths, prices, null);
    }

    /** @param errorWhen a path that, when true, says a call that returned normally failed; or null */
    public GenAiSemantics(String kind, String className, String methodName, String provider,
                          Map<String, AttributePath> paths, PriceTable prices, AttributePath errorWhen) {
        this.errorWhen = errorWhen;
        this.kind = kind;
        this.className = className;
        this.methodName = methodName;
        this.provider = provider != null ? provider : guessProvider(className);
        this.paths = Map.copyOf(paths);
        this.prices = prices;
    }

    /** The path the rule (or the tool's class) gives for an attribute, or null. */
    public AttributePath path(String attribute) {
        return paths.get(attribute);
    }

    /** The attributes of one finished call, in a stable order; empty when there are none. */
    public Map<String, Object> attributes(CapturedCall call) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        String operation = operation();
        if (operation != null) {
            attrs.put(OPERATION, operation);
        }
        if ("llm".equals(kind) && provider != null) {
            attrs.put(PROVIDER, provider);
        }
        for (Map.Entry<String, AttributePath> e : paths.entrySet()) {
            Object value = typed(e.getKey(), e.getValue().evaluate(call));
            if (value != null) {
                attrs.put(e.getKey(), value);
            }
        }
        // Tool and agent names come from paths only: the component is in the method record already,
        // and repeating it here would make every report say the class name twice.
        if ("llm".equals(kind)) {
            LlmHeuristics.fill(call, attrs);
            putCost(attrs);
        }
        return attrs;
    }

    /** Why a call that returned normally counts as failed, or null when it does not. */
    public String resultError(CapturedCall call) {
        if (errorWhen == null) {
            return null;
        }
        Object value = errorWhen.evaluate(call);
        return Boolean.TRUE.equals(value) || "true".equals(value) ? errorWhen + " is true" : null;
    }

    private String operation() {
        switch (kind) {
            case "llm":
                String name = (className + "." + methodName).toLowerCase(Locale.ROOT);
                return name.contains("embed") ? "embeddings" : "chat";
            case "tool":
                return "execute_tool";
            case "agent":
                return "invoke_agent";
            default:
                return null;
        }
    }

    private void putCost(Map<String, Object> attrs) {
        if (prices == null || prices.isEmpty() || !attrs.containsKey(INPUT_TOKENS) && !attrs.containsKey(OUTPUT_TOKENS)) {
            return;
        }
        Object model = attrs.containsKey(RESPONSE_MODEL) ? attrs.get(RESPONSE_MODEL) : attrs.get(REQUEST_MODEL);
        PriceTable.Price price = prices.find(model instanceof String ? (String) model : null);
        if (price == null && attrs.get(REQUEST_MODEL) instanceof String) {
            price = prices.find((String) attrs.get(REQUEST_MODEL));
        }
        if (price != null) {
            double cost = PriceTable.cost(price, number(attrs.get(INPUT_TOKENS)), number(attrs.get(CACHE_READ)),
                    number(attrs.get(CACHE_CREATION)), number(attrs.get(OUTPUT_TOKENS)));
            attrs.put(COST, Math.round(cost * 1e9) / 1e9);
        }
    }

    private static long number(Object value) {
        return value instanceof Number ? ((Number) value).longValue() : 0L;
    }

    /** Token counts and request parameters as numbers, names as text, finish reasons as a list. */
    static Object typed(String attribute, Object value) {
        if (value == null) {
            return null;
        }
        if (value == Marker.REDACTED) { // a path through a secret-named field says so, as capture does
            return LONG_ATTRIBUTES.contains(attribute) || DOUBLE_ATTRIBUTES.contains(attribute) ? null : Redactor.MASK;
        }
        if (LONG_ATTRIBUTES.contains(attribute)) {
            return SnapshotSearch.asLong(value);
        }
        if (DOUBLE_ATTRIBUTES.contains(attribute)) {
            return SnapshotSearch.asDouble(value);
        }
        if (FINISH_REASONS.equals(attribute)) {
            List<String> reasons = new ArrayList<>();
            for (Object v : value instanceof List ? (List<?>) value : List.of(value)) {
                String text = SnapshotSearch.asText(v);
                if (text != null) {
                    reasons.add(text.toLowerCase(Locale.ROOT));
                }
            }
            return reasons.isEmpty() ? null : reasons;
        }
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            return list.isEmpty() ? null : SnapshotSearch.asText(list.get(0));
        }
        return SnapshotSearch.asText(value);
    }

    /** Provider names as the GenAI conventions spell them, from the client's package or class. */
    static String guessProvider(String className) {
        String n = className.toLowerCase(Locale.ROOT);
        if (n.contains("azure") && n.contains("openai")) {
            return "azure.ai.openai";
        }
        String[][] known = {{"openai", "openai"}, {"anthropic", "anthropic"}, {"claude", "anthropic"},
                {"bedrock", "aws.bedrock"}, {"vertex", "gcp.vertex_ai"}, {"gemini", "gcp.gemini"},
                {"mistral", "mistral_ai"}, {"cohere", "cohere"}, {"groq", "groq"}, {"deepseek", "deepseek"},
                {"ollama", "ollama"}, {"watsonx", "ibm.watsonx.ai"}, {"perplexity", "perplexity"}};
        for (String[] k : known) {
            if (n.contains(k[0])) {
                return k[1];
            }
        }
        return null;
    }
}
