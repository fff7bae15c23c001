package dev.agentdbg.capture;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * What the walker needs to know about one class, worked out once per class: how to capture its
 * instances ({@link Kind}) and, for objects read by fields, its instance fields made accessible.
 * Cached in a {@link ClassValue}, which is lock-free to read and does not keep classes alive.
 */
final class ClassLayout {
    enum Kind {
        /** Read by fields (application objects, records, unknown JDK objects). */
        FIELDS,
        /** Type only: threads, class loaders, proxies, lambdas. */
        OPAQUE,
        /** Kept as is: String, Boolean and the java.lang/java.math numbers. */
        LEAF,
        CHARACTER, CHAR_SEQUENCE, ENUM, TO_STRING, CLASS_NAME, MEMBER, OPTIONAL, ATOMIC,
        COLLECTION, MAP, ARRAY, BYTES, CHARS, BYTE_BUFFER, THROWABLE,
        /** A known wrapper (JSON tree node, SDK value holder): captured as the value of {@link #inner}. */
        UNWRAP,
        /** A known wrapper of "no value": captured as null. */
        NULL,
        /** The OpenAI/Anthropic SDK's JsonMissing: the field is left out entirely. */
        OMIT,
        /** Kotlin's EmptyList/EmptySet/EmptyMap singletons. */
        EMPTY_LIST, EMPTY_MAP,
        /** Gson's LinkedTreeMap (also what Gson gives for Map.class), read through its node fields. */
        GSON_MAP,
        /** Vector and Stack, Hashtable, StringBuffer: every method synchronizes, so read by fields. */
        VECTOR, HASHTABLE, STRING_BUFFER,
        /** java.net.URL: its text from its fields, never through its (possibly application) handler. */
        URL,
        /** java.util.Date and its java.sql subclasses: the instant, never toString (time-zone names). */
        DATE
    }

    /** Throwable.detailMessage, when the module system lets us read it (--add-opens), else null. */
    private static final Field DETAIL_MESSAGE = throwableField("detailMessage");

    private static final ClassValue<ClassLayout> LAYOUTS = new ClassValue<>() {
        @Override
        protected ClassLayout computeValue(Class<?> type) {
            return build(type);
        }
    };

    final Kind kind;
    /** Fully qualified name ("int[]", "java.lang.String[]" for arrays). */
    final String type;
    /** Readable instance fields, superclass fields first, in declaration order; never null. */
    final Field[] fields;
    final String[] names;
    /** Why the fields cannot be read, or null. */
    final String unreadable;
    /** The wrapped value's field for {@link Kind#UNWRAP}. */
    final Field inner;
    /** Stainless-generated SDK model (OpenAI, Anthropic): skip its cache fields and empty extras. */
    final boolean sdkModel;
    /** Declares or inherits a toString() below Object (for callToString). */
    final boolean overridesToString;
    /** A Throwable whose getMessage() is not Throwable's own (application code). */
    final boolean overridesGetMessage;
    /**
     * For a {@link Kind#COLLECTION} with an {@link #inner} field (TreeSet): read by methods only when
     * that field holds exactly this class, else by {@link #byFields}.
     */
    Class<?> guard;
    /** The same class read by fields, when {@link #guard} fails. */
    ClassLayout byFields;

