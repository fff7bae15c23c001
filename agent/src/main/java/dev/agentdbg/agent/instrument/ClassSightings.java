package dev.agentdbg.agent.instrument;

import dev.agentdbg.runtime.ClassNotes;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Notes a class the agent saw near a rule ({@link ClassNotes}), with the method names its class
 * file declares, read with ASM without loading or running anything of the class. Runs at class-load
 * time only, after {@link ClassNotes#reserve()} allowed it, and never lets a fault out.
 */
final class ClassSightings {
    private ClassSightings() {
    }

    /**
     * Loads ASM's reader and the notes before the transformer is registered, so a class noted while
     * the application loads its own never makes the JVM load ours inside a transformation.
     */
    static void warmUp() {
        try (java.io.InputStream in = ClassSightings.class.getResourceAsStream("ClassSightings.class")) {
            declaredMethods(in == null ? null : in.readAllBytes(), new ArrayList<>());
            ClassNotes.notNoted();
        } catch (Throwable t) {
            // only a warm-up: the notes work without it, at worst a little later
        }
    }

    static void note(String internalName, byte[] classBytes, String outcome, List<String> rules, String reason) {
        try {
            if (rules.isEmpty() || !ClassNotes.reserve()) {
                return;
            }
            List<String> methods = new ArrayList<>();
            int more = declaredMethods(classBytes, methods);
            ClassNotes.add(new ClassNotes.Note(internalName.replace('/', '.'), outcome, List.copyOf(rules), reason,
                    methods, more));
        } catch (Throwable t) {
            // a class file ASM cannot read is noted nowhere; the class itself loads as it would
        }
    }

    /** Fills {@code into} with distinct method names; @return how many were left out past the cap. */
    private static int declaredMethods(byte[] classBytes, List<String> into) {
        if (classBytes == null) {
            return 0;
        }
        Set<String> names = new LinkedHashSet<>();
        new ClassReader(classBytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if ((access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) == 0 && !name.startsWith("<")) {
                    names.add(name);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        int more = 0;
        for (String n : names) {
            if (into.size() < ClassNotes.MAX_METHODS) {
                into.add(n);
            } else {
                more++;
            }
        }
        return more;
    }
}
