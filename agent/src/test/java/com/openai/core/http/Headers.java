package com.openai.core.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test stand-in for openai-java's {@code Headers}, with the members the agent uses. */
public final class Headers {
    private final Map<String, List<String>> map;

    private Headers(Map<String, List<String>> map) {
        this.map = map;
    }

    public Set<String> names() {
        return map.keySet();
    }

    public List<String> values(String name) {
        return map.getOrDefault(name, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** As the SDK's builder: {@code put} appends values. */
    public static final class Builder {
        private final Map<String, List<String>> map = new LinkedHashMap<>();

        public Builder put(String name, String value) {
            map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder put(String name, Iterable<String> values) {
            values.forEach(v -> put(name, v));
            return this;
        }

        public Headers build() {
            return new Headers(map);
        }
    }
}
