package dev.agentdbg.agent.replay;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads the agent's adapters for JDK modules outside java.base (java.net.http, jdk.httpserver) under the platform
 * class loader. The rest of the agent sits on the bootstrap class path, whose classes cannot see
 * those modules; the classes of {@code packagePrefix} are defined here instead (their bytes read from
 * the agent jar), everything else is delegated (platform loader, then bootstrap: the agent's own
 * classes, so they are shared, not copied).
 */
public final class PlatformSideLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final String packagePrefix;

    public PlatformSideLoader(String packagePrefix) {
        super("agentdbg-" + packagePrefix, ClassLoader.getPlatformClassLoader());
        this.packagePrefix = packagePrefix;
    }

    /**
     * Child-first for {@code packagePrefix}. No lock of ours: {@link #preloadAll} defines every class
     * of the package at start-up, on the agent's thread, so the JVM finds them already loaded and an
     * application thread never gets here for them; a racing second definition is answered with the first.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix)) {
            return super.loadClass(name, resolve);
        }
        Class<?> c = findLoadedClass(name);
        if (c == null) {
            try {
                c = findClass(name);
            } catch (LinkageError raced) {
                c = findLoadedClass(name);
                if (c == null) {
                    throw raced;
                }
            }
        }
        if (resolve) {
            resolveClass(c);
        }
        return c;
    }

    /** Defines every class of the package now, from the agent jar's entries, and returns how many. */
    public int preloadAll() throws IOException, ClassNotFoundException {
        String dir = packagePrefix.replace('.', '/');
        java.net.URL anchor = ClassLoader.getSystemResource(dir);
        if (anchor == null || !(anchor.openConnection() instanceof java.net.JarURLConnection jar)) {
            return 0;
        }
        jar.setUseCaches(false);
        int n = 0;
        try (java.util.jar.JarFile file = jar.getJarFile()) {
            for (java.util.Enumeration<java.util.jar.JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                String entry = e.nextElement().getName();
                if (entry.startsWith(dir) && entry.endsWith(".class") && entry.indexOf('/', dir.length()) < 0) {
                    loadClass(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'), false);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The agent's class files, found where {@code -javaagent} put its jar: the system class path (the
     * bootstrap loader, reached through the platform loader, does not serve resources of appended
     * jars). ByteBuddy's type pools read supertypes of the classes defined here through this.
     */
    @Override
    public java.net.URL getResource(String name) {
        if (name.startsWith("dev/agentdbg/")) {
            java.net.URL url = ClassLoader.getSystemResource(name);
            if (url != null) {
                return url;
            }
        }
        return super.getResource(name);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) { // the jar -javaagent put there
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
