package dev.agentdbg.analyzer.model;

/** An instrumented method as described by a {@code method} record; spans refer to it by {@code id}. */
public record MethodInfo(
        int id,
        String className,
        String method,
        String desc,
        String kind,
        String component,
        String rule,
        String file,
        Integer line) {

    /** Kind used for spans whose method record never appeared. */
    public static final String UNKNOWN = "unknown";

    /** Stands in for a method id that no {@code method} record described, so such spans still count. */
    public static MethodInfo unknown(int id) {
        return new MethodInfo(id, "?", "method#" + id, null, UNKNOWN, UNKNOWN, null, null, null);
    }

    public boolean isUnknown() {
        return "?".equals(className);
    }

    /** Class name without its package, e.g. {@code PlannerAgent}; nested classes keep their {@code $}. */
    public String simpleClassName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    /** The short name users recognise: {@code PlannerAgent.run}. */
    public String displayName() {
        return isUnknown() ? "unknown method #" + id : simpleClassName() + "." + method;
    }

    /** {@code PlannerAgent.run(String)}, to tell overloads apart when display names collide. */
    public String displayNameWithParameters() {
        return displayName() + Descriptors.parameterList(desc);
    }

    /** {@code PlannerAgent.java:42}, or {@code null} when the class had no debug information. */
    public String sourceLocation() {
        if (file == null) {
            return null;
        }
        return line == null ? file : file + ":" + line;
    }
}
