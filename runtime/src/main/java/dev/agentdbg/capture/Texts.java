package dev.agentdbg.capture;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * String helpers shared by the walker and the writer, JDK only: masking secrets inside text, the
 * "…(truncated, 182 KB)" suffix and human-readable sizes.
 */
public final class Texts {
    /** Appended to a string cut at maxStringLength; the size is that of the original string. */
    static final String ELLIPSIS = "\u2026";

    /** An HTTP bearer credential inside text (a logged header, an error message). */
    private static final Pattern BEARER = Pattern.compile("([Bb]earer)\\s+[A-Za-z0-9._~+/=-]{8,}");
    /**
     * OpenAI/Anthropic-style API keys (sk-…, sk-proj-…, sk-ant-…). The look-behind keeps words that
     * merely contain "sk-" ("task-management-…") intact.
     */
    private static final Pattern SK_KEY = Pattern.compile("(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}");

    private Texts() {
    }

    /**
     * {@code text} with bearer credentials replaced by "Bearer [REDACTED]" and sk-… keys by
     * "[REDACTED]"; the same instance when there is nothing to mask (the common case costs two
     * indexOf scans, no regex).
     */
    public static String maskSecrets(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (out.indexOf("sk-") >= 0) {
            out = replace(SK_KEY, out, "[REDACTED]");
        }
        if (out.indexOf("earer") >= 0 && (out.indexOf("Bearer") >= 0 || out.indexOf("bearer") >= 0)) {
            out = replace(BEARER, out, "$1 [REDACTED]");
        }
        return out;
    }

    private static String replace(Pattern p, String text, String replacement) {
        Matcher m = p.matcher(text);
        return m.find() ? m.replaceAll(replacement) : text;
    }

    /** "…(truncated, 182 KB)": what follows the kept part of a string of {@code originalChars}. */
    static String truncationNote(long originalChars) {
        return ELLIPSIS + "(truncated, " + sizeLabel(originalChars) + ")";
    }

    /** 900 B, 182 KB, 50 MB, 3 GB (rounded; one char counted as one byte). */
    static String sizeLabel(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024L * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        if (bytes < 1024L * 1024 * 1024) {
            return Math.round(bytes / (1024.0 * 1024)) + " MB";
        }
        return Math.round(bytes / (1024.0 * 1024 * 1024)) + " GB";
    }

    /** End index for cutting {@code s} at {@code keep} chars without splitting a surrogate pair. */
    static int cutIndex(CharSequence s, int keep) {
        if (keep > 0 && keep < s.length() && Character.isHighSurrogate(s.charAt(keep - 1))) {
            return keep - 1;
        }
        return keep;
    }
}
