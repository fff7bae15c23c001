package dev.agentdbg.analyzer.report;

import dev.agentdbg.analyzer.llm.ModelStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Formats LLM figures for people: token sums, estimated costs, finish reasons. */
final class LlmFormat {

    /** A millionth of a dollar is below any price table's precision, and keeps a cheap call's cost visible. */
    private static final int MAX_COST_DECIMALS = 6;

    private LlmFormat() {
    }

    /**
     * {@code in 4700 (1800 cached, 1500 cache-created) / out 990 (120 reasoning)}, saying when some calls reported no
     * usage: the sums leave those out.
     */
    static String tokens(ModelStats m) {
        if (m.callsWithUsage() == 0) {
            return "not reported (no gen_ai.usage attributes)";
        }
        List<String> in = new ArrayList<>();
        if (m.cachedInputTokens() > 0) {
            in.add(m.cachedInputTokens() + " cached");
        }
        if (m.cacheCreationInputTokens() > 0) {
            in.add(m.cacheCreationInputTokens() + " cache-created");
        }
        String out = m.reasoningTokens() > 0 ? " (" + m.reasoningTokens() + " reasoning)" : "";
        String from = m.callsWithUsage() < m.calls()
                ? ", from " + m.callsWithUsage() + " of " + m.calls() + " calls" : "";
        return "in " + m.inputTokens() + (in.isEmpty() ? "" : " (" + String.join(", ", in) + ")") + " / out "
                + m.outputTokens() + out + from;
    }

    /** {@code $0.00113}, {@code $0.00113 (partial: 3 of 6 calls)} when some calls had no price, or {@code n/a}. */
    static String cost(ModelStats m) {
        BigDecimal cost = m.costUsd();
        if (cost == null) {
            return "n/a";
        }
        String partial = m.callsWithCost() < m.calls()
                ? " (partial: " + m.callsWithCost() + " of " + m.calls() + " calls)" : "";
        return usd(cost) + partial;
    }

    /** Dollars with at least 2 and at most {@value #MAX_COST_DECIMALS} decimals: {@code $0.00113}, {@code $12.50}. */
    static String usd(BigDecimal amount) {
        BigDecimal rounded = amount.setScale(MAX_COST_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.scale() < 2) {
            rounded = rounded.setScale(2, RoundingMode.UNNECESSARY);
        }
        return "$" + rounded.toPlainString();
    }

    /** {@code stop 3, tool_calls 2}, most frequent first; {@code -} when none was reported. */
    static String finishReasons(Map<String, Long> reasons) {
        if (reasons.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(reason + " " + count));
        return String.join(", ", parts);
    }
}
