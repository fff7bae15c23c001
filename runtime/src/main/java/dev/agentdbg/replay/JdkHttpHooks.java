package dev.agentdbg.replay;

/**
 * What the advice in {@code java.net.http}'s client calls, typed {@code Object} throughout: this class
 * is on the bootstrap class path, which cannot see {@code java.net.http} (a platform loader module).
 * The adapter that uses those types ({@code dev.agentdbg.replay.http}) is loaded by a loader under the
 * platform loader at start-up and installs itself here; until then every call is a no-op.
 */
public final class JdkHttpHooks {
    /** The adapter's side. */
    public interface Hook {
        /** An exchange to record into, a {@link ReplayedHttpCall}, or null (not an LLM call, or live). */
        Object begin(Object request);

        /** The body handler the real call gets. */
        Object handler(Object call, Object handler);

        void sent(Object call, Throwable thrown);

        void sentAsync(Object call, Object future, Throwable thrown);
    }

    private static volatile Hook hook;

    private JdkHttpHooks() {
    }

    public static void install(Hook h) {
        hook = h;
    }

    public static Object begin(Object request) {
        Hook h = hook;
        return h == null ? null : h.begin(request);
    }

    public static Object handler(Object call, Object handler) {
        Hook h = hook;
        return h == null || call == null ? handler : h.handler(call, handler);
    }

    public static void sent(Object call, Throwable thrown) {
        Hook h = hook;
        if (h != null && call != null) {
            h.sent(call, thrown);
        }
    }

    public static void sentAsync(Object call, Object future, Throwable thrown) {
        Hook h = hook;
        if (h != null && call != null) {
            h.sentAsync(call, future, thrown);
        }
    }
}
