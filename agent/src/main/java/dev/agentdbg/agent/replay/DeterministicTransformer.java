package dev.agentdbg.agent.replay;

import dev.agentdbg.agent.instrument.ClassBytes;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.replay.determinism.Deterministic;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.utility.OpenedClassReader;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the deterministic call sites of the application's classes as they load: only classes in
 * the configured packages, never the JDK's nor ours, and only those whose constant pool names one of
 * the calls (a byte search, before any parsing). Added without retransformation, so the JVM runs it
 * before the tracing transformer, on the class's original bytes.
 */
final class DeterministicTransformer implements ClassFileTransformer {
    /** Never rewritten, whatever the packages say: our own code, the shaded libraries, the JDK. */
    private static final List<String> NEVER = List.of("dev/agentdbg/", "java/", "javax/", "jdk/", "sun/", "com/sun/");

    private final Instrumentation instrumentation;
    private final List<String> packages;
    private final boolean unnamedPackage;
    private final Set<String> kinds;
    private final byte[][] needles;

    /**
     * @param packages package (or class) names in internal form; the empty string for the unnamed package
     * @param kinds    {@code time}, {@code random}, {@code uuid}
     */
    DeterministicTransformer(Instrumentation instrumentation, List<String> packages, Set<String> kinds) {
        this.instrumentation = instrumentation;
        this.packages = packages.stream().filter(p -> !p.isEmpty()).toList();
        this.unnamedPackage = packages.contains("");
        this.kinds = Set.copyOf(kinds);
        List<String> words = new ArrayList<>();
        if (kinds.contains("time")) {
            words.addAll(List.of("currentTimeMillis", "nanoTime", "java/time/Instant", "java/time/LocalDateTime"));
        }
        if (kinds.contains("uuid")) {
            words.add("randomUUID");
        }
        if (kinds.contains("random")) {
            words.addAll(List.of("java/util/Random", "java/util/concurrent/ThreadLocalRandom", "java/lang/Math"));
        }
        needles = words.stream().map(w -> w.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /** Whether a class of this internal name is the application's, in the configured packages. */
    boolean covers(String internalName) {
        for (String never : NEVER) {
            if (internalName.startsWith(never)) {
                return false;
            }
        }
        if (unnamedPackage && internalName.indexOf('/') < 0) {
            return true;
        }
        for (String p : packages) {
            if (internalName.startsWith(p) && (internalName.length() == p.length()
                    || internalName.charAt(p.length()) == '/' || internalName.charAt(p.length()) == '$')) {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classBytes) {
        if (loader == null || internalName == null || classBytes == null || classBeingRedefined != null) {
            return null;
        }
        try {
            if (!covers(internalName) || !mentionsAny(classBytes)) {
                return null;
            }
            byte[] rewritten = rewrite(internalName, classBytes, kinds);
            Module runtime = Deterministic.class.getModule();
            if (rewritten != null && module != null && module.isNamed() && !module.canRead(runtime)
                    && instrumentation != null) {
                // a named module reads only what it declares; its rewritten calls need the runtime's module
                instrumentation.redefineModule(module, Set.of(runtime), Map.of(), Map.of(), Set.of(), Map.of());
            }
            return rewritten;
        } catch (Throwable t) {
            AgentCounters.transformFailure(internalName.replace('/', '.'), t);
            return null;
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classBytes) {
        return transform(null, loader, internalName, classBeingRedefined, protectionDomain, classBytes);
    }

    /** The class with its call sites of {@code kinds} rewritten, or null when it has none. */
    static byte[] rewrite(String internalName, byte[] classBytes, Set<String> kinds) {
        ClassReader reader = OpenedClassReader.of(classBytes);
        // No frames are computed: nothing branches into the few instructions a rewrite puts in place of a call.
        ClassWriter writer = new ClassWriter(reader, 0);
        CallSiteRewriter rewriter = new CallSiteRewriter(writer, internalName.replace('/', '.'), kinds,
                Deterministic::register);
        reader.accept(rewriter, 0);
        return rewriter.rewritten() == 0 ? null : writer.toByteArray();
    }

    private boolean mentionsAny(byte[] classBytes) {
        for (byte[] needle : needles) {
            if (ClassBytes.indexOf(classBytes, needle) >= 0) {
                return true;
            }
        }
        return false;
    }
}
