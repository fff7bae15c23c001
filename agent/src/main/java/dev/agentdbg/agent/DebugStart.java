package dev.agentdbg.agent;

import dev.agentdbg.agent.replay.PlatformSideLoader;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.runtime.TraceSession;
import dev.agentdbg.runtime.TraceTap;
import dev.agentdbg.runtime.debug.DebugFeed;
import dev.agentdbg.runtime.debug.DebugSession;
import dev.agentdbg.runtime.debug.DebugSettings;
import dev.agentdbg.runtime.debug.feed.LiveFeed;

/**
 * Starts the live debugger: the session (breakpoints armed, shutdown hook), its events (the trace's
 * {@code debug} records and the live feed, which also gets every trace line the drainer writes) and its web
 * server. The server uses jdk.httpserver, a module of the platform loader that the agent's bootstrap-loaded
 * classes cannot see, so its package is defined under the platform loader (as the java.net.http adapters
 * are). Any failure leaves the application running, with one line saying the debugger is off.
 */
final class DebugStart {
    private static final String SERVER_PACKAGE = "dev.agentdbg.runtime.debug.http.";
    /** At JVM shutdown, how long the live pages get to hear "ended" before the JVM halts. */
    private static final long ENDED_WAIT_MILLIS = 1_000;

    private DebugStart() {
    }

    static void start(DebugSettings settings, MethodRegistry registry, TraceSession trace) {
        LiveFeed live = LiveFeed.sized();
        DebugFeed feed = new DebugFeed(registry::get, live, w -> System.err.println("[agentdbg] debugger: " + w));
        DebugSession session = DebugSession.start(settings, registry::get, feed);
        feed.attach(session);
        TraceTap.install(live::record);
        // Paused threads are released (and that is said) before the last records are drained; the pages
        // hear "ended" after them.
        trace.beforeEnd(session::end);
        trace.afterEnd(() -> feed.ended(ENDED_WAIT_MILLIS));
        try {
            PlatformSideLoader loader = new PlatformSideLoader(SERVER_PACKAGE);
            loader.preloadAll();
            Object server = loader.loadClass(SERVER_PACKAGE + "DebugServer")
                    .getMethod("start", DebugSettings.class, DebugSession.class, DebugFeed.class)
                    .invoke(null, settings, session, feed);
            String url = (String) server.getClass().getMethod("url").invoke(server);
            System.err.println("[agentdbg] live debugger: " + url + " (" + settings.breakpoints().size()
                    + (settings.breakpoints().size() == 1 ? " breakpoint)" : " breakpoints)"));
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                    ? t.getCause() : t;
            session.close(); // no page can ever connect: nothing may pause
            TraceTap.install(null);
            live.clear();
            System.err.println("[agentdbg] the live debugger could not start (" + cause.getMessage()
                    + "); the application runs without it");
        }
    }
}
