package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.SpanAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the optional {@code attrs} and {@code args} of span and start records.
 *
 * <p>These are extras: a malformed one must not cost the call itself, so instead of rejecting the record the value
 * is dropped and described to {@code ignored}, and the rest of the record is used.
 */
final class PayloadParser {

    private static final int MAX_VALUE_SHOWN = 40;

    SpanAttributes attrs(JsonNode attrs, String type, Consumer<String> ignored) {
        if (attrs == null || attrs.isNull()) {
            return SpanAttributes.EMPTY;
        }
        if (!attrs.isObject()) {
            ignored.accept(type + " field 'attrs' is not an object (" + shown(attrs) + ")");
            return SpanAttributes.EMPTY;
        }
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        attrs.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                return;
            }
            GenAi.Type expected = GenAi.typeOf(e.getKey());
            if (expected == null || matches(expected, value)) {
                kept.put(e.getKey(), value);
            } else {
                ignored.accept(type + " attribute '" + e.getKey() + "' is not " + expected.description() + " ("
                        + shown(value) + ")");
            }
        });
        return SpanAttributes.of(kept);
    }

    List<JsonNode> args(JsonNode args, String type, Consumer<String> ignored) {
        if (args == null || args.isNull()) {
            return List.of();
        }
        if (!args.isArray()) {
            ignored.accept(type + " field 'args' is not an array (" + shown(args) + ")");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>(args.size());
        args.forEach(out::add);
        return out;
    }

    private static boolean matches(GenAi.Type type, JsonNode v) {
        return switch (type) {
            case TEXT -> v.isTextual();
            case COUNT -> v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0;
            case NUMBER -> v.isNumber();
            case AMOUNT -> v.isNumber() && v.decimalValue().signum() >= 0;
            case TEXTS -> {
                boolean allText = v.isArray();
                for (JsonNode e : v) {
                    allText &= e.isTextual();
                }
                yield allText;
            }
        };
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() > MAX_VALUE_SHOWN ? text.substring(0, MAX_VALUE_SHOWN - 3) + "..." : text;
    }
}
