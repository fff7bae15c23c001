package dev.agentdbg.runtime.debug;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which live values a pause can edit, how they are shown, and how edited text becomes a value again.
 * Editable are strings (as text), and JSON-like values (as JSON): boxed numbers and booleans, and the
 * JDK's own maps and lists holding only such values. A value is turned back into a plain JDK value
 * (String, Integer/Long/Double..., Boolean, LinkedHashMap, ArrayList), never into an application class:
 * that would run the application's constructors or a JSON library's reflection on the paused thread. So
 * the declared type (from the method's descriptor) must accept such a value, or the value is shown as not
 * editable.
 */
final class EditValues {
    /** Longer values are shown but cannot be edited (the page is not an editor for megabytes). */
    static final int MAX_CHARS = 1 << 20;
    private static final int MAX_DEPTH = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Declared types a String can be assigned to. */
    private static final Set<String> TAKES_STRING = Set.of("java.lang.String", "java.lang.CharSequence",
            "java.lang.Object", "java.io.Serializable", "java.lang.Comparable");
    private static final Set<String> TAKES_MAP = Set.of("java.util.Map", "java.util.LinkedHashMap",
            "java.util.HashMap", "java.util.AbstractMap", "java.lang.Object");
    private static final Set<String> TAKES_LIST = Set.of("java.util.List", "java.util.ArrayList",
            "java.util.Collection", "java.lang.Iterable", "java.util.AbstractList", "java.lang.Object");
    private static final Set<String> BOXES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Boolean", "java.lang.Number");

    private EditValues() {
    }

    /** How a value shows for editing: its format and text, or why it cannot be edited. */
    record Shown(String format, String text, String why) {
    }

    /**
     * @param value    the live value
     * @param declared the declared type's Java name ({@code java.util.Map}), or null when unknown
     */
    static Shown show(Object value, String declared) {
        if (declared == null) {
            return new Shown(null, null, "its declared type is unknown");
        }
        if (declared.indexOf('.') < 0 || declared.endsWith("[]")) {
            return new Shown(null, null, "a " + declared + " cannot be edited: only strings and JSON-like values can");
        }
        if (value instanceof String str) {
            return TAKES_STRING.contains(declared) ? new Shown("text", str, null)
                    : new Shown(null, null, "declared as " + declared);
        }
        if (value == null) {
            return accepts(declared) ? new Shown("json", "null", null)
                    : new Shown(null, null, "null, declared as " + declared + ", which no JSON value fits");
        }
        if (!jsonLike(value, 0)) {
            return new Shown(null, null, "a " + value.getClass().getName() + " cannot be edited: only strings, "
                    + "numbers, booleans, and JDK maps and lists of them can");
        }
        if (!accepts(declared)) {
            return new Shown(null, null, "declared as " + declared + ", which no JSON value fits");
        }
        try {
            return new Shown("json", JSON.writeValueAsString(value), null);
        } catch (JsonProcessingException | RuntimeException e) {
            return new Shown(null, null, "it could not be shown as JSON (" + e.getMessage() + ")");
        }
    }

    private static boolean accepts(String declared) {
        return TAKES_STRING.contains(declared) || TAKES_MAP.contains(declared) || TAKES_LIST.contains(declared)
                || BOXES.contains(declared);
    }

    /** Only the JDK's own classes: reading them runs no application code. */
    private static boolean jsonLike(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte) {
            return true;
        }
        if (!readableContainer(v.getClass().getName())) {
            return false;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !jsonLike(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!jsonLike(o, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The JDK containers read here: their iteration runs no application code and takes no monitor (unlike
     * Hashtable, Vector and the synchronized wrappers, left out), and a paused thread's own map is not being
     * changed by it meanwhile.
     */
    private static boolean readableContainer(String name) {
        return name.equals("java.util.HashMap") || name.equals("java.util.LinkedHashMap") || name.equals("java.util.TreeMap")
                || name.equals("java.util.ArrayList") || name.equals("java.util.LinkedList")
                || name.equals("java.util.Arrays$ArrayList") || name.startsWith("java.util.ImmutableCollections$")
                || name.startsWith("java.util.Collections$Unmodifiable") || name.startsWith("java.util.Collections$Empty")
                || name.startsWith("java.util.Collections$Singleton");
    }

    /**
     * The value edited {@code text} stands for, assignable to {@code declared}.
     * @throws IllegalArgumentException with a one-line reason when it does not parse or does not fit
     */
    static Object parse(String format, String text, String declared) {
        if ("text".equals(format)) {
            return text;
        }
        Object v;
        try {
            v = JSON.readValue(text, Object.class); // LinkedHashMap, ArrayList, String, Integer/Long/Double, Boolean
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            throw new IllegalArgumentException("not JSON: " + (m == null ? "unreadable" : m.split("\n")[0]));
        }
        return fit(v, declared);
    }

    private static Object fit(Object v, String declared) {
        if (v == null || "java.lang.Object".equals(declared)) {
            return v;
        }
        if (v instanceof String) {
            if (TAKES_STRING.contains(declared)) {
                return v;
            }
        } else if (v instanceof Map) {
            if (TAKES_MAP.contains(declared)) {
                return v;
            }
        } else if (v instanceof List) {
            if (TAKES_LIST.contains(declared)) {
                return v;
            }
        } else if (v instanceof Boolean) {
            if ("java.lang.Boolean".equals(declared)) {
                return v;
            }
        } else if (v instanceof Number n) {
            Object boxed = number(n, declared);
            if (boxed != null) {
                return boxed;
            }
        }
        throw new IllegalArgumentException("a " + kind(v) + " cannot become a " + declared);
    }

    private static Object number(Number n, String declared) {
        boolean whole = n instanceof Integer || n instanceof Long || n instanceof java.math.BigInteger;
        switch (declared) {
            case "java.lang.Number":
                return n instanceof java.math.BigInteger ? null : n;
            case "java.lang.Double":
                return n.doubleValue();
            case "java.lang.Float":
                return n.floatValue();
            case "java.lang.Long":
                return whole && n.longValue() == n.doubleValue() || n instanceof Long ? n.longValue() : null;
            case "java.lang.Integer":
                return whole && n.longValue() == n.intValue() ? n.intValue() : null;
            case "java.lang.Short":
                return whole && n.longValue() == n.shortValue() ? n.shortValue() : null;
            case "java.lang.Byte":
                return whole && n.longValue() == n.byteValue() ? n.byteValue() : null;
            default:
                return null;
        }
    }

    private static String kind(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Map) {
            return "JSON object";
        }
        if (v instanceof Collection) {
            return "JSON array";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        return "number";
    }

    /** The parameter types ({@code ret == false}) or the return type of a JVM method descriptor, as Java names. */
    static List<String> parameterTypes(String descriptor) {
        List<String> types = new ArrayList<>();
        if (descriptor == null || !descriptor.startsWith("(")) {
            return types;
        }
        int i = 1;
        while (i < descriptor.length() && descriptor.charAt(i) != ')') {
            int end = typeEnd(descriptor, i);
            types.add(javaName(descriptor.substring(i, end)));
            i = end;
        }
        return types;
    }

    static String returnType(String descriptor) {
        int close = descriptor == null ? -1 : descriptor.indexOf(')');
        return close < 0 ? null : javaName(descriptor.substring(close + 1));
    }

    private static int typeEnd(String d, int i) {
        while (d.charAt(i) == '[') {
            i++;
        }
        return d.charAt(i) == 'L' ? d.indexOf(';', i) + 1 : i + 1;
    }

    private static String javaName(String t) {
        if (t.startsWith("[")) {
            return javaName(t.substring(1)) + "[]";
        }
        switch (t.charAt(0)) {
            case 'L':
                return t.substring(1, t.length() - 1).replace('/', '.');
            case 'V':
                return "void";
            case 'Z':
                return "boolean";
            case 'I':
                return "int";
            case 'J':
                return "long";
            case 'D':
                return "double";
            case 'F':
                return "float";
            case 'S':
                return "short";
            case 'B':
                return "byte";
            default:
                return "char";
        }
    }
}
