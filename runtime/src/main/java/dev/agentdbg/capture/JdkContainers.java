package dev.agentdbg.capture;

import java.util.Set;

/**
 * How the walker reads each JDK collection and map without running application code or taking a
 * monitor. Three groups, by exact class name (a subclass is not one of them: its overrides are
 * application code):
 *
 * <ul>
 *   <li>read through their own methods ({@link #byMethods}): JDK implementations whose
 *       {@code size()}, {@code isEmpty()}, {@code iterator()} and entry accessors only read the
 *       collection's own fields. None synchronizes or locks (ConcurrentHashMap and the copy-on-write
 *       and concurrent queues read lock-free), and iteration never calls an element's
 *       {@code hashCode}, {@code equals} or a comparator (HashMap walks its table, TreeMap its
 *       successor links);</li>
 *   <li>wrappers ({@link #innerField}): {@code Collections.unmodifiable*}, {@code synchronized*},
 *       {@code checked*}, {@code newSetFromMap}, {@code asLifoQueue} and {@code Properties} are
 *       captured as the collection they hold, read from their field, so a wrapped application
 *       collection is walked by its fields like any application object, and a synchronized
 *       wrapper's mutex is never entered;</li>
 *   <li>synchronized classes read by their fields ({@code Vector}, {@code Stack}, {@code Hashtable},
 *       {@code StringBuffer}): every method of theirs takes the object's monitor.</li>
 * </ul>
 *
 * Every other JDK collection (views of application maps, sub-lists of application lists, blocking
 * queues that lock, WeakHashMap, which locks its reference queue) is walked by its fields like any
 * object, or marked unreadable when the module system hides them.
 */
public final class JdkContainers {
    private static final Set<String> BY_METHODS = Set.of(
            "java.util.ArrayList", "java.util.ArrayList$SubList", "java.util.LinkedList", "java.util.ArrayDeque",
            "java.util.PriorityQueue", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.IdentityHashMap",
            "java.util.EnumMap", "java.util.RegularEnumSet", "java.util.JumboEnumSet",
            "java.util.HashMap$KeySet", "java.util.HashMap$Values", "java.util.HashMap$EntrySet",
            "java.util.LinkedHashMap$LinkedKeySet", "java.util.LinkedHashMap$LinkedValues",
            "java.util.LinkedHashMap$LinkedEntrySet", "java.util.TreeMap$Values", "java.util.TreeMap$EntrySet",
            "java.util.Arrays$ArrayList", "java.util.Collections$EmptyList", "java.util.Collections$EmptySet",
            "java.util.Collections$EmptyMap", "java.util.Collections$SingletonList",
            "java.util.Collections$SingletonSet", "java.util.Collections$SingletonMap",
            "java.util.Collections$CopiesList",
            "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$SubList", "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Map1",
            "java.util.ImmutableCollections$MapN",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$KeySetView",
            "java.util.concurrent.ConcurrentHashMap$ValuesView", "java.util.concurrent.ConcurrentHashMap$EntrySetView",
            "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.CopyOnWriteArrayList",
            "java.util.concurrent.CopyOnWriteArraySet", "java.util.concurrent.ConcurrentLinkedQueue",
            "java.util.concurrent.ConcurrentLinkedDeque");

    private JdkContainers() {
    }

    /** Whether a JDK collection or map class may be read through its own methods (see above). */
    public static boolean byMethods(Class<?> c) {
        return BY_METHODS.contains(c.getName());
    }

    /**
     * The field holding what a JDK wrapper wraps, or null when {@code c} is no wrapper. TreeSet is
     * one too: it is read by methods only when its map is a TreeMap (a subSet's map is a view whose
     * iteration calls the comparator), see {@link ClassLayout#guard}.
     */
    static String innerField(Class<?> c) {
        String n = c.getName();
        if (n.equals("java.util.Properties")) {
            return "map"; // since JDK 9 its entries live in a ConcurrentHashMap, not in the Hashtable
        }
        if (n.equals("java.util.TreeSet")) {
            return "m";
        }
        if (!n.startsWith("java.util.Collections$")) {
            return null;
        }
        String simple = n.substring("java.util.Collections$".length());
        if (simple.equals("SetFromMap") || simple.equals("SequencedSetFromMap")) {
            return "s"; // the map's keySet, taken when the set was made
        }
        if (simple.equals("AsLIFOQueue")) {
            return "q";
        }
        if (simple.indexOf('$') >= 0) {
            return null; // a wrapper's own views and entries: read by fields
        }
        if (simple.startsWith("Unmodifiable") || simple.startsWith("Synchronized") || simple.startsWith("Checked")) {
            return simple.endsWith("Map") ? "m" : "c";
        }
        return null;
    }

    /** Classes whose methods all take the object's monitor: read by fields, see {@link Containers}. */
    static ClassLayout.Kind lockedKind(Class<?> c) {
        if (c == java.util.Vector.class || c == java.util.Stack.class) {
            return ClassLayout.Kind.VECTOR;
        }
        if (c == java.util.Hashtable.class) {
            return ClassLayout.Kind.HASHTABLE;
        }
        if (c == StringBuffer.class) {
            return ClassLayout.Kind.STRING_BUFFER;
        }
        return null;
    }
}
