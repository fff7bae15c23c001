package dev.agentdbg.capture.fakes.com.google.gson;

import dev.agentdbg.capture.fakes.com.google.gson.internal.LinkedTreeMap;

import java.util.ArrayList;

/**
 * Stand-ins for Gson's tree classes (gson 2.13.2, checked with javap): same simple names and field
 * names ({@code members}, {@code elements}, {@code value}). Their Object methods throw.
 */
public final class GsonValues {
    private GsonValues() {
    }

    public static Object object(Object... keysAndValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.members.put((String) keysAndValues[i], (JsonElement) keysAndValues[i + 1]);
        }
        return o;
    }

    public static Object array(Object... elements) {
        JsonArray a = new JsonArray();
        for (Object e : elements) {
            a.elements.add((JsonElement) e);
        }
        return a;
    }

    public static Object primitive(Object value) {
        return new JsonPrimitive(value);
    }

    public static Object jsonNull() {
        return JsonNull.INSTANCE;
    }
}

abstract class JsonElement {
    @Override
    public String toString() {
        throw new AssertionError("application toString called");
    }

    @Override
    public int hashCode() {
        throw new AssertionError("application hashCode called");
    }

    @Override
    public boolean equals(Object o) {
        throw new AssertionError("application equals called");
    }
}

final class JsonObject extends JsonElement {
    final LinkedTreeMap<String, JsonElement> members = new LinkedTreeMap<>();
}

final class JsonArray extends JsonElement {
    final ArrayList<JsonElement> elements = new ArrayList<>();
}

final class JsonPrimitive extends JsonElement {
    private final Object value;

    JsonPrimitive(Object value) {
        this.value = value;
    }
}

final class JsonNull extends JsonElement {
    static final JsonNull INSTANCE = new JsonNull();
}
