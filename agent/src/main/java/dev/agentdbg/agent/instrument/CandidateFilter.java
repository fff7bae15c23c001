package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Glob;
import dev.agentdbg.agent.rules.Rule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The cheap first look at every class the JVM loads: could any rule apply to it? Works on the raw
 * class bytes with name checks and byte searches, so ByteBuddy (slow to start, heavier per class)
 * only ever sees candidates. Errs on the side of "yes": ByteBuddy decides precisely.
 */
final class CandidateFilter {
    /** Internal-name prefixes never instrumented: our own code, the shaded libraries, the JDK. */
    static final List<String> IGNORED_PREFIXES = List.of(
            "dev/agentdbg/agent/", "dev/agentdbg/bootstrap/", "dev/agentdbg/runtime/", "dev/agentdbg/shaded/",
            "java/", "javax/", "jdk/", "sun/", "com/sun/");

    private final List<Rule> rules;
    private final byte[][] annotationDescriptors;
    private final String[] supertypes;
    private final SupertypeResolver hierarchy = new SupertypeResolver();
    /** Per rule: the package its class glob names literally ({@code com.acme.agents.}), or null. */
    private final String[] packages;
    /** Per rule: its class glob's last segment as a name pattern, when that starts with a literal; or null. */
    private final Glob[] simpleNames;

    CandidateFilter(List<Rule> rules) {
        this.rules = rules;
        annotationDescriptors = new byte[rules.size()][];
        supertypes = new String[rules.size()];
        packages = new String[rules.size()];
        simpleNames = new Glob[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.classGlob() != null) {
                packages[i] = literalPackage(rule.classGlob());
                simpleNames[i] = simpleNamePart(rule.classGlob());
            }
            if (rule.annotatedWith() != null) {
                annotationDescriptors[i] = ("L" + internal(rule.annotatedWith()) + ";").getBytes(StandardCharsets.UTF_8);
            }
            if (rule.subtypeOf() != null) {
                supertypes[i] = internal(rule.subtypeOf());
            }
        }
    }

    static boolean isIgnored(String internalName) {
        for (String prefix : IGNORED_PREFIXES) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    boolean isCandidate(String internalName, byte[] classBytes, ClassLoader loader) {
        if (isIgnored(internalName)) {
            return false;
        }
        String name = internalName.replace('/', '.');
        for (int i = 0; i < rules.size(); i++) {
            if (mayApply(i, name, classBytes, loader)) {
                return true;
            }
        }
        return false;
    }

    private boolean mayApply(int i, String name, byte[] classBytes, ClassLoader loader) {
        Rule rule = rules.get(i);
        if (rule.classGlob() != null && !rule.classGlob().matches(name)) {
            return false;
        }
        if (annotationDescriptors[i] != null && ClassBytes.indexOf(classBytes, annotationDescriptors[i]) < 0) {
            return false;
        }
        return supertypes[i] == null || hierarchy.mayBeSubtype(classBytes, loader, supertypes[i]);
    }

    /** The rules whose class-level conditions a candidate may meet: what a {@code class} record names. */
    List<String> rulesFor(String internalName, byte[] classBytes, ClassLoader loader) {
        String name = internalName.replace('/', '.');
        List<String> names = new ArrayList<>(2);
        for (int i = 0; i < rules.size(); i++) {
            if (mayApply(i, name, classBytes, loader)) {
                names.add(rules.get(i).name());
            }
        }
        return names;
    }

    /**
     * The rules a class that is no candidate is close to: it sits in the package a rule's class glob
     * names, or its simple name fits the glob's last segment while its package does not (a class
     * moved, a typo in the package). Only name checks: this runs for every class loaded.
     */
    List<String> nearRules(String internalName) {
        List<String> names = null;
        String name = null;
        for (int i = 0; i < rules.size(); i++) {
            if (packages[i] == null && simpleNames[i] == null) {
                continue;
            }
            if (name == null) {
                name = internalName.replace('/', '.');
            }
            boolean near = packages[i] != null && name.startsWith(packages[i])
                    && name.indexOf('.', packages[i].length()) < 0;
            if (!near && simpleNames[i] != null) {
                near = simpleNames[i].matches(name.substring(name.lastIndexOf('.') + 1));
            }
            if (near) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(rules.get(i).name());
            }
        }
        return names == null ? List.of() : names;
    }

    /** {@code com.acme.agents.} for {@code com.acme.agents.*Agent}; null for fewer than two package segments. */
    private static String literalPackage(Glob glob) {
        String prefix = glob.literalPrefix();
        int dot = prefix.lastIndexOf('.');
        if (dot < 0 || prefix.indexOf('.') == dot) {
            return null; // "com." would be every class of a vendor
        }
        return prefix.substring(0, dot + 1);
    }

    /** The last segment of a class glob as a pattern on simple names, when it starts with a literal. */
    private static Glob simpleNamePart(Glob glob) {
        String text = glob.toString();
        String last = text.substring(text.lastIndexOf('.') + 1);
        if (last.isEmpty() || last.charAt(0) == '*' || last.charAt(0) == '?') {
            return null;
        }
        try {
            return Glob.forMethod(last); // within one segment '*' may match anything
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String internal(String binaryName) {
        return binaryName.replace('.', '/');
    }
}
