package dev.agentdbg.analyzer.why;

import dev.agentdbg.analyzer.model.ClassSeen;
import dev.agentdbg.analyzer.model.RuleInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a rule did not trace a class (or one method of it) that the agent saw: the rule's class part against the
 * class's name, its supertype or annotation condition against what the agent's filter found, and its method
 * glob against the methods the class declares. The same glob rules as the agent: in a class glob {@code *}
 * stays within a package segment and {@code **} crosses them; in a method glob {@code *} is any characters.
 */
final class RuleMisses {

    /**
     * One rule against one class: the reasons it missed (empty: it matched), and the declared method closest
     * to what it asked for.
     */
    record Miss(RuleInfo rule, ClassSeen seen, List<String> reasons, String closestMethod, int distance) {

        boolean matched() {
            return reasons.isEmpty();
        }
    }

    private RuleMisses() {
    }

    /**
     * @param method the method the user asked about, or null (then the rule must choose some method of the class)
     */
    static Miss check(RuleInfo rule, ClassSeen seen, String method) {
        if (seen.className().equals(rule.subtypeOf())) {
            return new Miss(rule, seen, List.of("it is the rule's supertype: the rule traces the classes that implement "
                    + "or extend it, not the type itself"), null, -1);
        }
        List<String> reasons = new ArrayList<>();
        boolean listed = seen.rules().contains(rule.name());
        String cls = seen.className();
        String glob = rule.classGlob();
        if (glob != null && !classGlob(glob).matcher(cls).matches()) {
            String simplePart = glob.substring(glob.lastIndexOf('.') + 1);
            String pkg = cls.lastIndexOf('.') < 0 ? "" : cls.substring(0, cls.lastIndexOf('.'));
            if (classGlob(simplePart).matcher(seen.simpleName()).matches()) {
                reasons.add("package differs: the rule matches " + glob + ", the class is in " + pkg);
            } else {
                reasons.add("class name differs: the rule matches " + glob);
            }
        }
        if (rule.subtypeOf() != null && !(listed && ClassSeen.TRANSFORMED.equals(seen.outcome()))
                && (!listed || rule.methodGlob() == null)) {
            reasons.add(listed ? "the class may not implement or extend " + rule.subtypeOf()
                    + " (the agent chose none of its methods)"
                    : "the class does not implement or extend " + rule.subtypeOf());
        }
        if (rule.annotatedWith() != null && !(listed && ClassSeen.TRANSFORMED.equals(seen.outcome()))) {
            reasons.add("no method of the class carries @" + simple(rule.annotatedWith()));
        }
        String methodGlob = rule.methodGlob();
        String closest = null;
        int distance = Integer.MAX_VALUE;
        if (methodGlob != null) {
            Pattern p = methodGlobPattern(methodGlob);
            String literal = methodGlob.replace("*", "").replace("?", "");
            for (String m : seen.methods()) {
                int d = p.matcher(m).matches() ? 0 : distance(literal, m);
                if (d < distance) {
                    distance = d;
                    closest = m;
                }
            }
            if (method != null && !p.matcher(method).matches()) {
                reasons.add("method name differs: the rule wants " + methodGlob + ", not " + method);
            } else if (method == null && distance != 0) {
                reasons.add("method name differs: the rule wants " + methodGlob + "; the class declares "
                        + listMethods(seen) + (closest != null ? " (closest: " + closest + ")" : ""));
            }
        }
        if (ClassSeen.FAILED.equals(seen.outcome()) && listed) {
            reasons.add("instrumenting the class failed: " + seen.reason());
        } else if (ClassSeen.IGNORED.equals(seen.outcome())) {
            reasons.add("the class is never instrumented: " + seen.reason());
        }
        if (reasons.isEmpty() && method != null && !seen.methods().contains(method)) {
            String near = nearest(method, seen);
            reasons.add("the class declares no method " + method + " (it declares " + listMethods(seen)
                    + (near != null ? "; closest: " + near : "") + ")");
            closest = near;
            distance = near == null ? Integer.MAX_VALUE : distance(method, near);
        }
        return new Miss(rule, seen, List.copyOf(reasons), closest, distance == Integer.MAX_VALUE ? -1 : distance);
    }

    private static String nearest(String method, ClassSeen seen) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String m : seen.methods()) {
            int d = distance(method, m);
            if (d < bestDistance) {
                bestDistance = d;
                best = m;
            }
        }
        return best;
    }

    /**
     * Fewest reasons first; then rules the target names, then rules that ask for the method the user named
     * (they agree with the user on the name: the class is what differs), then the nearest method name.
     */
    static Comparator<Miss> closestFirst(WhyTarget target) {
        return Comparator.<Miss>comparingInt(m -> m.reasons().size())
                .thenComparing(m -> target.namesRule(m.rule()) ? 0 : 1)
                .thenComparing(m -> agreesOnMethod(m.rule(), target.methodName()) ? 0 : 1)
                .thenComparingInt(m -> m.distance() < 0 ? Integer.MAX_VALUE : m.distance());
    }

    private static boolean agreesOnMethod(RuleInfo rule, String method) {
        return method != null && rule.methodGlob() != null && methodGlobPattern(rule.methodGlob()).matcher(method).matches();
    }

    static String listMethods(ClassSeen seen) {
        if (seen.methods().isEmpty()) {
            return "no methods";
        }
        List<String> shown = seen.methods().subList(0, Math.min(8, seen.methods().size()));
        int more = seen.methods().size() - shown.size() + seen.moreMethods();
        return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
    }

    private static String simple(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }

    /** A rule's class glob as the agent reads it. */
    static Pattern classGlob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                regex.append(twice ? ".*" : "[^.]*");
                i += twice ? 1 : 0;
            } else if (c == '?') {
                regex.append("[^.]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    static Pattern methodGlobPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** Edit distance, ignoring case: how far a declared name is from the one a rule asks for. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] prev = new int[y.length() + 1];
        int[] cur = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int sub = prev[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length()];
    }
}
