package dev.agentdbg.capture;

import dev.agentdbg.bootstrap.Spans;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One capture on the application thread: turns live objects into snapshots ({@link Node}s and
 * leaves) that the drainer can encode later without touching application objects.
 *
 * <p>One Walk is one budget: the arguments of a call and then its result may be taken with the
 * same Walk, and share the estimated byte budget, the node cap and the "@id" numbering. Shared and
 * cyclic references are tracked within one {@link #snapshot} or {@link #snapshotArgs} call (the
 * result is taken after the method ran, when the arguments' objects may have changed).
 *
 * <p>Rules: never calls application code (fields are read by reflection; only JDK classes are
 * read through their methods, see {@link JdkValues} and {@link JdkContainers}, never one that
 * synchronizes or wraps an application object), takes no lock, never throws, and
 * does bounded work (depth, elements, estimated bytes, at most {@link #MAX_NODES} values).
 * Not thread-safe: one Walk belongs to one call on one thread.
 */
public final class Walk {
    /** Values visited per Walk at most, whatever the byte estimate says (a pathological graph). */
    static final int MAX_NODES = 10_000;
    /** Returned for JsonMissing: the enclosing field or entry is left out. */
    private static final Object OMIT = new Object();

    private final CaptureSettings s;
    private long bytes;
    /** Memory the snapshot keeps alive: like {@link #bytes}, but strings by their whole length. */
    private long retained;
    private int nodes;
    private int nextRefId;
    /** Recursion depth including transparent unwrapping (which does not count as maxDepth). */
    private int stack;
    private IdentityHashMap<Object, Node> seen;
    /** Objects being walked now, outermost first: a repeat visit of one of them is a cycle. */
    private Object[] open;
    private int openCount;

    public Walk(CaptureSettings settings) {
        this.s = settings == null ? CaptureSettings.defaults() : settings;
    }

    /** Snapshot of one value; never throws. */
    public Object snapshot(Object value) {
        try {
            reset();
            Object out = value(value, 0);
            return out == OMIT ? null : out;
        } catch (Throwable t) { // value() catches everything; this is for an Error raised outside it
            return new Marker(Marker.Reason.FAILED, null, t.getClass().getName());
        }
    }

    /**
     * Snapshots of the arguments selected by {@code argMask} (bit i: argument i; -1: all), null for
     * the others; the arguments share the references seen (one argument object inside another is a
     * "@ref"). Never throws.
     */
    public Object[] snapshotArgs(Object[] args, int argMask) {
        if (args == null) {
            return null;
        }
        Object[] out = new Object[args.length];
        try {
            reset();
            for (int i = 0; i < args.length; i++) {
                if (i < 32 && (argMask & (1 << i)) != 0 || i >= 32 && argMask == -1) {
                    Object v = value(args[i], 0);
                    out[i] = v == OMIT ? null : v;
                }
            }
        } catch (Throwable t) {
            // value() catches everything; the arguments taken so far are kept
        }
        return out;
    }

    /** A new reference scope: the result is not a "@ref" to the arguments' (older) snapshots. */
    private void reset() {
        seen = null;
        openCount = 0; // the open stack is emptied by composite() as it returns
        stack = 0;
    }

    /** Estimated JSON bytes of what this Walk captured so far. */
    public long estimatedBytes() {
        return bytes;
    }

    /** Estimated memory the snapshots taken so far keep alive until they are written. */
    public long retainedBytes() {
        return bytes + retained;
    }

    private Object value(Object v, int depth) {
        if (v == null) {
            bytes += 5;
            return null;
        }
        ClassLayout layout = null;
        try {
            if (bytes > s.maxBytes || ++nodes > MAX_NODES) {
                return new Marker(Marker.Reason.BUDGET, v.getClass().getTypeName(), null);
            }
            if (v instanceof String) { // the common case first, without a class look-up
                int length = ((String) v).length();
                bytes += Math.min(length, s.maxStringLength) + 3;
                retained += Math.max(0, length - s.maxStringLength); // kept by reference, cut when written
                return v;
            }
            layout = ClassLayout.of(v.getClass());
            switch (layout.kind) {
                case LEAF:
                    bytes += 9;
                    return v;
                case CHARACTER:
                    bytes += 4;
                    return String.valueOf((char) (Character) v);
                case ENUM:
                    return text(((Enum<?>) v).name());
                case CHAR_SEQUENCE:
                    return text(JdkValues.text((CharSequence) v, s.maxStringLength));
                case CHARS:
                    return text(JdkValues.text((char[]) v, s.maxStringLength));
                case STRING_BUFFER:
                    return text(Containers.stringBuffer(v, layout, s.maxStringLength));
                case URL:
                    return text(JdkValues.urlText((java.net.URL) v));
                case DATE:
                    return text(JdkValues.dateText((java.util.Date) v));
                case TO_STRING:
                    return text(v.toString());
                case CLASS_NAME:
                    return text(((Class<?>) v).getName());
                case MEMBER:
                    return text(JdkValues.memberName((Member) v));
                case NULL:
                    bytes += 5;
                    return null;
                case OMIT:
                    return OMIT;
                case EMPTY_LIST:
                    bytes += 3;
                    return new ListSnapshot(layout.type);
                case EMPTY_MAP:
                    bytes += 3;
                    return new MapSnapshot(layout.type);
                case OPTIONAL:
                    return nested(JdkValues.optionalValue(v), depth);
                case ATOMIC:
                    return nested(JdkValues.atomicValue(v), depth);
                case UNWRAP:
                    return nested(layout.inner.get(v), depth);
                case OPAQUE: {
                    ObjectSnapshot o = new ObjectSnapshot(layout.type);
                    o.unreadable = layout.unreadable;
                    bytes += layout.type.length() + 14;
                    return o;
                }
                default:
                    return composite(v, layout, depth);
            }
        } catch (Throwable t) {
            String type = layout != null ? layout.type : v.getClass().getTypeName();
            return new Marker(Marker.Reason.FAILED, type, t.getClass().getName());
        }
    }

    /** A value a transparent wrapper (Optional, KnownValue, a JSON tree node) holds: same depth. */
    private Object nested(Object inner, int depth) {
        if (++stack > s.maxDepth + 32) { // an AtomicReference holding itself, say
            stack--;
            return new Marker(Marker.Reason.DEPTH, inner == null ? null : inner.getClass().getTypeName(), null);
        }
        try {
            return value(inner, depth);
        } finally {
            stack--;
        }
    }

    private String text(String t) {
        if (t != null) {
            bytes += Math.min(t.length(), s.maxStringLength) + 3;
        }
        return t;
    }

    /** Objects that may be shared or cyclic: tracked by identity, bounded by depth. */
    private Object composite(Object v, ClassLayout layout, int depth) throws Exception {
        if (layout.guard != null) {
            Object inner = layout.inner.get(v);
            if (inner == null || inner.getClass() != layout.guard) {
                layout = layout.byFields; // a TreeSet over a sub-map, whose iteration calls the comparator
            }
        }
        if (isEmptyContainer(v, layout)) {
            // Shared empty singletons (List.of()) would otherwise come out as "@id"/"@ref" noise.
            bytes += 3;
            return layout.kind == ClassLayout.Kind.MAP ? new MapSnapshot(layout.type) : new ListSnapshot(layout.type);
        }
        if (seen != null) {
            Node before = seen.get(v);
            if (before != null) {
                if (before.refId == 0) {
                    before.refId = ++nextRefId;
                }
                bytes += 12;
                return new Ref(before, isOpen(v));
            }
        }
        if (depth >= s.maxDepth) {
            bytes += layout.type.length() + 30;
            return new Marker(Marker.Reason.DEPTH, layout.type, null);
        }
        if (layout.kind == ClassLayout.Kind.FIELDS && s.callToString && layout.overridesToString
                && !JdkValues.isJdk(v.getClass())) {
            return callToString(v, layout);
        }
        Node node = newNode(v, layout);
        if (seen == null) {
            seen = new IdentityHashMap<>();
        }
        seen.put(v, node);
        push(v);
        try {
            fill(node, v, layout, depth + 1);
        } finally {
            openCount--;
            open[openCount] = null;
        }
        return node;
    }

    /** Only for the JDK collections read by methods ({@link JdkContainers}): no lock, no application code. */
    private static boolean isEmptyContainer(Object v, ClassLayout layout) {
        switch (layout.kind) {
            case COLLECTION:
                return ((Collection<?>) v).isEmpty();
            case MAP:
                return ((Map<?, ?>) v).isEmpty();
            case ARRAY:
                return java.lang.reflect.Array.getLength(v) == 0;
            default:
                return false;
        }
    }

    private Node newNode(Object v, ClassLayout layout) {
        switch (layout.kind) {
            case COLLECTION:
            case ARRAY:
            case VECTOR:
                bytes += 3;
                return new ListSnapshot(layout.type);
            case MAP:
            case GSON_MAP:
            case HASHTABLE:
                bytes += 3;
                return new MapSnapshot(layout.type);
            case BYTES: {
                byte[] a = (byte[]) v;
                bytes += 130;
                return new BytesSnapshot(layout.type, a.length, Arrays.copyOf(a, Math.min(a.length, 64)));
            }
            case BYTE_BUFFER:
                bytes += 130;
                return JdkValues.byteBuffer((ByteBuffer) v, layout.type);
            default:
                bytes += layout.type.length() + 14;
                return new ObjectSnapshot(layout.type);
        }
    }

    private void fill(Node node, Object v, ClassLayout layout, int depth) throws Exception {
        switch (layout.kind) {
            case COLLECTION:
                Containers.collection(this, (ListSnapshot) node, (Collection<?>) v, depth);
                break;
            case ARRAY:
                Containers.array(this, (ListSnapshot) node, v, depth);
                break;
            case MAP:
                Containers.map(this, (MapSnapshot) node, (Map<?, ?>) v, depth);
                break;
            case GSON_MAP:
                Containers.gsonMap(this, (MapSnapshot) node, v, layout, depth);
                break;
            case VECTOR:
                Containers.vector(this, (ListSnapshot) node, v, layout, depth);
                break;
            case HASHTABLE:
                Containers.hashtable(this, (MapSnapshot) node, v, layout, depth);
                break;
            case THROWABLE:
                throwable((ObjectSnapshot) node, (Throwable) v, layout, depth);
                break;
            case FIELDS:
                fields((ObjectSnapshot) node, v, layout, depth);
                break;
            default: // bytes: complete already
                break;
        }
    }

    private void fields(ObjectSnapshot o, Object v, ClassLayout layout, int depth) {
        if (layout.unreadable != null) {
            o.unreadable = layout.unreadable;
            bytes += layout.unreadable.length() + 16;
            return;
        }
        Field[] fields = layout.fields;
        for (int i = 0; i < fields.length; i++) {
            String name = layout.names[i];
            if (layout.sdkModel && KnownWrappers.isSdkNoiseField(name)) {
                continue;
            }
            if (overBudget()) {
                o.fields.put(name, new Marker(Marker.Reason.BUDGET, fields[i].getType().getTypeName(), null));
                return;
            }
            bytes += name.length() + 4;
            if (s.isSecretName(name)) {
                o.fields.put(name, Marker.REDACTED);
                bytes += 12;
                continue;
            }
            Object child;
            try {
                Object raw = fields[i].get(v);
                if (layout.sdkModel && KnownWrappers.isSdkNoise(name, raw)) {
                    continue;
                }
                child = value(raw, depth);
            } catch (Throwable t) {
                child = new Marker(Marker.Reason.FAILED, fields[i].getType().getTypeName(), t.getClass().getName());
            }
            if (child != OMIT) {
                o.fields.put(name, child);
            }
        }
    }

    /** Type, "message" (when it is Throwable's own, not an override) and the subclass's fields. */
    private void throwable(ObjectSnapshot o, Throwable t, ClassLayout layout, int depth) throws Exception {
        String message = layout.message(t);
        if (message != null) {
            o.fields.put("message", text(message));
        }
        if (layout.unreadable == null) {
            fields(o, t, layout, depth);
        }
    }

    /** Adds one element; false (after adding a BUDGET marker) when the budget is spent. */
    boolean addElement(ListSnapshot list, Object element, int depth) {
        if (overBudget()) {
            list.elements.add(new Marker(Marker.Reason.BUDGET, element == null ? null
                    : element.getClass().getTypeName(), null));
            return false;
        }
        Object v = value(element, depth);
        list.elements.add(v == OMIT ? null : v);
        bytes += 1;
        return true;
    }

    /** Adds one entry (redacted when its key is secret); false when the budget is spent. */
    boolean putEntry(MapSnapshot m, String key, Object value, int depth) {
        if (m.entries.containsKey(key)) {
            key = key + "#" + m.entries.size(); // 1 and "1" both as keys: keep both entries
        }
        if (overBudget()) {
            m.entries.put(key, new Marker(Marker.Reason.BUDGET, value == null ? null
                    : value.getClass().getTypeName(), null));
            return false;
        }
        bytes += Math.min(key.length(), s.maxStringLength) + 4;
        if (s.isSecretName(key)) {
            m.entries.put(key, Marker.REDACTED);
            bytes += 12;
            return true;
        }
        Object v = value(value, depth);
        if (v != OMIT) {
            m.entries.put(key, v);
        }
        return true;
    }

    boolean overBudget() {
        return bytes > s.maxBytes || nodes >= MAX_NODES;
    }

    CaptureSettings settings() {
        return s;
    }

    /** callToString: the object's own toString(), once, with span creation suspended meanwhile. */
    private Object callToString(Object v, ClassLayout layout) {
        boolean previous = Spans.suspend();
        try {
            return text(v.toString());
        } catch (Throwable t) {
            return new Marker(Marker.Reason.FAILED, layout.type, t.getClass().getName());
        } finally {
            Spans.resume(previous);
        }
    }

    private void push(Object v) {
        if (open == null) {
            open = new Object[s.maxDepth + 1];
        } else if (openCount == open.length) {
            open = Arrays.copyOf(open, openCount * 2);
        }
        open[openCount++] = v;
    }

    private boolean isOpen(Object v) {
        for (int i = 0; i < openCount; i++) {
            if (open[i] == v) {
                return true;
            }
        }
        return false;
    }
}
