package dev.agentdbg.runtime;

import dev.agentdbg.capture.Redactor;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Thread names as span records write them: redacted once per distinct name, not per span, and kept
 * as bytes when they need no JSON escaping (the plain-span byte path). Drainer thread only.
 */
final class ThreadNames {
    /** Bounds the cache when an application names thousands of threads differently. */
    private static final int MAX_NAMES = 4096;

    /** A name as written; {@code plainBytes} is null when the generator must escape it. */
    record Name(String text, byte[] plainBytes) {
    }

    private final Map<String, Name> names = new HashMap<>();
    private String lastName;
    private Name last;

    /**
     * Spans come in runs from one thread's ring, so the one-entry cache keyed by identity hits almost
     * always; the map spares a redaction when threads interleave.
     */
    Name of(String name) {
        if (name != lastName) {
            Name n = names.get(name);
            if (n == null) {
                if (names.size() >= MAX_NAMES) {
                    names.clear();
                }
                String redacted = Redactor.current().mask(name);
                n = new Name(redacted, isPlainAscii(redacted) ? redacted.getBytes(StandardCharsets.US_ASCII) : null);
                names.put(name, n);
            }
            last = n;
            lastName = name;
        }
        return last;
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
