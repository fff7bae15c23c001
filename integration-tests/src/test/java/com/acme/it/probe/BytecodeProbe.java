package com.acme.it.probe;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * A second Java agent for tests: saves the final bytes of the named classes as the JVM is about to
 * define them, i.e. after agentdbg's transformer (registered earlier) has run.
 * Agent arguments: {@code <output dir>;<class>;<class>...} with internal names.
 */
public final class BytecodeProbe {
    private BytecodeProbe() {
    }

    public static void premain(String args, Instrumentation inst) {
        String[] parts = args.split(";");
        Path out = Path.of(parts[0]);
        Set<String> names = Set.copyOf(java.util.Arrays.asList(parts).subList(1, parts.length));
        // Retransformation-capable like agentdbg's, so the JVM calls it after agentdbg's.
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                                    ProtectionDomain domain, byte[] bytes) {
                if (className != null && names.contains(className)) {
                    try {
                        Files.createDirectories(out);
                        Files.write(out.resolve(className.replace('/', '.') + ".class"), bytes);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return null;
            }
        }, true);
    }
}
