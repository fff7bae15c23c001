package dev.agentdbg.analyzer.why;

import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.model.ClassSeen;
import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RuleInfo;
import dev.agentdbg.analyzer.model.Span;
import java.util.regex.Pattern;

/**
 * What the user asked about: a method glob ({@code CriticAgent#review}, {@code com.acme.*Agent#run},
 * {@code CriticAgent.review}), a class ({@code CriticAgent}), or a name: a rule, a component, an agent or tool
 * name ({@code gen_ai.agent.name}, {@code gen_ai.tool.name}). Globs take {@code *} and {@code ?}; plain names
 * also match ignoring case.
 */
public final class WhyTarget {

    private final String text;
    /** Glob on the class (binary or simple name), or null. */
    private final Pattern classGlob;
    /** Glob on the method name, or null. */
    private final Pattern methodGlob;
    /** Literal method name when the method part has no wildcard, for "closest" comparisons; or null. */
    private final String methodName;
    /** Glob on names (rule, component, agent or tool name, simple class name), or null for a method glob. */
    private final Pattern nameGlob;

    private WhyTarget(String text, Pattern classGlob, Pattern methodGlob, String methodName, Pattern nameGlob) {
        this.text = text;
        this.classGlob = classGlob;
        this.methodGlob = methodGlob;
        this.methodName = methodName;
        this.nameGlob = nameGlob;
    }

    /** @throws IllegalArgumentException for an empty target */
    public static WhyTarget parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equals("#")) {
            throw new IllegalArgumentException("why needs an agent, tool or method: a name (critic), a class "
                    + "(CriticAgent) or a method glob (CriticAgent#review)");
        }
        int hash = t.indexOf('#');
        if (hash >= 0) {
            String cls = t.substring(0, hash);
            String method = t.substring(hash + 1);
            return new WhyTarget(t, cls.isEmpty() ? null : glob(cls), method.isEmpty() ? null : glob(method),
                    literal(method), null);
        }
        int dot = t.lastIndexOf('.');
        if (dot > 0 && dot < t.length() - 1 && Character.isLowerCase(t.charAt(dot + 1))
                && Character.isUpperCase(segmentStart(t, dot))) {
            // CriticAgent.review, com.acme.CriticAgent.review: a method after a class name
            return new WhyTarget(t, glob(t.substring(0, dot)), glob(t.substring(dot + 1)), literal(t.substring(dot + 1)),
                    null);
        }
        if (dot > 0) {
            return new WhyTarget(t, glob(t), null, null, null); // a class by its binary name
        }
        return new WhyTarget(t, null, null, null, Pattern.compile(SpanFilter.glob(t).pattern(),
                literal(t) != null ? Pattern.CASE_INSENSITIVE : 0));
    }

    /** The first character of the segment that ends at {@code dot} (the class's simple name). */
    private static char segmentStart(String t, int dot) {
        int start = t.lastIndexOf('.', dot - 1) + 1;
        return t.charAt(start);
    }

    private static Pattern glob(String g) {
        return SpanFilter.glob(g);
    }

    private static String literal(String s) {
        return s.isEmpty() || s.indexOf('*') >= 0 || s.indexOf('?') >= 0 ? null : s;
    }

    public String text() {
        return text;
    }

    /** Whether the target names methods (a class and/or method glob) rather than a name. */
    public boolean isMethodGlob() {
        return nameGlob == null;
    }

    /** The method name the user wrote, when it has no wildcard; else null. */
    public String methodName() {
        return methodName;
    }

    /** Whether the target has a method part. */
    public boolean hasMethodPart() {
        return methodGlob != null;
    }

    /** Whether an instrumented method is the target, by its class and method or by its rule, component or class. */
    public boolean matches(MethodInfo m) {
        if (m.isUnknown()) {
            return false;
        }
        if (nameGlob != null) {
            return is(nameGlob, m.component()) || is(nameGlob, m.rule()) || is(nameGlob, m.simpleClassName());
        }
        return matchesClass(m.className()) && (methodGlob == null || methodGlob.matcher(m.method()).matches());
    }

    /**
     * Whether one span is the target by its GenAI agent name (an agent span) or tool name (a tool span); a plain
     * name only. Other kinds carry those names too (a chain that runs a tool), but they are not the tool's call.
     */
    public boolean matchesAttributes(Span span, String kind) {
        if (nameGlob == null || span.attrs().isEmpty()) {
            return false;
        }
        return "agent".equals(kind) && is(nameGlob, span.attrs().string(GenAi.AGENT_NAME))
                || "tool".equals(kind) && is(nameGlob, span.attrs().string(GenAi.TOOL_NAME));
    }

    /** Whether a class is the target's class: by its glob, or for a name, by its simple name or a rule it was near. */
    public boolean matchesClass(ClassSeen c) {
        if (nameGlob != null) {
            return is(nameGlob, c.simpleName()) || c.rules().stream().anyMatch(r -> is(nameGlob, r));
        }
        return classGlob != null && matchesClass(c.className());
    }

    /** Whether a rule is named by the target (its name or component). */
    public boolean namesRule(RuleInfo r) {
        return nameGlob != null && (is(nameGlob, r.name()) || is(nameGlob, r.component()));
    }

    private boolean matchesClass(String className) {
        if (classGlob == null) {
            return true;
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return classGlob.matcher(className).matches() || classGlob.matcher(simple).matches();
    }

    private static boolean is(Pattern p, String value) {
        return value != null && p.matcher(value).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
