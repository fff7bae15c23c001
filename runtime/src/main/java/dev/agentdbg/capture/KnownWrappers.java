package dev.agentdbg.capture;

import java.util.Map;

/**
 * Library types captured by what they wrap rather than as objects, recognised by class name only
 * (the walker never links against these libraries) and read by fields only:
 *
 * <ul>
 *   <li>Jackson tree nodes ({@code …jackson.databind.node.ObjectNode}, ArrayNode: {@code _children};
 *       TextNode, IntNode, DecimalNode …: {@code _value}; BinaryNode: {@code _data}; NullNode,
 *       MissingNode: null), under any package prefix, so copies shaded into other libraries and
 *       Jackson 3 ({@code tools.jackson}) count too;</li>
 *   <li>Gson: JsonObject ({@code members}), JsonArray ({@code elements}), JsonPrimitive
 *       ({@code value}), JsonNull, and its LinkedTreeMap;</li>
 *   <li>the Stainless-generated OpenAI and Anthropic Java SDKs ({@code com.openai.core},
 *       {@code com.anthropic.core}): KnownValue, JsonString, JsonNumber, JsonBoolean ({@code value}),
 *       JsonArray, JsonObject ({@code values}), JsonNull (null) and JsonMissing (field left out);</li>
 *   <li>Kotlin's empty collection singletons.</li>
 * </ul>
 *
 * <p>Names are matched by suffix. The Jackson prefix is deliberately not spelled out in full: the
 * agent jar relocates {@code com.fasterxml.jackson}, and the shade plugin rewrites string constants
 * that look like relocated class names, which would make the walker look for our own shaded copy.
 */
final class KnownWrappers {
    private static final String JACKSON_NODE = "jackson.databind.node.";
    private static final String GSON = "com.google.gson.";
    private static final String[] SDK_CORES = {"com.openai.core.", "com.anthropic.core."};
    private static final String[] SDK_ROOTS = {"com.openai.", "com.anthropic."};

    private KnownWrappers() {
    }

    /** How to capture a class of one of these libraries, or null when it is none of them. */
    static ClassLayout.Kind kindOf(String name) {
        String simple = simpleNameAfter(name, JACKSON_NODE);
        if (simple != null) {
            switch (simple) {
                case "NullNode":
                case "MissingNode":
                    return ClassLayout.Kind.NULL;
                case "ObjectNode":
                case "ArrayNode":
                case "TextNode":
                case "IntNode":
                case "LongNode":
                case "ShortNode":
                case "DoubleNode":
                case "FloatNode":
                case "BooleanNode":
                case "DecimalNode":
                case "BigIntegerNode":
                case "BinaryNode":
                case "POJONode":
                    return ClassLayout.Kind.UNWRAP;
                default:
                    return null;
            }
        }
        simple = simpleNameAfter(name, GSON);
        if (simple != null) {
            switch (simple) {
                case "JsonObject":
                case "JsonArray":
                case "JsonPrimitive":
                    return ClassLayout.Kind.UNWRAP;
                case "JsonNull":
                    return ClassLayout.Kind.NULL;
                case "internal.LinkedTreeMap":
                    return ClassLayout.Kind.GSON_MAP;
                default:
                    return null;
            }
        }
        for (String core : SDK_CORES) {
            simple = simpleNameAfter(name, core);
            if (simple != null) {
                switch (simple) {
                    case "KnownValue":
                    case "JsonString":
                    case "JsonNumber":
                    case "JsonBoolean":
                    case "JsonArray":
                    case "JsonObject":
                        return ClassLayout.Kind.UNWRAP;
                    case "JsonNull":
                        return ClassLayout.Kind.NULL;
                    case "JsonMissing":
                        return ClassLayout.Kind.OMIT;
                    default:
                        return null;
                }
            }
        }
        switch (name) {
            case "kotlin.collections.EmptyList":
            case "kotlin.collections.EmptySet":
                return ClassLayout.Kind.EMPTY_LIST;
            case "kotlin.collections.EmptyMap":
                return ClassLayout.Kind.EMPTY_MAP;
            default:
                return null;
        }
    }

    /** The field holding the wrapped value of an {@link ClassLayout.Kind#UNWRAP} class. */
    static String innerField(String name) {
        if (simpleNameAfter(name, JACKSON_NODE) != null) {
            return name.endsWith("ObjectNode") || name.endsWith("ArrayNode") ? "_children"
                    : name.endsWith("BinaryNode") ? "_data" : "_value";
        }
        if (simpleNameAfter(name, GSON) != null) {
            return name.endsWith("JsonObject") ? "members" : name.endsWith("JsonArray") ? "elements" : "value";
        }
        return name.endsWith("JsonArray") || name.endsWith("JsonObject") ? "values" : "value";
    }

    /**
     * A class of the OpenAI or Anthropic SDK: its models carry Kotlin cache fields
     * ({@code validated}, {@code hashCode$delegate}) and usually empty {@code additionalProperties}.
     */
    static boolean isSdkModel(String name) {
        for (String root : SDK_ROOTS) {
            if (name.startsWith(root) || name.contains("." + root)) {
                return true;
            }
        }
        return false;
    }

    static boolean isSdkNoiseField(String field) {
        return field.equals("validated") || field.equals("hashCode") || field.equals("hashCode$delegate");
    }

    /**
     * In SDK models a null field is an absent union alternative or property (an explicit JSON null
     * is a JsonNull, kept), and additionalProperties is almost always empty: both only add noise.
     */
    static boolean isSdkNoise(String name, Object raw) throws IllegalAccessException {
        return raw == null || raw instanceof Map && name.equals("additionalProperties") && isEmptyJdkMap(raw);
    }

    /** An empty JDK map, seen through JDK wrappers (unmodifiableMap) by their fields; false when unsure. */
    private static boolean isEmptyJdkMap(Object map) throws IllegalAccessException {
        for (int i = 0; i < 4 && map != null; i++) {
            ClassLayout layout = ClassLayout.of(map.getClass());
            if (layout.kind == ClassLayout.Kind.MAP) {
                return ((Map<?, ?>) map).isEmpty(); // a JDK map read by methods: no lock, no application code
            }
            if (layout.kind != ClassLayout.Kind.UNWRAP || !JdkValues.isJdk(map.getClass())) {
                return false;
            }
            map = layout.inner.get(map);
        }
        return false;
    }

    /** The rest of {@code name} when it is {@code pkg}… at the start or after a '.', else null. */
    private static String simpleNameAfter(String name, String pkg) {
        int at = name.lastIndexOf(pkg);
        if (at < 0 || (at > 0 && name.charAt(at - 1) != '.')) {
            return null;
        }
        return name.substring(at + pkg.length());
    }
}
