package dev.agentdbg.analyzer.bundle;

import dev.agentdbg.analyzer.model.MethodInfo;

/** Source paths as a build lays them out ({@code com/acme/Foo.java}), guessed from class names and file names. */
final class Sources {

    private static final String[] PLATFORM = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.agentdbg.",
        "kotlin.", "scala."};

    private Sources() {
    }

    /** The source of an instrumented method: its class's package as folders and the file its record names. */
    static String ofMethod(MethodInfo m) {
        if (m.isUnknown()) {
            return null;
        }
        String file = m.file() != null ? m.file() : outerSimpleName(m.className()) + ".java";
        return path(m.className(), file);
    }

    /**
     * The source of a stack frame such as {@code com.acme.Foo.run(Foo.java:61)}, or {@code null} for a frame of the
     * JDK, of agentdbg itself, or without a file.
     */
    static String ofFrame(String frame) {
        int paren = frame.indexOf('(');
        int close = frame.lastIndexOf(')');
        if (paren <= 0 || close < paren) {
            return null;
        }
        String where = frame.substring(0, paren);
        String location = frame.substring(paren + 1, close);
        int colon = location.indexOf(':');
        String file = colon < 0 ? location : location.substring(0, colon);
        if (!file.contains(".") || file.startsWith("Unknown") || file.startsWith("Native")) {
            return null;
        }
        // a module prefix such as "java.base/" comes before the class
        int slash = where.lastIndexOf('/');
        String qualified = slash < 0 ? where : where.substring(slash + 1);
        int dot = qualified.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String className = qualified.substring(0, dot);
        for (String p : PLATFORM) {
            if (className.startsWith(p)) {
                return null;
            }
        }
        return path(className, file);
    }

    private static String path(String className, String file) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? file : className.substring(0, dot).replace('.', '/') + "/" + file;
    }

    private static String outerSimpleName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        return dollar < 0 ? simple : simple.substring(0, dollar);
    }

    /** {@code WebSearchTool.java:61} of a frame, or {@code null}. */
    static String fileLine(String frame) {
        int paren = frame.indexOf('(');
        int close = frame.lastIndexOf(')');
        return paren < 0 || close < paren ? null : frame.substring(paren + 1, close);
    }
}
