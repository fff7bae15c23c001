package dev.agentdbg.replay;

import dev.agentdbg.bootstrap.AgentCounters;

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

    // Each entry counts its own faults: the advice suppresses what escapes, which would hide them.
    // ReplayException never escapes: the adapter hands it over inside a ReplayedHttpCall.

    public static Object begin(Object request) {
        Hook h = hook;
        try {
            return h == null ? null : h.begin(request);
        } catch (Throwable t) {
            AgentCounters.internalError("java.net.http-begin", t);
            return null;
        }
    }

    public static Object handler(Object call, Object handler) {
        Hook h = hook;
        try {
            return h == null || call == null ? handler : h.handler(call, handler);
        } catch (Throwable t) {
            AgentCounters.internalError("java.net.http-handler", t);
            return handler;
        }
    }

    public static void sent(Object call, Throwable thrown) {
        Hook h = hook;
        if (h != null && call != null) {
            try {
                h.sent(call, thrown);
            } catch (Throwable t) {
                AgentCounters.internalError("java.net.http-sent", t);
            }
        }
    }

    public static void sentAsync(Object call, Object future, Throwable thrown) {
        Hook h = hook;
        if (h != null && call != null) {
            try {
                h.sentAsync(call, future, thrown);
            } catch (Throwable t) {
                AgentCounters.internalError("java.net.http-sentAsync", t);
            }
        }
    }
}
