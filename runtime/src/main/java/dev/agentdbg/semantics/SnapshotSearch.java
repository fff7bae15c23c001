package dev.agentdbg.semantics;

import dev.agentdbg.capture.ListSnapshot;
import dev.agentdbg.capture.MapSnapshot;
import dev.agentdbg.capture.ObjectSnapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Breadth-first search of a captured value for fields or map keys by name, names compared without
 * case, '_' or '-' ({@code prompt_tokens} = {@code promptTokens}). Used by the heuristics that read
 * hand-written clients' requests and responses.
 */
final class SnapshotSearch {
    private SnapshotSearch() {
    }

    static String normalise(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** The nearest value (shallowest first) under one of {@code names}, at most {@code maxDepth} down. */
    static Object first(Object root, int maxDepth, Set<String> names) {
        List<Object> found = find(root, maxDepth, names, true);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every value under one of {@code names}, shallowest first. */
    static List<Object> all(Object root, int maxDepth, Set<String> names) {
        return find(root, maxDepth, names, false);
    }

    private static List<Object> find(Object root, int maxDepth, Set<String> names, boolean firstOnly) {
        if (root == null) {
            return Collections.emptyList();
        }
        List<Object> found = new ArrayList<>();
        ArrayDeque<Object[]> queue = new ArrayDeque<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        queue.add(new Object[] {AttributePath.deref(root), 0});
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            Object value = item[0];
            int depth = (Integer) item[1];
            if (value == null || seen.put(value, Boolean.TRUE) != null) {
                continue;
            }
            Map<String, Object> children = null;
            if (value instanceof ObjectSnapshot) {
                children = ((ObjectSnapshot) value).fields;
            } else if (value instanceof MapSnapshot) {
                children = ((MapSnapshot) value).entries;
            } else if (value instanceof ListSnapshot && depth < maxDepth) {
                for (Object element : ((ListSnapshot) value).elements) {
                    queue.add(new Object[] {AttributePath.deref(element), depth + 1});
                }
            }
            if (children == null) {
                continue;
            }
            for (Map.Entry<String, Object> e : children.entrySet()) {
                Object child = AttributePath.deref(e.getValue());
                if (child != null && names.contains(normalise(e.getKey()))) {
                    found.add(child);
                    if (firstOnly) {
                        return found;
                    }
                }
            }
            if (depth < maxDepth) {
                for (Object child : children.values()) {
                    queue.add(new Object[] {AttributePath.deref(child), depth + 1});
                }
            }
        }
        return found;
    }

    static Long asLong(Object value) {
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        if (value instanceof String) {
            try {
                return Long.parseLong(((String) value).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Double asDouble(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        return null;
    }

    static String asText(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? value.toString() : null;
    }

    static Set<String> names(String... names) {
        Set<String> set = new java.util.HashSet<>();
        for (String n : names) {
            set.add(normalise(n).toLowerCase(Locale.ROOT));
        }
        return set;
    }
}
