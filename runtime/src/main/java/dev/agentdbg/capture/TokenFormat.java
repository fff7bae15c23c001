package dev.agentdbg.capture;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One credential format masked wherever it appears in text: a regular expression, tried only on
 * text that contains one of its literal triggers (an indexOf scan, far cheaper than a regex over
 * an 8 KB prompt). A format with no trigger is tried on every string.
 */
final class TokenFormat {
    /**
     * The built-in formats (README "Capture and redaction" lists them). A look-behind keeps words
     * that merely contain a prefix ("task-management", "flask-app") intact.
     */
    static final List<TokenFormat> BUILT_IN = List.of(
            // OpenAI sk-…, sk-proj-…, Anthropic sk-ant-…: short test keys too, not only full-length ones
            new TokenFormat("sk-", "(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{8,}", Redactor.MASK, "sk-"),
            new TokenFormat("Bearer", "([Bb]earer)\\s+[A-Za-z0-9._~+/=-]{8,}", "$1 " + Redactor.MASK, "earer"),
            gated("AWS access key", "(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])", "IA", "AKIA", "ASIA"),
            gated("GitHub", "(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})",
                    "_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            new TokenFormat("Google API key", "AIza[0-9A-Za-z_-]{35}", Redactor.MASK, "AIza"),
            new TokenFormat("JWT", "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*",
                    Redactor.MASK, "eyJ"),
            new TokenFormat("Slack", "(?<![A-Za-z0-9])xox[abposre]-[A-Za-z0-9-]{10,}", Redactor.MASK, "xox"));

    final String name;
    private final Pattern pattern;
    private final String replacement;
    /** Text every trigger contains, scanned for first so most strings cost one scan; or null. */
    private final String gate;
    private final String[] triggers;

    /** @param triggers literal texts one of which every match contains */
    TokenFormat(String name, String regex, String replacement, String... triggers) {
        this(name, regex, replacement, null, triggers);
    }

    /** @param gate text that every trigger contains (the AWS prefixes share "IA") */
    private TokenFormat(String name, String regex, String replacement, String gate, String[] triggers) {
        this.name = name;
        this.pattern = Pattern.compile(regex);
        this.replacement = replacement;
        this.gate = gate;
        this.triggers = triggers;
    }

    private static TokenFormat gated(String name, String regex, String gate, String... triggers) {
        return new TokenFormat(name, regex, Redactor.MASK, gate, triggers);
    }

    /**
     * A user's format ({@code agentdbg.capture.redactPatterns}): the literal text it starts with, if
     * any, is its trigger. @throws java.util.regex.PatternSyntaxException when it is not a regex
     */
    static TokenFormat user(String regex) {
        String prefix = literalPrefix(regex);
        return prefix.length() >= 2 ? new TokenFormat(regex, regex, Redactor.MASK, prefix)
                : new TokenFormat(regex, regex, Redactor.MASK);
    }

    boolean matchesEmpty() {
        return pattern.matcher("").matches();
    }

    boolean hasTriggers() {
        return triggers.length > 0;
    }

    /** Whether one of the triggers occurs in {@code text} (always true without triggers). */
    boolean mayOccurIn(String text) {
        if (triggers.length == 0) {
            return true;
        }
        if (gate != null && text.indexOf(gate) < 0) {
            return false;
        }
        for (String t : triggers) {
            if (text.indexOf(t) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every match masked; the same instance when nothing matched. */
    String mask(String text) {
        if (!mayOccurIn(text)) {
            return text;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? m.replaceAll(replacement) : text;
    }

    /**
     * The text every match of {@code regex} must start with: its leading characters up to the first
     * regex operator, without the last one when a quantifier makes it optional; empty when unsure.
     */
    static String literalPrefix(String regex) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if ("\\[](){}.*+?^$|".indexOf(c) >= 0) {
                if ((c == '?' || c == '*' || c == '{') && prefix.length() > 0) {
                    prefix.setLength(prefix.length() - 1);
                }
                if (c == '|') {
                    return ""; // an alternative at the top level may start with anything
                }
                break;
            }
            prefix.append(c);
        }
        return regex.indexOf('|') >= 0 ? "" : prefix.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
