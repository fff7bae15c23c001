package dev.agentdbg.replay.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;

/**
 * A {@code value} record read back for replay.
 *
 * @param unservable why it cannot be served (unrebuildable, cut, damaged), else null
 * @param args       the arguments' text; null when the record has none (then it is matched by order only)
 */
record RecordedValue(int call, String span, String within, String rule, String kind, String key, boolean threw,
                     String valueClass, byte[] kryo, String unservable, String args) {

    static RecordedValue of(ObjectNode r) {
        byte[] bytes = null;
        String unservable = null;
        if (r.hasNonNull("unrebuildable")) {
            unservable = "unrebuildable: " + r.path("unrebuildable").asText();
        } else if (r.hasNonNull("cut")) {
            unservable = "cut: " + r.path("cut").asText();
        } else if (r.hasNonNull("kryo")) {
            try {
                bytes = Base64.getDecoder().decode(r.path("kryo").asText());
            } catch (IllegalArgumentException e) {
                unservable = "its value is damaged (not base64)";
            }
        } else {
            unservable = "no value was recorded";
        }
        return new RecordedValue(r.path("call").asInt(0), r.path("span").asText(""), text(r, "within"),
                text(r, "rule"), r.path("kind").asText(""), r.path("key").asText(""),
                "throw".equals(r.path("outcome").asText()), r.path("class").asText(""), bytes, unservable,
                text(r, "args"));
    }

    RecordedValue numbered(int n) {
        return new RecordedValue(n, span, within, rule, kind, key, threw, valueClass, kryo, unservable, args);
    }

    private static String text(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.get(field).asText() : null;
    }
}
