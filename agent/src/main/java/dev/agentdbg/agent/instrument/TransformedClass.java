package dev.agentdbg.agent.instrument;

/**
 * The class file being transformed on this thread, handed from {@link AgentTransformer} to the
 * ByteBuddy matcher and transformer it calls on the same thread: they read method bodies from it
 * (accessors, a tool's constant name), which ByteBuddy's type descriptions do not show.
 */
final class TransformedClass {
    private static final ThreadLocal<Object[]> CURRENT = new ThreadLocal<>();

    private TransformedClass() {
    }

    static void set(String internalName, byte[] classBytes) {
        CURRENT.set(new Object[] {internalName, classBytes, null, null});
    }

    /** ByteBuddy's listener saw the transformation fail; the transformer notes why in the class's record. */
    static void failed(Throwable fault) {
        Object[] current = CURRENT.get();
        if (current != null) {
            current[3] = String.valueOf(fault);
        }
    }

    /** Why the transformation on this thread failed, or null. */
    static String failure() {
        Object[] current = CURRENT.get();
        return current == null ? null : (String) current[3];
    }

    static void clear() {
        CURRENT.remove();
    }

    /**
     * The method bodies of {@code binaryName} when it is the class being transformed, read once;
     * null when it is not, or when its bytes cannot be read.
     */
    static MethodBodies bodiesOf(String binaryName) {
        Object[] current = CURRENT.get();
        if (current == null || !binaryName.replace('.', '/').equals(current[0])) {
            return null;
        }
        if (current[2] == null) {
            try {
                current[2] = MethodBodies.read((byte[]) current[1]);
            } catch (RuntimeException e) {
                current[2] = e; // not readable: answered as unknown from now on
            }
        }
        return current[2] instanceof MethodBodies ? (MethodBodies) current[2] : null;
    }
}
