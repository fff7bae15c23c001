package dev.agentdbg.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a replayed request with a recorded one. JSON bodies are compared as trees without the
 * volatile fields below, which change from run to run without changing what is asked; the
 * difference is reported field by field ({@code messages[3].content: "…" -> "…"}).
 */
public final class RequestComparison {
    /** Fields left out of the comparison at any depth (documented in docs/trace-format.md). */
    public static final Set<String> VOLATILE_FIELDS = Set.of("request_id", "requestId", "idempotency_key",
            "idempotencyKey", "timestamp", "created", "created_at", "createdAt", "user", "session_id", "sessionId");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINES = 12;
    private static final int MAX_VALUE = 160;

    private RequestComparison() {
    }

    /** The body in the form matching compares: JSON without volatile fields, or the text itself. */
    public static String normalise(byte[] body) {
        if (body == null) {
            return "";
        }
        JsonNode tree = parse(body);
        if (tree == null) {
            return new String(body, StandardCharsets.UTF_8);
        }
        strip(tree);
        return tree.toString();
    }

    /**
     * A readable difference between the recorded and the replayed body; null when they match.
     * A body that was not recorded matches anything.
     */
    public static String difference(byte[] recorded, byte[] replayed) {
        if (recorded == null || java.util.Arrays.equals(recorded, replayed)) {
            return null; // the usual case of a faithful replay: no parsing
        }
        JsonNode a = parse(recorded);
        JsonNode b = replayed == null ? null : parse(replayed);
        if (a != null && b != null) {
            strip(a);
            strip(b);
            if (a.equals(b)) {
                return null;
            }
            List<String> lines = new ArrayList<>();
            diff("", a, b, lines);
            if (lines.size() > MAX_LINES) {
                int more = lines.size() - MAX_LINES;
                lines = new ArrayList<>(lines.subList(0, MAX_LINES));
                lines.add("… and " + more + " more differences");
            }
            return String.join("\n", lines);
        }
        String x = new String(recorded, StandardCharsets.UTF_8);
        String y = replayed == null ? "" : new String(replayed, StandardCharsets.UTF_8);
        if (x.equals(y)) {
            return null;
        }
        int i = 0;
        while (i < x.length() && i < y.length() && x.charAt(i) == y.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 40);
        return "bodies differ from character " + i + ":\n  recorded: " + clip(x.substring(from))
                + "\n  now:      " + clip(y.substring(Math.min(from, y.length())));
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() > MAX_LINES) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                String p = path.isEmpty() ? n : path + "." + n;
                JsonNode x = a.get(n);
                JsonNode y = b.get(n);
                if (x == null) {
                    out.add(p + ": (absent) -> " + show(y));
                } else if (y == null) {
                    out.add(p + ": " + show(x) + " -> (absent)");
                } else if (!x.equals(y)) {
                    diff(p, x, y, out);
                }
            }
        } else if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                String p = path + "[" + i + "]";
                if (i >= a.size()) {
                    out.add(p + ": (absent) -> " + show(b.get(i)));
                } else if (i >= b.size()) {
                    out.add(p + ": " + show(a.get(i)) + " -> (absent)");
                } else if (!a.get(i).equals(b.get(i))) {
                    diff(p, a.get(i), b.get(i), out);
                }
            }
        } else {
            out.add((path.isEmpty() ? "body" : path) + ": " + show(a) + " -> " + show(b));
        }
    }

    private static String show(JsonNode n) {
        return clip(n.toString());
    }

    private static String clip(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() <= MAX_VALUE ? one : one.substring(0, MAX_VALUE) + "…";
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree != null && tree.isContainerNode() ? tree : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(VOLATILE_FIELDS);
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                strip(it.next());
            }
        } else if (node.isArray()) {
            node.forEach(RequestComparison::strip);
        }
    }
}
