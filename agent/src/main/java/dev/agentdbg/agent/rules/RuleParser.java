package dev.agentdbg.agent.rules;

import dev.agentdbg.agent.config.AgentConfig;
import dev.agentdbg.agent.config.ConfigKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@link Rule}s from {@code agentdbg.rule.<name>.*} keys; a broken rule is skipped with a warning. */
public final class RuleParser {
    private RuleParser() {
    }

    public static List<Rule> parse(AgentConfig config) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : config.rules().entrySet()) {
            String name = e.getKey();
            try {
                rules.add(parseRule(name, e.getValue()));
            } catch (IllegalArgumentException problem) {
                config.warn("rule '" + name + "' " + problem.getMessage() + "; rule ignored");
            }
        }
        return rules;
    }

    static Rule parseRule(String name, Map<String, String> attributes) {
        String match = blankToNull(attributes.get("match"));
        String subtypeOf = blankToNull(attributes.get("subtypeOf"));
        String annotatedWith = blankToNull(attributes.get("annotatedWith"));
        String methods = blankToNull(attributes.get("methods"));
        if (match == null && subtypeOf == null && annotatedWith == null) {
            throw new IllegalArgumentException("needs one of agentdbg.rule." + name + ".match, .subtypeOf or .annotatedWith");
        }
        String kind = blankToNull(attributes.get("kind"));
        if (kind == null) {
            throw new IllegalArgumentException("has no kind (agentdbg.rule." + name + ".kind = "
                    + String.join(" | ", ConfigKeys.KINDS) + ")");
        }
        kind = kind.toLowerCase(Locale.ROOT);
        if (!ConfigKeys.KINDS.contains(kind)) {
            throw new IllegalArgumentException("has kind '" + kind + "', which is not one of "
                    + String.join(", ", ConfigKeys.KINDS));
        }

        Glob classGlob = null;
        String methodPart = null;
        if (match != null) {
            int hash = match.indexOf('#');
            if (hash >= 0 && match.indexOf('#', hash + 1) >= 0) {
                throw new IllegalArgumentException("match '" + match + "' has more than one '#'");
            }
            String classPart = hash < 0 ? match : match.substring(0, hash);
            methodPart = hash < 0 ? null : blankToNull(match.substring(hash + 1));
            classGlob = glob("match '" + match + "': class part", classPart, true);
        }
        Glob methodGlob = null;
        if (methodPart != null && methods != null) {
            throw new IllegalArgumentException("sets a method both in match ('#" + methodPart + "') and in methods; use one");
        }
        String methodText = methodPart != null ? methodPart : methods;
        if (methodText != null) {
            methodGlob = glob("method pattern '" + methodText + "'", methodText, false);
        }
        checkTypeName("subtypeOf", subtypeOf);
        checkTypeName("annotatedWith", annotatedWith);

        Map<String, String> source = new LinkedHashMap<>();
        for (String attribute : ConfigKeys.RULE_ATTRIBUTES) {
            if (!attribute.equals("kind") && attributes.get(attribute) != null) {
                source.put(attribute, attributes.get(attribute));
            }
        }
        return new Rule(name, kind, blankToNull(attributes.get("component")), classGlob, methodGlob,
                subtypeOf, annotatedWith, source);
    }

    private static Glob glob(String what, String text, boolean className) {
        try {
            return className ? Glob.forClass(text) : Glob.forMethod(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + e.getMessage());
        }
    }

    private static void checkTypeName(String attribute, String typeName) {
        if (typeName == null) {
            return;
        }
        if (typeName.contains("*") || typeName.contains("?")) {
            throw new IllegalArgumentException(attribute + " '" + typeName + "' must be a fully qualified type name, not a pattern");
        }
        try {
            Glob.forClass(typeName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(attribute + " '" + typeName + "' " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
