package dev.agentdbg.analyzer.model;

/**
 * One rule of the {@code run} record, as the user (or a preset) wrote it; absent conditions are {@code null}.
 *
 * @param match the class glob, with {@code #<method glob>} when the rule wrote it that way
 * @param picks for a {@code subtypeOf} rule without {@code methods}: the supertype's methods it traces, when known
 */
public record RuleInfo(String name, String kind, String component, String match, String subtypeOf,
                       String annotatedWith, String methods, String picks) {

    /** The class part of {@code match} ({@code com.acme.*Agent}), or {@code null}. */
    public String classGlob() {
        if (match == null) {
            return null;
        }
        int hash = match.indexOf('#');
        return hash < 0 ? match : match.substring(0, hash);
    }

    /** The method glob, from {@code match} after {@code #} or from {@code methods}; {@code null} for any. */
    public String methodGlob() {
        if (match != null && match.indexOf('#') >= 0) {
            return match.substring(match.indexOf('#') + 1);
        }
        return methods;
    }

    /** The rule's conditions in the properties file's words, e.g. {@code match=com.acme.*Agent#run}. */
    public String conditions() {
        StringBuilder b = new StringBuilder();
        append(b, "match", match);
        append(b, "subtypeOf", subtypeOf);
        append(b, "annotatedWith", annotatedWith);
        append(b, "methods", methods);
        return b.toString();
    }

    private static void append(StringBuilder b, String key, String value) {
        if (value != null) {
            b.append(b.isEmpty() ? "" : " ").append(key).append('=').append(value);
        }
    }
}
