package dev.agentdbg.capture;

/**
 * Masks values that follow a secret name inside text: {@code password=x}, {@code --api-key=x},
 * {@code -Dopenai.api.key=x}, {@code ?token=x&}, {@code "apiKey": "x"}, {@code X-Api-Key: x},
 * {@code Authorization: Basic x}; and on a command line also {@code --api-key x}. Names are
 * judged by {@link SecretNames} (the {@code agentdbg.capture.redact} list), so {@code max_tokens=5}
 * stays.
 */
final class NamedValues {
    /** Authorization schemes whose credential is the word after them. */
    private static final String[] SCHEMES = {"Basic", "Bearer", "Token", "Digest", "Negotiate", "ApiKey", "Key"};
    /** Longest name looked at before a separator; longer runs are not option names. */
    private static final int MAX_NAME = 64;

    private final SecretNames names;

    NamedValues(SecretNames names) {
        this.names = names;
    }

    /** {@code text} with values after secret names masked; the same instance when there are none. */
    String mask(String text) {
        int nextEq = text.indexOf('=');
        int nextColon = text.indexOf(':');
        if (nextEq < 0 && nextColon < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int len = text.length();
        // Jumps from separator to separator with indexOf (vectorised), never char by char.
        while (nextEq >= 0 || nextColon >= 0) {
            int i = nextEq < 0 ? nextColon : nextColon < 0 ? nextEq : Math.min(nextEq, nextColon);
            int resume = i + 1;
            if (secretNameEndsAt(text, i)) {
                int from = i + 1;
                while (from < len && text.charAt(from) == ' ' && text.charAt(i) == ':') {
                    from++;
                }
                if (from < len && (text.charAt(from) == '"' || text.charAt(from) == '\'')) {
                    from++; // a quoted value: keep the quotes
                }
                int to = valueEnd(text, from);
                // Already masked ("[REDACTED]", "Bearer [REDACTED]"): leave as it is.
                if (to > from && !text.startsWith(Redactor.MASK, to - Redactor.MASK.length())) {
                    if (out == null) {
                        out = new StringBuilder(len + 16);
                    }
                    out.append(text, copied, from).append(Redactor.MASK);
                    copied = to;
                    resume = to;
                }
            }
            if (nextEq >= 0 && nextEq < resume) {
                nextEq = text.indexOf('=', resume);
            }
            if (nextColon >= 0 && nextColon < resume) {
                nextColon = text.indexOf(':', resume);
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, len).toString();
    }

    /**
     * A command line (program arguments joined by spaces): also masks the word after an option
     * such as {@code --api-key} or {@code -password}.
     */
    String maskCommandLine(String command) {
        String[] words = command.split(" ", -1);
        boolean changed = false;
        for (int i = 0; i + 1 < words.length; i++) {
            String w = words[i];
            if (w.length() > 1 && w.charAt(0) == '-' && w.indexOf('=') < 0 && names.matches(w)
                    && !words[i + 1].isEmpty() && words[i + 1].charAt(0) != '-' && !words[i + 1].equals(Redactor.MASK)) {
                words[i + 1] = Redactor.MASK;
                changed = true;
            }
        }
        return changed ? String.join(" ", words) : command;
    }

    /** Whether the characters just before the separator at {@code sep} are a secret name. */
    private boolean secretNameEndsAt(String text, int sep) {
        int end = sep;
        if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
            end--; // "apiKey": "…"
        }
        int start = end;
        while (start > 0 && end - start < MAX_NAME && isNameChar(text.charAt(start - 1))) {
            start--;
        }
        return start < end && names.matches(text, start, end);
    }

    /** End of the value starting at {@code from}: a quoted string, or a word (a scheme and its credential). */
    private static int valueEnd(String text, int from) {
        int len = text.length();
        if (from >= len) {
            return from;
        }
        char q = text.charAt(from - 1);
        if (q == '"' || q == '\'') {
            int close = text.indexOf(q, from);
            return close < 0 ? len : close;
        }
        int end = wordEnd(text, from);
        for (String scheme : SCHEMES) {
            if (end - from == scheme.length() && text.regionMatches(true, from, scheme, 0, scheme.length())
                    && end + 1 < len && text.charAt(end) == ' ') {
                return wordEnd(text, end + 1);
            }
        }
        return end;
    }

    private static int wordEnd(String text, int from) {
        if (text.startsWith(Redactor.MASK, from)) {
            return from + Redactor.MASK.length();
        }
        int i = from;
        while (i < text.length() && !isValueEnd(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isValueEnd(char c) {
        return Character.isWhitespace(c) || c == '&' || c == ',' || c == ';' || c == '"' || c == '\''
                || c == ')' || c == ']' || c == '}' || c == '<' || c == '>';
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
    }
}
