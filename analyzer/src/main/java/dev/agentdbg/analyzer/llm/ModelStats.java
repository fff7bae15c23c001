package dev.agentdbg.analyzer.llm;

import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanAttributes;
import dev.agentdbg.analyzer.stats.DurationDistribution;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finished LLM calls of one model from one provider, or of all models (the totals): calls, token usage,
 * estimated cost, latency and finish reasons.
 *
 * <p>Token and cost sums only cover the calls that reported them; {@link #callsWithUsage()} and
 * {@link #callsWithCost()} say how many did, so a report can tell a complete figure from a partial one.
 */
public final class ModelStats {

    private final String model;
    private final String provider;
    private long calls;
    private long errors;
    private long callsWithUsage;
    private long inputTokens;
    private long cachedInputTokens;
    private long cacheCreationInputTokens;
    private long outputTokens;
    private long reasoningTokens;
    private long callsWithCost;
    // Exact decimal sums: adding 0.1 and 0.2 as doubles would print 0.30000000000000004.
    private BigDecimal costUsd = BigDecimal.ZERO;
    private final DurationDistribution latency = new DurationDistribution();
    private final Map<String, Long> finishReasons = new HashMap<>();

    ModelStats(String model, String provider) {
        this.model = model;
        this.provider = provider;
    }

    void add(Span span) {
        SpanAttributes a = span.attrs();
        calls++;
        if (span.isError()) {
            errors++;
        }
        latency.record(span.dur());
        if (a.has(GenAi.INPUT_TOKENS) || a.has(GenAi.OUTPUT_TOKENS)) {
            callsWithUsage++;
        }
        inputTokens += count(a, GenAi.INPUT_TOKENS);
        cachedInputTokens += count(a, GenAi.CACHE_READ_TOKENS);
        cacheCreationInputTokens += count(a, GenAi.CACHE_CREATION_TOKENS);
        outputTokens += count(a, GenAi.OUTPUT_TOKENS);
        reasoningTokens += count(a, GenAi.REASONING_TOKENS);
        BigDecimal cost = a.decimal(GenAi.COST_USD);
        if (cost != null) {
            callsWithCost++;
            costUsd = costUsd.add(cost);
        }
        List<String> reasons = a.strings(GenAi.FINISH_REASONS);
        if (reasons != null) {
            reasons.forEach(r -> finishReasons.merge(r, 1L, Long::sum));
        }
    }

    void addAll(ModelStats other) {
        calls += other.calls;
        errors += other.errors;
        callsWithUsage += other.callsWithUsage;
        inputTokens += other.inputTokens;
        cachedInputTokens += other.cachedInputTokens;
        cacheCreationInputTokens += other.cacheCreationInputTokens;
        outputTokens += other.outputTokens;
        reasoningTokens += other.reasoningTokens;
        callsWithCost += other.callsWithCost;
        costUsd = costUsd.add(other.costUsd);
        latency.addAll(other.latency);
        other.finishReasons.forEach((r, n) -> finishReasons.merge(r, n, Long::sum));
    }

    private static long count(SpanAttributes a, String key) {
        Long v = a.longValue(key);
        return v == null ? 0 : v;
    }

    /** The model that answered, else the one asked for; {@code null} when the calls named none, and for totals. */
    public String model() {
        return model;
    }

    /** {@code gen_ai.provider.name}, or {@code null}. */
    public String provider() {
        return provider;
    }

    public long calls() {
        return calls;
    }

    public long errors() {
        return errors;
    }

    /** Calls that reported input or output tokens. */
    public long callsWithUsage() {
        return callsWithUsage;
    }

    /** All input tokens, cached ones included. */
    public long inputTokens() {
        return inputTokens;
    }

    /** Input tokens read from the provider's prompt cache (part of {@link #inputTokens()}). */
    public long cachedInputTokens() {
        return cachedInputTokens;
    }

    /** Input tokens written to the provider's prompt cache (part of {@link #inputTokens()}). */
    public long cacheCreationInputTokens() {
        return cacheCreationInputTokens;
    }

    /** All output tokens, reasoning included. */
    public long outputTokens() {
        return outputTokens;
    }

    /** Reasoning tokens (part of {@link #outputTokens()}). */
    public long reasoningTokens() {
        return reasoningTokens;
    }

    /** Calls that carried an estimated cost; the others' models had no price. */
    public long callsWithCost() {
        return callsWithCost;
    }

    /** The sum of the calls' estimated costs in US dollars, or {@code null} when no call had one. */
    public BigDecimal costUsd() {
        return callsWithCost == 0 ? null : costUsd;
    }

    public DurationDistribution latency() {
        return latency;
    }

    /** How often each finish reason was reported, most frequent first (then by name). */
    public Map<String, Long> finishReasons() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        finishReasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
