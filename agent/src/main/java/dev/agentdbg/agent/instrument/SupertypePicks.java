package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Rule;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a supertype's declared methods a {@code subtypeOf} rule without {@code methods} picks:
 * its instance methods, except the accessors an agent calls around the real work ({@code name()},
 * {@code getDescription()}, {@code spec()}, {@code toString()} ...), which would otherwise become
 * spans of their own. Also says so: at start-up from the supertype's class file read as a resource
 * (never loading it), or, when it is not visible then, at the first class the rule matches.
 */
final class SupertypePicks {
    /**
     * Words that, as the whole name or its last camel-case word, mark a parameterless method as
     * an accessor: {@code name}, {@code toolName}, {@code parametersSchema}, {@code toolSpecification}.
     */
    static final List<String> ACCESSOR_WORDS = List.of("name", "id", "type", "version", "description",
            "spec", "specification", "schema", "parameters", "definition", "metadata");

    /** One declared method: its name and erased parameter types as binary names. */
    record Declared(String name, List<String> parameterTypes) {
        /** {@code execute(String)}, {@code run(Map,Object[])}: parameter types without their package. */
        String signature() {
            List<String> simple = new ArrayList<>();
            for (String p : parameterTypes) {
                simple.add(p.substring(p.lastIndexOf('.') + 1));
            }
            return name + "(" + String.join(",", simple) + ")";
        }
    }

    /** What a rule picks of a supertype's methods, and the accessors it leaves out. */
    record Picks(List<Declared> picked, List<Declared> skipped) {
        Set<String> names() {
            Set<String> names = new LinkedHashSet<>();
            picked.forEach(d -> names.add(d.name()));
            return names;
        }

        /** {@code execute(String), run(Map)}; the rule's {@code picks} in the trace. */
        String text() {
            return join(picked);
        }

        /** The line {@code verbose} prints: {@code rule tools (subtypeOf x.Tool) picks execute(String); ...}. */
        String describe(Rule rule) {
            String line = "rule " + rule.name() + " (subtypeOf " + rule.subtypeOf() + ") picks "
                    + (picked.isEmpty() ? "nothing" : text());
            return skipped.isEmpty() ? line : line + "; not the accessors " + join(skipped);
        }

        private static String join(List<Declared> methods) {
            List<String> signatures = new ArrayList<>();
            methods.forEach(d -> signatures.add(d.signature()));
            return String.join(", ", signatures);
        }
    }

    private SupertypePicks() {
    }

    /**
     * Whether a method the supertype declares is an accessor, never picked by default:
     * {@code toString()}, {@code hashCode()}, {@code equals(Object)}, and parameterless methods named
     * like a getter ({@code getX}, {@code isX}, {@code hasX}) or with one of {@link #ACCESSOR_WORDS}.
     */
    static boolean isAccessor(String name, List<String> parameterTypes) {
        if (name.equals("equals") && parameterTypes.equals(List.of("java.lang.Object"))) {
            return true;
        }
        if (!parameterTypes.isEmpty()) {
            return false;
        }
        if (name.equals("toString") || name.equals("hashCode") || name.equals("clone") || name.equals("finalize")) {
            return true;
        }
        if (startsWithWord(name, "get") || startsWithWord(name, "is") || startsWithWord(name, "has")) {
            return true;
        }
        for (String word : ACCESSOR_WORDS) {
            if (name.equals(word) || name.endsWith(Character.toUpperCase(word.charAt(0)) + word.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithWord(String name, String prefix) {
        return name.length() > prefix.length() && name.startsWith(prefix)
                && Character.isUpperCase(name.charAt(prefix.length()));
    }

    static Picks of(List<Declared> declared) {
        List<Declared> picked = new ArrayList<>();
        List<Declared> skipped = new ArrayList<>();
        for (Declared d : declared) {
            (isAccessor(d.name(), d.parameterTypes()) ? skipped : picked).add(d);
        }
        // Sorted: class files and reflection list methods in different orders.
        java.util.Comparator<Declared> bySignature = java.util.Comparator.comparing(Declared::signature);
        picked.sort(bySignature);
        skipped.sort(bySignature);
        return new Picks(picked, skipped);
    }

    /** The picks among the instance methods {@code supertype} declares (as ByteBuddy describes it). */
    static Picks of(TypeDefinition supertype) {
        List<Declared> declared = new ArrayList<>();
        for (MethodDescription m : supertype.getDeclaredMethods()) {
            if (m.isMethod() && !m.isStatic() && !m.isPrivate() && !m.isSynthetic() && !m.isBridge()) {
                declared.add(new Declared(m.getInternalName(), parameterTypes(m)));
            }
        }
        return of(declared);
    }

    /** Erased parameter types; {@code ?} for one whose type ByteBuddy cannot resolve (a missing class). */
    private static List<String> parameterTypes(MethodDescription m) {
        List<String> types = new ArrayList<>();
        for (var parameter : m.getParameters()) {
            String name;
            try {
                name = sourceName(parameter.getType().asErasure());
            } catch (RuntimeException e) {
                name = "?";
            }
            types.add(name);
        }
        return types;
    }

    /** The picks among the instance methods the class file declares. */
    static Picks ofClassFile(byte[] classBytes) {
        List<Declared> declared = new ArrayList<>();
        new ClassReader(classBytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                int excluded = Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE;
                if ((access & excluded) == 0 && !name.startsWith("<")) {
                    List<String> types = new ArrayList<>();
                    for (Type t : Type.getArgumentTypes(descriptor)) {
                        types.add(t.getClassName());
                    }
                    declared.add(new Declared(name, types));
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return of(declared);
    }

    /**
     * At start-up: the picks of every {@code subtypeOf} rule without {@code methods} whose supertype's
     * class file the application class loader can read, stored on the rule (for the run record) and
     * printed when {@code verbose}. The others are learnt at the first class they match.
     */
    static void resolveAtStartup(List<Rule> rules, boolean verbose) {
        for (Rule rule : rules) {
            if (!picksBySupertype(rule)) {
                continue;
            }
            Picks picks = null;
            try {
                byte[] bytes = SupertypeResolver.classFile(ClassLoader.getSystemClassLoader(), rule.subtypeOf());
                picks = bytes == null ? null : ofClassFile(bytes);
            } catch (RuntimeException | LinkageError e) {
                picks = null; // unreadable class file: learnt later, from the class that matches
            }
            if (picks != null) {
                rule.learnPicks(picks.text());
            }
            if (verbose) {
                System.err.println("[agentdbg] " + (picks != null ? picks.describe(rule)
                        : "rule " + rule.name() + " (subtypeOf " + rule.subtypeOf() + "): " + rule.subtypeOf()
                        + " is not on the class path at start-up; its picks are printed when a class of it is loaded"));
            }
        }
    }

    /** Whether the supertype's declared methods decide what the rule picks (no method glob). */
    static boolean picksBySupertype(Rule rule) {
        return rule.subtypeOf() != null && rule.methodGlob() == null;
    }

    /** {@code java.lang.Object[]}, {@code int}, {@code java.util.Map$Entry}: as a rule writes it. */
    static String sourceName(TypeDescription type) {
        return type.isArray() ? sourceName(type.getComponentType()) + "[]" : type.getName();
    }
}
