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
        String methods = blankToNull(attributes.get("methods"));
        Rule.Builder b = Rule.builder(name, blankToNull(attributes.get("kind")));
        String methodPart = null;
        if (match != null) {
            int hash = match.indexOf('#');
            if (hash >= 0 && match.indexOf('#', hash + 1) >= 0) {
                throw new IllegalArgumentException("match '" + match + "' has more than one '#'");
            }
            String classPart = hash < 0 ? match : match.substring(0, hash);
            methodPart = hash < 0 ? null : blankToNull(match.substring(hash + 1));
            reworded("match '" + match + "': class part", () -> b.match(classPart));
        }
        if (methodPart != null && methods != null) {
            throw new IllegalArgumentException("sets a method both in match ('#" + methodPart + "') and in methods; use one");
        }
        String methodText = methodPart != null ? methodPart : methods;
        if (methodText != null) {
            reworded("method pattern '" + methodText + "'", () -> b.methods(methodText));
        }
        String subtypeOf = blankToNull(attributes.get("subtypeOf"));
        if (subtypeOf != null) {
            b.subtypeOf(subtypeOf);
        }
        String annotatedWith = blankToNull(attributes.get("annotatedWith"));
        if (annotatedWith != null) {
            b.annotatedWith(annotatedWith);
        }
        String component = blankToNull(attributes.get("component"));
        if (component != null) {
            b.component(component);
        }
        String arguments = blankToNull(attributes.get("arguments"));
        if (arguments != null) {
            b.argumentCount(integer("arguments", arguments));
        }
        String capture = blankToNull(attributes.get("capture"));
        if (capture != null) {
            b.capture(bool("capture", capture));
        }
        String captureArgs = blankToNull(attributes.get("capture.args"));
        if (captureArgs != null) {
            String[] parts = captureArgs.split(",");
            int[] indices = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                indices[i] = integer("capture.args", parts[i].trim());
            }
            b.captureArgs(indices);
        }
        String toString = blankToNull(attributes.get("capture.toString"));
        if (toString != null) {
            b.captureToString(bool("capture.toString", toString));
        }
        String endsOnCallback = blankToNull(attributes.get("endsOnCallback"));
        if (endsOnCallback != null) {
            b.endsOnCallback(integer("endsOnCallback", endsOnCallback));
        }
        String errorWhen = blankToNull(attributes.get("errorWhen"));
        if (errorWhen != null) {
            b.errorWhen(errorWhen);
        }
        String parameterTypes = blankToNull(attributes.get("parameterTypes"));
        if (parameterTypes != null) {
            b.parameterTypes(java.util.Arrays.stream(parameterTypes.split(",")).map(String::trim).toArray(String[]::new));
        }
        String outcome = blankToNull(attributes.get("outcome"));
        if (outcome != null) {
            switch (outcome.toLowerCase(Locale.ROOT)) {
                case "result": b.outcome(Rule.Outcome.RESULT); break;
                case "error": b.outcome(Rule.Outcome.ERROR); break;
                default: throw new IllegalArgumentException("has outcome '" + outcome + "', which is not result or error");
            }
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey().startsWith(ConfigKeys.RULE_ATTR_PREFIX)) {
                b.attribute(e.getKey().substring(ConfigKeys.RULE_ATTR_PREFIX.length()), e.getValue());
            }
        }
        Map<String, String> written = new LinkedHashMap<>(attributes);
        written.remove("kind");
        return b.describedAs(written).build();
    }

    private static int integer(String attribute, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(attribute + " '" + text + "' is not a whole number");
        }
    }

    private static boolean bool(String attribute, String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": return true;
            case "false": case "no": case "off": return false;
            default: throw new IllegalArgumentException(attribute + " '" + text + "' is not true or false");
        }
    }

    /** Runs a builder step, prefixing what its message is about ("match '…': class part"). */
    private static void reworded(String what, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + e.getMessage());
        }
    }

    static void checkTypeName(String attribute, String typeName) {
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
