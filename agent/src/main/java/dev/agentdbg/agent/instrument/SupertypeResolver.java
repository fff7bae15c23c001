package dev.agentdbg.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "does this class extend or implement X, directly or not?" from class file headers,
 * reading supertypes' bytes as resources of the class's loader (never loading a class). Headers
 * read are cached per class loader.
 */
final class SupertypeResolver {
    private static final String[] UNKNOWN = new String[0];

    /** loader -> internal name -> direct supertypes (super class first); UNKNOWN when unreadable */
    private final Map<ClassLoader, Map<String, String[]>> headers = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @return true if the class is a subtype of {@code target}, or if part of its hierarchy could not
     *         be read (the precise matcher then decides)
     */
    boolean mayBeSubtype(byte[] classBytes, ClassLoader loader, String target) {
        String[] direct = directSupertypes(new ClassReader(classBytes));
        return search(direct, loader, target, new HashSet<>(), 0);
    }

    private boolean search(String[] types, ClassLoader loader, String target, Set<String> seen, int depth) {
        if (depth > 64) {
            return true; // absurd depth: let the precise matcher decide
        }
        for (String type : types) {
            if (type == null || !seen.add(type)) {
                continue;
            }
            if (type.equals(target)) {
                return true;
            }
            if (type.equals("java/lang/Object") || (type.startsWith("java/") && !target.startsWith("java/"))) {
                continue; // JDK types never implement application types
            }
            String[] parents = supertypesOf(type, loader);
            if (parents == UNKNOWN || search(parents, loader, target, seen, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private String[] supertypesOf(String type, ClassLoader loader) {
        Map<String, String[]> cache = headers.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        String[] cached = cache.get(type);
        if (cached != null) {
            return cached;
        }
        String[] read = read(type, loader);
        cache.put(type, read);
        return read;
    }

    private static String[] read(String type, ClassLoader loader) {
        byte[] bytes = classFile(loader, type);
        try {
            return bytes == null ? UNKNOWN : directSupertypes(new ClassReader(bytes));
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }

    /**
     * The class file of a class ({@code com.acme.Tool} or {@code com/acme/Tool}) as {@code loader}
     * sees it, read as a resource so the class is never loaded; null when there is none.
     */
    static byte[] classFile(ClassLoader loader, String name) {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String[] directSupertypes(ClassReader reader) {
        String[] interfaces = reader.getInterfaces();
        String[] all = new String[interfaces.length + 1];
        all[0] = reader.getSuperName();
        System.arraycopy(interfaces, 0, all, 1, interfaces.length);
        return all;
    }
}
