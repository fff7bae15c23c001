package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One breakpoint: what it stops at ({@code agentdbg.break.<name>=<target>}) and its options
 * ({@code .at}, {@code .hit}, {@code .when}, null for none). Parsed the same way from the properties file and from the
 * page; a bad value throws {@link IllegalArgumentException} with a message meant for the user.
 */
public record BreakpointSpec(String name, Target target, int at, long hit, Condition when) {
    /** Span kinds a {@code kind:} target may name. */
    public static final List<String> KINDS = List.of("agent", "llm", "tool", "retrieval", "chain", "custom");
    static final String TARGET_FORMS = "a rule name, kind:<" + String.join("|", KINDS)
            + ">, tool:<name>, agent:<name> or a class#method glob such as com.acme.*Planner#plan*";

    /** What a breakpoint stops at; decided per instrumented method, never per call. */
    public sealed interface Target {
        /** Whether calls of this method may stop here; decided once per method. */
        boolean matches(MethodInfo method);

        /**
         * For a method {@link #matches} accepted: whether this call does. Only {@code tool:}/{@code agent:}
         * targets look at the call (the tool name some tools have per call); on the calling thread, reading
         * only what capture holds.
         */
        default boolean matchesCall(MethodInfo method, Object captured) {
            return true;
        }

        /** The target as the user writes it. */
        String text();
    }

    /** Methods of the rule with this name. */
    public record RuleTarget(String rule) implements Target {
        public boolean matches(MethodInfo m) {
            return rule.equals(m.rule());
        }

        public String text() {
            return rule;
        }
    }

    /** {@code kind:<kind>}. */
    public record KindTarget(String kind) implements Target {
        public boolean matches(MethodInfo m) {
            return kind.equals(m.kind());
        }

        public String text() {
            return "kind:" + kind;
        }
    }

    /**
     * {@code tool:<name>} / {@code agent:<name>}: methods of that kind whose component (the rule's
     * {@code component}, else the class's simple name) is the name, or whose calls are named so
     * ({@code gen_ai.tool.name} / {@code gen_ai.agent.name}: a constant of the class, such as what a tool's
     * {@code name()} returns, or a value read per call, such as a field of the tool).
     */
    public record NamedTarget(String kind, String component) implements Target {
        public boolean matches(MethodInfo m) {
            if (!kind.equals(m.kind())) {
                return false;
            }
            if (component.equals(m.component())) {
                return true;
            }
            dev.agentdbg.semantics.AttributePath name = namePath(m);
            return name != null && (name.literalValue() == null || component.equals(name.literalValue()));
        }

        @Override
        public boolean matchesCall(MethodInfo m, Object captured) {
            if (component.equals(m.component())) {
                return true;
            }
            dev.agentdbg.semantics.AttributePath name = namePath(m);
            if (name == null) {
                return false;
            }
            Object value = name.literalValue() != null ? name.literalValue()
                    : captured instanceof dev.agentdbg.capture.CapturedCall c ? name.evaluate(c) : null;
            return value != null && component.equals(String.valueOf(value));
        }

        private dev.agentdbg.semantics.AttributePath namePath(MethodInfo m) {
            dev.agentdbg.semantics.GenAiSemantics semantics = m.semantics();
            return semantics == null ? null : semantics.path("tool".equals(kind)
                    ? dev.agentdbg.semantics.GenAiSemantics.TOOL_NAME : dev.agentdbg.semantics.GenAiSemantics.AGENT_NAME);
        }

        public String text() {
            return kind + ":" + component;
        }
    }

    /** {@code class#method}, each a glob: {@code *} any run of characters (dots included), {@code ?} one. */
    public record MethodTarget(String classGlob, String methodGlob, Pattern classPattern, Pattern methodPattern)
            implements Target {
        public boolean matches(MethodInfo m) {
            return classPattern.matcher(m.className()).matches() && methodPattern.matcher(m.methodName()).matches();
        }

        public String text() {
            return classGlob + "#" + methodGlob;
        }
    }

    /** @throws IllegalArgumentException with the reason, in words for the user */
    public static Target parseTarget(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("is empty; a breakpoint target is " + TARGET_FORMS);
        }
        int colon = t.indexOf(':');
        if (colon >= 0) {
            String prefix = t.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String rest = t.substring(colon + 1).trim();
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("names no " + prefix + " after '" + prefix + ":'");
            }
            switch (prefix) {
                case "kind":
                    String kind = rest.toLowerCase(Locale.ROOT);
                    if (!KINDS.contains(kind)) {
                        throw new IllegalArgumentException("names the unknown kind '" + rest + "'; kinds are "
                                + String.join(", ", KINDS));
                    }
                    return new KindTarget(kind);
                case "tool":
                case "agent":
                    return new NamedTarget(prefix, rest);
                default:
                    throw new IllegalArgumentException("starts with the unknown '" + prefix + ":'; a breakpoint target is "
                            + TARGET_FORMS);
            }
        }
        int hash = t.indexOf('#');
        if (hash >= 0) {
            String classGlob = t.substring(0, hash).trim();
            String methodGlob = t.substring(hash + 1).trim();
            if (classGlob.isEmpty() || methodGlob.isEmpty() || methodGlob.indexOf('#') >= 0) {
                throw new IllegalArgumentException("is not class#method (example: com.acme.*Planner#plan*)");
            }
            return new MethodTarget(classGlob, methodGlob, glob(classGlob), glob(methodGlob));
        }
        if (!t.matches("[A-Za-z0-9_.\\-]+")) {
            throw new IllegalArgumentException("is not a rule name (letters, digits, '_', '-', '.'); a breakpoint target is "
                    + TARGET_FORMS);
        }
        return new RuleTarget(t);
    }

    /** {@code enter}, {@code exit} or {@code both}, as {@link PauseGate} bits. */
    public static int parseAt(String text) {
        switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "enter": return PauseGate.AT_ENTER;
            case "exit": return PauseGate.AT_EXIT;
            case "both": return PauseGate.AT_ENTER | PauseGate.AT_EXIT;
            default: throw new IllegalArgumentException("is not enter, exit or both");
        }
    }

    /** The n-th matching call (1 = the first); {@code 0} is kept for "every call". */
    public static long parseHit(String text) {
        long n;
        try {
            n = Long.parseLong(text == null ? "" : text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a call number (1 = the first matching call)");
        }
        if (n < 1) {
            throw new IllegalArgumentException("is not a call number (1 = the first matching call)");
        }
        return n;
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }

    /** Stops at every matching call. */
    public static BreakpointSpec every(String name, Target target, int at) {
        return new BreakpointSpec(name, target, at, 0, null);
    }
}
