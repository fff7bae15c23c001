package dev.agentdbg.agent.rules;

import java.util.regex.Pattern;

/**
 * A name pattern from a rule. In class globs {@code *} matches within one package segment and
 * {@code **} across segments; in method globs {@code *} matches any characters. {@code ?} matches
 * one character.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;
    private final String literalPrefix;

    private Glob(String text, Pattern pattern, String literalPrefix) {
        this.text = text;
        this.pattern = pattern;
        this.literalPrefix = literalPrefix;
    }

    /** @throws IllegalArgumentException with a message that says what is wrong and where */
    public static Glob forClass(String text) {
        return parse(text, true);
    }

    /** @throws IllegalArgumentException with a message that says what is wrong and where */
    public static Glob forMethod(String text) {
        return parse(text, false);
    }

    private static Glob parse(String text, boolean className) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String t = text.trim();
        StringBuilder regex = new StringBuilder();
        int prefixEnd = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '*') {
                if (prefixEnd < 0) {
                    prefixEnd = i;
                }
                boolean doubleStar = i + 1 < t.length() && t.charAt(i + 1) == '*';
                if (doubleStar) {
                    i++;
                }
                regex.append(className && !doubleStar ? "[^.]*" : ".*");
            } else if (c == '?') {
                if (prefixEnd < 0) {
                    prefixEnd = i;
                }
                regex.append(className ? "[^.]" : ".");
            } else if (c == '.' && className) {
                if (i == 0 || i == t.length() - 1 || t.charAt(i - 1) == '.') {
                    throw new IllegalArgumentException("has an empty package segment at position " + (i + 1));
                }
                regex.append("\\.");
            } else if (Character.isJavaIdentifierPart(c) || (!className && (c == '<' || c == '>'))) {
                regex.append(c == '$' ? "\\$" : String.valueOf(c));
            } else {
                throw new IllegalArgumentException("has an unexpected character '" + c + "' at position " + (i + 1)
                        + (className ? " (a class glob is a binary class name with * ** ?)"
                        : " (a method glob is a method name with * ?)"));
            }
        }
        String prefix = prefixEnd < 0 ? t : t.substring(0, prefixEnd);
        return new Glob(t, Pattern.compile(regex.toString()), prefix);
    }

    public boolean matches(String name) {
        return name.startsWith(literalPrefix) && pattern.matcher(name).matches();
    }

    /** The characters every match starts with: a cheap first filter. */
    public String literalPrefix() {
        return literalPrefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
