package dev.agentdbg.capture;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Fills list and map snapshots element by element through {@link Walk#addElement} and
 * {@link Walk#putEntry}, which apply the budget and redaction; at most maxElements are read, and
 * totalSize says how many there were.
 */
final class Containers {
    private Containers() {
    }

    /** A JDK collection of {@link JdkContainers}' allow-list, through its own (lock-free, JDK-only) iterator. */
    static void collection(Walk walk, ListSnapshot list, Collection<?> c, int depth) {
        int size = c.size();
        int max = walk.settings().maxElements;
        boolean more = true;
        try {
            Iterator<?> it = c.iterator();
            int count = 0;
            while ((more = it.hasNext()) && count < max && walk.addElement(list, it.next(), depth)) {
                count++;
            }
        } catch (Throwable t) { // a concurrent modification, say: keep what was read
            list.elements.add(new Marker(Marker.Reason.FAILED, null, t.getClass().getName()));
        }
        // A collection changed by another thread may iterate more or fewer elements than size().
        list.totalSize = more ? Math.max(size, list.elements.size() + 1) : list.elements.size();
    }

    /** Any array but byte[] and char[]; primitives are boxed. */
    static void array(Walk walk, ListSnapshot list, Object array, int depth) {
        int length = Array.getLength(array);
        list.totalSize = length;
        int n = Math.min(length, walk.settings().maxElements);
        if (array instanceof Object[]) {
            Object[] a = (Object[]) array;
            for (int i = 0; i < n && walk.addElement(list, a[i], depth); i++) {
                // added by the condition
            }
        } else {
            for (int i = 0; i < n && walk.addElement(list, Array.get(array, i), depth); i++) {
                // added by the condition
            }
        }
    }

    /** A JDK map of {@link JdkContainers}' allow-list, through its own (lock-free, JDK-only) entry iterator. */
    static void map(Walk walk, MapSnapshot m, Map<?, ?> map, int depth) {
        int size = map.size();
        int max = walk.settings().maxElements;
        boolean more = true;
        try {
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            int index = 0;
            while ((more = it.hasNext()) && index < max) {
                Map.Entry<?, ?> e = it.next();
                if (!walk.putEntry(m, JdkValues.mapKey(e.getKey(), index), e.getValue(), depth)) {
                    break;
                }
                index++;
            }
        } catch (Throwable t) {
            m.entries.put(Texts.ELLIPSIS + "failed", new Marker(Marker.Reason.FAILED, null, t.getClass().getName()));
        }
        m.totalSize = more ? Math.max(size, m.entries.size() + 1) : m.entries.size();
    }

    /**
     * Gson's LinkedTreeMap (inside every JsonObject, and what {@code gson.fromJson(json, Map.class)}
     * returns) is not a JDK class, so its iterator is application code. Its entries form a linked
     * list in insertion order, {@code header.next} … back to {@code header}, read here by fields.
     */
    static void gsonMap(Walk walk, MapSnapshot m, Object map, ClassLayout layout, int depth) throws Exception {
        Object header = layout.field("header").get(map);
        Field sizeField = layout.field("size");
        int size = sizeField == null ? -1 : ((Number) sizeField.get(map)).intValue();
        int max = walk.settings().maxElements;
        int index = 0;
        Object node = header == null ? null : ClassLayout.of(header.getClass()).field("next").get(header);
        // index < max also ends the loop on a list corrupted by a concurrent update.
        while (node != null && node != header && index < max) {
            ClassLayout nodeLayout = ClassLayout.of(node.getClass());
            Object key = nodeLayout.field("key").get(node);
            Object value = nodeLayout.field("value").get(node);
            if (!walk.putEntry(m, JdkValues.mapKey(key, index), value, depth)) {
                break;
            }
            index++;
            node = nodeLayout.field("next").get(node);
        }
        boolean more = node != null && node != header;
        m.totalSize = Math.max(size, more ? m.entries.size() + 1 : m.entries.size());
    }

    /**
     * A Vector or Stack, or an application's subclass of ArrayList, by its fields ({@code elementData}
     * and its count), without entering its monitor or running an overridden method: another thread
     * may be changing it, so the read may be torn (an element counted but not yet stored shows as
     * null), never blocked.
     */
    static void vector(Walk walk, ListSnapshot list, Object vector, ClassLayout layout, int depth) throws Exception {
        Object[] data = (Object[]) layout.field("elementData").get(vector);
        int count = layout.sizeField().getInt(vector);
        int n = data == null ? 0 : Math.min(Math.min(count, data.length), walk.settings().maxElements);
        list.totalSize = Math.max(count, 0);
        for (int i = 0; i < n && walk.addElement(list, data[i], depth); i++) {
            // added by the condition
        }
    }

    /**
     * A Hashtable, or an application's subclass of HashMap, by its fields ({@code table} of entry
     * chains, its count), in the order Hashtable's enumeration uses (last bucket first), without
     * entering its monitor or running an overridden method. A rehash running meanwhile
     * may show an entry twice or miss one; the walk is bounded whatever the chains look like.
     */
    static void hashtable(Walk walk, MapSnapshot m, Object table, ClassLayout layout, int depth) throws Exception {
        Object[] buckets = (Object[]) layout.field("table").get(table);
        int count = layout.sizeField().getInt(table);
        int max = walk.settings().maxElements;
        int index = 0;
        long steps = 0;
        long maxSteps = (buckets == null ? 0 : buckets.length) + 4L * max;
        ClassLayout entryLayout = null;
        for (int b = buckets == null ? -1 : buckets.length - 1; b >= 0 && index < max; b--) {
            for (Object e = buckets[b]; e != null && index < max && steps++ < maxSteps; ) {
                if (entryLayout == null) {
                    entryLayout = ClassLayout.of(e.getClass());
                }
                Object key = entryLayout.field("key").get(e);
                if (!walk.putEntry(m, JdkValues.mapKey(key, index), entryLayout.field("value").get(e), depth)) {
                    m.totalSize = Math.max(count, m.entries.size() + 1);
                    return;
                }
                index++;
                e = entryLayout.field("next").get(e);
            }
        }
        m.totalSize = Math.max(count, m.entries.size());
    }

    /**
     * A StringBuffer's text by its fields ({@code value}, {@code coder}, {@code count}), without
     * entering its monitor: Latin-1 bytes, or UTF-16 chars in the platform's byte order (coder 1;
     * always so with -XX:-CompactStrings). At most {@code maxChars} chars are decoded; a torn read
     * is clamped to the array it read.
     */
    static String stringBuffer(Object buffer, ClassLayout layout, int maxChars) throws Exception {
        Object value = layout.field("value").get(buffer);
        int coder = layout.field("coder").getByte(buffer);
        int count = layout.field("count").getInt(buffer);
        if (value instanceof char[]) {
            char[] chars = (char[]) value;
            return JdkValues.text(java.util.Arrays.copyOf(chars, Math.max(0, Math.min(count, chars.length))), maxChars);
        }
        byte[] bytes = (byte[]) value;
        int length = Math.max(0, Math.min(count, bytes.length >> coder));
        int keep = Math.min(length, maxChars);
        String head;
        if (coder == 0) {
            head = new String(bytes, 0, keep, StandardCharsets.ISO_8859_1);
        } else {
            boolean big = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
            char[] chars = new char[keep];
            for (int i = 0; i < keep; i++) {
                int hi = bytes[2 * i + (big ? 0 : 1)] & 0xff;
                int lo = bytes[2 * i + (big ? 1 : 0)] & 0xff;
                chars[i] = (char) (hi << 8 | lo);
            }
            head = new String(chars);
        }
        return length <= maxChars ? head : JdkValues.cutText(head, length, maxChars);
    }
}
