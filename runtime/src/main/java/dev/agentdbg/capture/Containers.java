package dev.agentdbg.capture;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
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

    /** A JDK collection, through its JDK iterator. */
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

    /** A JDK map, through its JDK entry iterator. */
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
}
