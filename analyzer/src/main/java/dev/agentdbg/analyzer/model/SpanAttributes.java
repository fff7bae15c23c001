package dev.agentdbg.analyzer.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code attrs} of a span or start record: OpenTelemetry GenAI attributes and agentdbg's own, by key.
 *
 * <p>The reader has already dropped values of the wrong type for the keys {@link GenAi} knows, so the typed
 * getters here only return {@code null} for an absent key (or an unknown key holding another type).
 */
public final class SpanAttributes {

    public static final SpanAttributes EMPTY = new SpanAttributes(Map.of());

    private final Map<String, JsonNode> values;

    private SpanAttributes(Map<String, JsonNode> values) {
        this.values = values;
    }

    /** Keeps the writer's key order, which is the order a user reads them in the trace file. */
    public static SpanAttributes of(Map<String, JsonNode> values) {
        return values.isEmpty() ? EMPTY : new SpanAttributes(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Map<String, JsonNode> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key) {
        JsonNode v = values.get(key);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    public Long longValue(String key) {
        JsonNode v = values.get(key);
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : null;
    }

    public Double doubleValue(String key) {
        JsonNode v = values.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    /** The exact decimal value, for sums of money that must not pick up binary rounding noise. */
    public BigDecimal decimal(String key) {
        JsonNode v = values.get(key);
        return v != null && v.isNumber() ? v.decimalValue() : null;
    }

    public List<String> strings(String key) {
        JsonNode v = values.get(key);
        if (v == null || !v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpanAttributes other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
