package dev.agentdbg.analyzer.model;

import java.util.List;

/**
 * A {@code class} record: a class the agent saw near one of its rules when it was loaded, and what became
 * of it.
 *
 * @param outcome     {@code transformed}, {@code failed}, {@code noMethod} (a rule's class conditions held but it
 *                    chose none of its methods), {@code nearby} (only its name is close to a rule's) or
 *                    {@code ignored} (in a package agentdbg never instruments)
 * @param rules       names of the rules it was near
 * @param reason      why it failed or was ignored, else {@code null}
 * @param methods     the method names the class declares (constructors and synthetic ones left out)
 * @param moreMethods declared methods left out of {@code methods} past the agent's cap
 */
public record ClassSeen(String className, String outcome, List<String> rules, String reason, List<String> methods,
                        int moreMethods) {

    public static final String TRANSFORMED = "transformed";
    public static final String FAILED = "failed";
    public static final String NO_METHOD = "noMethod";
    public static final String NEARBY = "nearby";
    public static final String IGNORED = "ignored";

    public ClassSeen {
        rules = rules == null ? List.of() : List.copyOf(rules);
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    /** Class name without its package; nested classes keep their {@code $}. */
    public String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
