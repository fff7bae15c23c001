package dev.agentdbg.semantics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices per model in USD per million tokens: fresh input, cached input (cache reads), output and
 * cache writes. A model matches its exact name or else the longest priced name it starts with
 * ({@code gpt-4o-mini-2024-07-18} is priced as {@code gpt-4o-mini}).
 */
public final class PriceTable {
    /** One model's prices, USD per million tokens. */
    public record Price(double input, double cachedInput, double output, double cacheWrite) {
    }

    public static final PriceTable EMPTY = new PriceTable(Map.of());

    private final Map<String, Price> prices;

    public PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /**
     * Parses {@code model -> "input,cachedInput,output[,cacheWrite]"}; a bad entry is skipped and
     * described in {@code problems}.
     */
    public static PriceTable parse(Map<String, String> entries, List<String> problems) {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String[] parts = e.getValue().split(",");
            List<Double> values = new ArrayList<>();
            try {
                for (String p : parts) {
                    double v = Double.parseDouble(p.trim().replace("$", ""));
                    if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                        throw new NumberFormatException();
                    }
                    values.add(v);
                }
            } catch (NumberFormatException ex) {
                values.clear();
            }
            if (values.size() != 3 && values.size() != 4) {
                problems.add("price agentdbg.price." + e.getKey() + "='" + e.getValue() + "' is not "
                        + "<input>,<cached input>,<output>[,<cache write>] in USD per million tokens "
                        + "(example: 0.15,0.075,0.60); model not priced");
                continue;
            }
            prices.put(e.getKey(), new Price(values.get(0), values.get(1), values.get(2),
                    values.size() == 4 ? values.get(3) : values.get(0)));
        }
        return new PriceTable(prices);
    }

    /** @return the price of {@code model}, or null when it has none */
    public Price find(String model) {
        if (model == null) {
            return null;
        }
        Price exact = prices.get(model);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String name : prices.keySet()) {
            if (model.startsWith(name) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return best == null ? null : prices.get(best);
    }

    /**
     * Cost of one call. {@code input} counts all input tokens, cached ones included; cache reads
     * and writes are priced at their own rates, the rest as fresh input.
     */
    public static double cost(Price price, long input, long cacheRead, long cacheWrite, long output) {
        long fresh = Math.max(0, input - cacheRead - cacheWrite);
        return (fresh * price.input() + cacheRead * price.cachedInput() + cacheWrite * price.cacheWrite()
                + output * price.output()) / 1_000_000.0;
    }

    public boolean isEmpty() {
        return prices.isEmpty();
    }
}
