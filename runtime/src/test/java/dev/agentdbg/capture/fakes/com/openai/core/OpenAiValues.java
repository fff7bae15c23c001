package dev.agentdbg.capture.fakes.com.openai.core;

import java.util.List;
import java.util.Map;

/**
 * Stand-ins for the value classes of the OpenAI Java SDK (com.openai.core, Values.kt in
 * openai-java-core 4.101.0, checked with javap): same simple names, same hierarchy, same field
 * names. The walker matches them by name suffix, as it would a shaded copy. Their Object methods
 * throw, to prove the walker never calls them.
 */
public final class OpenAiValues {
    private OpenAiValues() {
    }

    public static Object known(Object value) {
        return new KnownValue<>(value);
    }

    public static Object missing() {
        return JsonMissing.INSTANCE;
    }

    public static Object jsonNull() {
        return JsonNull.INSTANCE;
    }

    public static Object string(String value) {
        return new JsonString(value);
    }

    public static Object number(Number value) {
        return new JsonNumber(value);
    }

    public static Object bool(boolean value) {
        return new JsonBoolean(value);
    }

    public static Object array(List<Object> values) {
        return new JsonArray(List.copyOf(values));
    }

    public static Object object(Map<String, Object> values) {
        return new JsonObject(values);
    }
}

abstract class JsonField<T> {
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

final class KnownValue<T> extends JsonField<T> {
    private final T value;

    KnownValue(T value) {
        this.value = value;
    }
}

abstract class JsonValue extends JsonField<Object> {
}

final class JsonMissing extends JsonValue {
    static final JsonMissing INSTANCE = new JsonMissing();
}

final class JsonNull extends JsonValue {
    static final JsonNull INSTANCE = new JsonNull();
}

final class JsonString extends JsonValue {
    private final String value;

    JsonString(String value) {
        this.value = value;
    }
}

final class JsonNumber extends JsonValue {
    private final Number value;

    JsonNumber(Number value) {
        this.value = value;
    }
}

final class JsonBoolean extends JsonValue {
    private final boolean value;

    JsonBoolean(boolean value) {
        this.value = value;
    }
}

final class JsonArray extends JsonValue {
    private final List<Object> values;

    JsonArray(List<Object> values) {
        this.values = values;
    }
}

final class JsonObject extends JsonValue {
    private final Map<String, Object> values;

    JsonObject(Map<String, Object> values) {
        this.values = values;
    }
}