    private ClassLayout(Kind kind, String type, Field[] fields, String unreadable, Field inner,
                        boolean sdkModel, boolean overridesToString, boolean overridesGetMessage) {
        this.kind = kind;
        this.type = type;
        this.fields = fields;
        this.names = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i].getName();
        }
        for (int i = 0; i < fields.length; i++) {
            for (int j = i + 1; j < fields.length; j++) {
                if (names[j].equals(fields[i].getName())) { // a superclass field hidden by a subclass's
                    names[i] = fields[i].getDeclaringClass().getSimpleName() + "." + fields[i].getName();
                    break;
                }
            }
        }
        this.unreadable = unreadable;
        this.inner = inner;
        this.sdkModel = sdkModel;
        this.overridesToString = overridesToString;
        this.overridesGetMessage = overridesGetMessage;
    }

    static ClassLayout of(Class<?> c) {
        return LAYOUTS.get(c);
    }

    /** Stands for the element count of a list or table read by its fields ({@link #sizeField}). */
    private static final String SIZE_FIELD = "(size)";

    /**
     * The element count of a Vector or Hashtable ({@code elementCount}, {@code count}) or of an
     * ArrayList or HashMap ({@code size}) read by its fields; null when there is none.
     */
    Field sizeField() {
        Field f = field("elementCount");
        f = f != null ? f : field("count");
        return f != null ? f : field("size");
    }

    /** The readable field of this name (the nearest one when a subclass hides it), or null. */
    Field field(String name) {
        for (int i = fields.length - 1; i >= 0; i--) {
            if (names[i].equals(name)) {
                return fields[i];
            }
        }
        return null;
    }

    private static ClassLayout build(Class<?> c) {
        String type = c.getTypeName();
        try {
            Kind kind = classify(c);
            switch (kind) {
                case FIELDS:
                    return withFields(c, type, Object.class, Kind.FIELDS);
                case THROWABLE:
                    // Throwable's own fields (stack trace, suppressed, cause) are not captured; the
                    // walker adds the message. Subclass fields (a status code, say) are.
                    return withFields(c, type, Throwable.class, Kind.THROWABLE);
                case UNWRAP: {
                    ClassLayout all = withFields(c, type, Object.class, Kind.FIELDS);
                    String jdkInner = JdkValues.isJdk(c) ? JdkContainers.innerField(c) : null;
                    if (c == java.util.TreeSet.class) {
                        return guarded(all, java.util.TreeMap.class, all.field(jdkInner));
                    }
                    // A JDK wrapper whose fields are closed is marked unreadable, never read by methods.
                    Field inner = all.field(jdkInner != null ? jdkInner : KnownWrappers.innerField(c.getName()));
                    // A library version with other field names is still captured, just less neatly.
                    return inner == null ? all
                            : new ClassLayout(Kind.UNWRAP, type, all.fields, null, inner, false, false, false);
                }
                case GSON_MAP: {
                    ClassLayout all = withFields(c, type, Object.class, Kind.FIELDS);
                    return all.field("header") == null ? all
                            : new ClassLayout(Kind.GSON_MAP, type, all.fields, null, null, false, false, false);
                }
                case VECTOR:
                case HASHTABLE:
                case STRING_BUFFER:
                    return lockedLayout(c, type, kind);
                default:
                    return new ClassLayout(kind, type, new Field[0], null, null, false, false, false);
            }
        } catch (Throwable t) {
            // E.g. NoClassDefFoundError while listing the fields of a class with an absent optional
            // dependency: the class is still named in the trace.
            return new ClassLayout(Kind.OPAQUE, type, new Field[0], "cannot read fields: " + t.getClass().getName(),
                    null, false, false, false);
        }
    }

    /** TreeSet: a collection read by methods when {@code inner} holds a {@code guard}, else by fields. */
    private static ClassLayout guarded(ClassLayout all, Class<?> guard, Field inner) {
        if (inner == null) {
            return all;
        }
        ClassLayout layout = new ClassLayout(Kind.COLLECTION, all.type, new Field[0], null, inner, false, false, false);
        layout.guard = guard;
        layout.byFields = all;
        return layout;
    }

    /**
     * Vector, Hashtable, StringBuffer: their fields, or, when the module system hides them or a JDK
     * version renamed them, the plain field layout (unreadable, or read as an object).
     */
    private static ClassLayout lockedLayout(Class<?> c, String type, Kind kind) {
        ClassLayout all = withFields(c, type, Object.class, Kind.FIELDS);
        String[] needed = kind == Kind.VECTOR ? new String[] {"elementData", SIZE_FIELD}
                : kind == Kind.HASHTABLE ? new String[] {"table", SIZE_FIELD} : new String[] {"value", "coder", "count"};
        for (String name : needed) {
            if (name.equals(SIZE_FIELD) ? all.sizeField() == null : all.field(name) == null) {
                return all;
            }
        }
        return new ClassLayout(kind, type, all.fields, null, null, false, false, false);
    }

    private static Kind classify(Class<?> c) {
        if (c.isArray()) {
            Class<?> component = c.getComponentType();
            return component == byte.class ? Kind.BYTES : component == char.class ? Kind.CHARS : Kind.ARRAY;
        }
        if (Enum.class.isAssignableFrom(c)) {
            return Kind.ENUM; // Enum.name() is final: safe for any enum
        }
        if (Proxy.isProxyClass(c) || c.isHidden() || c.getName().contains("$$Lambda")
                || Thread.class.isAssignableFrom(c) || ClassLoader.class.isAssignableFrom(c)
                || ThreadGroup.class.isAssignableFrom(c)) {
            return Kind.OPAQUE;
        }
        if (Throwable.class.isAssignableFrom(c)) {
            return Kind.THROWABLE;
        }
        if (JdkValues.isJdk(c)) {
            return JdkValues.kindOf(c);
        }
        // An application subclass of a JDK list or table is read by the JDK class's own fields: its
        // overridden methods never run, and it is shown as the list or map it is.
        if (java.util.ArrayList.class.isAssignableFrom(c) || java.util.Vector.class.isAssignableFrom(c)) {
            return Kind.VECTOR;
        }
        if (java.util.HashMap.class.isAssignableFrom(c)
                || java.util.Hashtable.class.isAssignableFrom(c) && !java.util.Properties.class.isAssignableFrom(c)) {
            return Kind.HASHTABLE;
        }
        Kind known = KnownWrappers.kindOf(c.getName());
        return known != null ? known : Kind.FIELDS;
    }

    /** The instance fields of {@code c} and its superclasses below {@code stop}, made accessible. */
    private static ClassLayout withFields(Class<?> c, String type, Class<?> stop, Kind kind) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> k = c; k != null && k != stop && k != Object.class; k = k.getSuperclass()) {
            chain.add(0, k);
        }
        List<Field> readable = new ArrayList<>();
        String ownFailure = null;
        String anyFailure = null;
        boolean jdk = JdkValues.isJdk(c);
        for (Class<?> k : chain) {
            // The modCount and cached views of the JDK's abstract collection bases say nothing about
            // an application collection built on them.
            boolean bookkeeping = !jdk && (k == java.util.AbstractList.class || k == java.util.AbstractMap.class);
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || bookkeeping) {
                    continue;
                }
                if (trySetAccessible(f)) {
                    readable.add(f);
                } else {
                    String reason = notOpen(k);
                    anyFailure = anyFailure == null ? reason : anyFailure;
                    if (k == c || jdk) {
                        ownFailure = ownFailure == null ? reason : ownFailure;
                    }
                }
            }
        }
        // The class's own fields closed (a JDK class, a class in a closed named module), or nothing
        // readable at all: say why. Closed fields inherited from a JDK superclass of an application
        // class (AbstractList.modCount) are just left out.
        String unreadable = ownFailure != null ? ownFailure : readable.isEmpty() ? anyFailure : null;
        Field[] fields = unreadable != null ? new Field[0] : readable.toArray(new Field[0]);
        boolean sdk = KnownWrappers.isSdkModel(c.getName());
        boolean ownToString = overrides(c, "toString", Object.class, false);
        boolean ownGetMessage = kind == Kind.THROWABLE && overrides(c, "getMessage", Throwable.class, true);
        return new ClassLayout(kind, type, fields, unreadable, null, sdk, ownToString, ownGetMessage);
    }

    /**
     * A throwable's message without running application code: the detailMessage field when
     * readable, else getMessage() when that is Throwable's own (JDK code), else null.
     */
    String message(Throwable t) throws IllegalAccessException {
        if (DETAIL_MESSAGE != null) {
            return (String) DETAIL_MESSAGE.get(t);
        }
        return overridesGetMessage ? null : t.getMessage();
    }

    private static Field throwableField(String name) {
        try {
            Field f = Throwable.class.getDeclaredField(name);
            return trySetAccessible(f) ? f : null;
        } catch (Throwable t) {
            return null;
        }
    }

    private static boolean trySetAccessible(Field f) {
        try {
            return f.trySetAccessible();
        } catch (SecurityException e) {
            return false;
        }
    }

    private static String notOpen(Class<?> k) {
        Module m = k.getModule();
        String module = m.isNamed() ? "module " + m.getName() : "the module of " + k.getName();
        return module + " does not open " + k.getPackageName() + " to agentdbg";
    }

    /** Whether {@code c}'s public no-argument {@code method} is declared below {@code base}. */
    private static boolean overrides(Class<?> c, String method, Class<?> base, boolean ifUnknown) {
        try {
            return c.getMethod(method).getDeclaringClass() != base;
        } catch (Throwable t) {
            return ifUnknown;
        }
    }
}
