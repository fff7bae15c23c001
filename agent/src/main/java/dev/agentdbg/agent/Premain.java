package dev.agentdbg.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The {@code -javaagent} entry point: a shim that puts the agent jar on the bootstrap class path,
 * then starts the real installer from there.
 *
 * <p>Advice is inlined into classes of every class loader and calls {@code Spans}; only the
 * bootstrap loader is visible from all of them. The whole jar goes there (its third-party code is
 * relocated under {@code dev.agentdbg.shaded}), and this class touches nothing else of the agent
 * until it has (except {@link OffSwitch}, which only it uses), so no agent class is ever loaded twice.
 */
public final class Premain {
    private static final String INSTALLER = "dev.agentdbg.agent.AgentInstaller";

    private Premain() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static void start(String args, Instrumentation inst) {
        try {
            // Decided before the append: a disabled agent must not cost the boot class path entry
            // (start-up time, and JDK 17's CDS warning line) nor load any other agent class.
            String offBy = OffSwitch.offBy(args, System.getProperties(), System.getenv());
            if (offBy != null) {
                // String.concat, not '+': indy string concatenation would spin up method handles (~15 ms)
                System.err.println("[agentdbg] disabled (agentdbg.enabled=false, ".concat(offBy)
                        .concat("); nothing is instrumented"));
                return;
            }
            File jar = new File(Premain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            Class.forName(INSTALLER, true, null)
                    .getMethod("install", String.class, Instrumentation.class)
                    .invoke(null, args, inst);
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                    ? t.getCause() : t;
            System.err.println("[agentdbg] could not start, the application runs without tracing: " + cause);
        }
    }
}
