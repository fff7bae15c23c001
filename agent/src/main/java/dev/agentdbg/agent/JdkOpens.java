package dev.agentdbg.agent;

import dev.agentdbg.capture.ObjectWalker;

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens the two java.base packages whose fields payload capture reads to the agent's own
 * (bootstrap, unnamed) module, through {@link Instrumentation#redefineModule}: without them, capture
 * would have to call methods that take the application's monitors (Vector, Hashtable, StringBuffer)
 * or that wrapped application objects (Collections.unmodifiable*, synchronized*) forward to. Only
 * the agent's module gains access; the application sees no change.
 */
final class JdkOpens {
    /** java.util: Vector, Hashtable, the Collections wrappers; java.lang: StringBuffer's chars. */
    private static final String[] PACKAGES = {"java.util", "java.lang"};

    private JdkOpens() {
    }

    /** @return null when done, else why not (capture then marks those objects unreadable) */
    static String openForCapture(Instrumentation instrumentation) {
        try {
            Module base = Object.class.getModule();
            Module agent = ObjectWalker.class.getModule();
            Map<String, Set<Module>> opens = new HashMap<>();
            for (String p : PACKAGES) {
                if (!base.isOpen(p, agent)) {
                    opens.put(p, Set.of(agent));
                }
            }
            if (!opens.isEmpty()) {
                instrumentation.redefineModule(base, Set.of(), Map.of(), opens, Set.of(), Map.of());
            }
            return null;
        } catch (Throwable t) {
            return t.getClass().getName() + ": " + t.getMessage();
        }
    }
}
