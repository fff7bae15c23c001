package dev.agentdbg.capture;

/**
 * String helpers shared by the walker and the writer, JDK only: the "…(truncated, 182 KB)" suffix
 * and human-readable sizes (masking is {@link Redactor}'s).
 */
public final class Texts {
    /** Appended to a string cut at maxStringLength; the size is that of the original string. */
    static final String ELLIPSIS = "\u2026";

    private Texts() {
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
