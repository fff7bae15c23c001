package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Rule;

import java.nio.charset.StandardCharsets;
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

    CandidateFilter(List<Rule> rules) {
        this.rules = rules;
        annotationDescriptors = new byte[rules.size()][];
        supertypes = new String[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
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
        String name = null;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.classGlob() != null) {
                if (name == null) {
                    name = internalName.replace('/', '.');
                }
                if (!rule.classGlob().matches(name)) {
                    continue;
                }
            }
            if (annotationDescriptors[i] != null && ClassBytes.indexOf(classBytes, annotationDescriptors[i]) < 0) {
                continue;
            }
            if (supertypes[i] != null && !hierarchy.mayBeSubtype(classBytes, loader, supertypes[i])) {
                continue;
            }
            return true;
        }
        return false;
    }

    static String internal(String binaryName) {
        return binaryName.replace('.', '/');
    }
}
