package dev.agentdbg.runtime.debug;

import dev.agentdbg.capture.CapturedCall;
import dev.agentdbg.semantics.AttributePath;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A breakpoint's {@code .when}: {@code <path> <op> <value>}, where the path is a rule {@code attr.} path
 * ({@code args[0].model}, {@code result.text}, {@code this.name}) and op is one of {@code ==}, {@code !=},
 * {@code contains}, {@code matches} (a regular expression, found anywhere), {@code <}, {@code <=},
 * {@code >}, {@code >=} (numbers). Values may be quoted with ' or ". For a {@code [*]} path the
 * condition holds when it holds for one element.
 */
public final class Condition {
    private static final List<String> OPS = List.of("==", "!=", "<=", ">=", "<", ">", " contains ", " matches ");

    private final String text;
    private final AttributePath path;
    private final String op;
    private final String value;
    private final Pattern regex;
    private final double number;

    private Condition(String text, AttributePath path, String op, String value, Pattern regex, double number) {
        this.text = text;
        this.path = path;
        this.op = op;
        this.value = value;
        this.regex = regex;
        this.number = number;
    }

    /** @throws IllegalArgumentException in words for the user */
    public static Condition parse(String text) {
        String t = text == null ? "" : text.trim();
        int at = -1;
        String op = null;
        for (String candidate : OPS) { // the earliest operator; two-character ones are tried before '<' and '>'
            int i = t.toLowerCase(Locale.ROOT).indexOf(candidate);
            if (i > 0 && (at < 0 || i < at)) {
                at = i;
                op = candidate;
            }
        }
        if (op == null) {
            throw new IllegalArgumentException("is not <path> <op> <value> with op one of ==, !=, contains, matches, "
                    + "<, <=, >, >= (example: args[0].model == gpt-4o)");
        }
        String left = t.substring(0, at).trim();
        String right = unquote(t.substring(at + op.length()).trim());
        op = op.trim();
        AttributePath path;
        try {
            path = AttributePath.parse(left);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a bad path '" + left + "': " + e.getMessage());
        }
        Pattern regex = null;
        double number = Double.NaN;
        if (op.equals("matches")) {
            try {
                regex = Pattern.compile(right);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("has a bad regular expression: " + e.getDescription());
            }
        } else if (op.startsWith("<") || op.startsWith(">")) {
            try {
                number = Double.parseDouble(right);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("compares with '" + right + "', which is not a number");
            }
        }
        return new Condition(t, path, op, right, regex, number);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /**
     * @throws IllegalStateException when the path finds nothing or a comparison gets a non-number: the
     *         breakpoint does not pause and warns once
     */
    public boolean test(CapturedCall call) {
        Object found = call == null ? null : path.evaluate(call);
        if (found == null) {
            throw new IllegalStateException("'" + path + "' is not in the captured call (is it captured?)");
        }
        if (found instanceof List<?> list) {
            for (Object element : list) {
                if (element != null && holds(element)) {
                    return true;
                }
            }
            return false;
        }
        return holds(found);
    }

    private boolean holds(Object found) {
        String s = String.valueOf(found);
        switch (op) {
            case "==": return equal(found, s);
            case "!=": return !equal(found, s);
            case "contains": return s.contains(value);
            case "matches": return regex.matcher(s).find();
            default:
                double n;
                try {
                    n = found instanceof Number num ? num.doubleValue() : Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("'" + path + "' is '" + s + "', not a number");
                }
                switch (op) {
                    case "<": return n < number;
                    case "<=": return n <= number;
                    case ">": return n > number;
                    default: return n >= number;
                }
        }
    }

    /** 3 == 3.0 for numbers; otherwise the text. */
    private boolean equal(Object found, String s) {
        if (found instanceof Number num) {
            try {
                return num.doubleValue() == Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return s.equals(value);
    }

    @Override
    public String toString() {
        return text;
    }
}
