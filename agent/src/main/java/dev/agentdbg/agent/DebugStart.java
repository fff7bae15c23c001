package dev.agentdbg.agent;

import dev.agentdbg.agent.replay.PlatformSideLoader;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.runtime.debug.Breakpoints;
import dev.agentdbg.runtime.debug.DebugSession;
import dev.agentdbg.runtime.debug.DebugSettings;
import dev.agentdbg.runtime.debug.PauseBoard;

/**
 * Starts the live debugger: the session (breakpoints armed, shutdown hook) and its web server. The
 * server uses jdk.httpserver, a module of the platform loader that the agent's bootstrap-loaded classes
 * cannot see, so its package is defined under the platform loader (as the java.net.http adapters are).
 * Any failure leaves the application running, with one line saying the debugger is off.
 */
final class DebugStart {
    private static final String SERVER_PACKAGE = "dev.agentdbg.runtime.debug.http.";

    private DebugStart() {
    }

    static void start(DebugSettings settings, MethodRegistry registry) {
        DebugSession session = DebugSession.start(settings, registry::get,
                w -> System.err.println("[agentdbg] debugger: " + w), null);
        try {
            PlatformSideLoader loader = new PlatformSideLoader(SERVER_PACKAGE);
            loader.preloadAll();
            Object server = loader.loadClass(SERVER_PACKAGE + "DebugServer")
                    .getMethod("start", DebugSettings.class, PauseBoard.class, Breakpoints.class)
                    .invoke(null, settings, session.board(), session.breakpoints());
            String url = (String) server.getClass().getMethod("url").invoke(server);
            System.err.println("[agentdbg] live debugger: " + url + " (" + settings.breakpoints().size()
                    + (settings.breakpoints().size() == 1 ? " breakpoint)" : " breakpoints)"));
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                    ? t.getCause() : t;
            session.close(); // no page can ever connect: nothing may pause
            System.err.println("[agentdbg] the live debugger could not start (" + cause.getMessage()
                    + "); the application runs without it");
        }
    }
}
