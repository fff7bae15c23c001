package dev.agentdbg.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a field name or map key names a secret. Names are compared normalised (lower
 * case, without '_', '-' and '.'): a name is secret when it equals or ends with a normalised entry,
 * so {@code openaiApiKey}, {@code x-api-key}, {@code accessToken} and {@code proxy-authorization}
 * match while {@code maxTokens}, {@code inputTokens} and {@code tokenUsage} do not.
 *
 * <p>The entries are normalised once; a name is compared from its end character by character,
 * skipping separators, so matching allocates nothing on the application thread.
 */
final class SecretNames {
    private final String[] entries;

    SecretNames(List<String> names) {
        List<String> normalised = new ArrayList<>();
        for (String name : names) {
            String n = name == null ? "" : normalise(name);
            if (!n.isEmpty() && !normalised.contains(n)) {
                normalised.add(n);
            }
        }
        this.entries = normalised.toArray(new String[0]);
    }

    static String normalise(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isSeparator(c)) {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    boolean matches(String name) {
        return name != null && matches(name, 0, name.length());
    }

    /** Whether {@code text} from {@code start} to {@code end} is a secret name; without copying it. */
    boolean matches(String text, int start, int end) {
        for (String entry : entries) {
            if (endsWithNormalised(text, start, end, entry)) {
                return true;
            }
        }
        return false;
    }

    /** Whether normalise(name) ends with {@code suffix} (already normalised), without building it. */
    private static boolean endsWithNormalised(String name, int start, int end, String suffix) {
        int j = suffix.length() - 1;
        for (int i = end - 1; i >= start && j >= 0; i--) {
            char c = name.charAt(i);
            if (isSeparator(c)) {
                continue;
            }
            if (Character.toLowerCase(c) != suffix.charAt(j)) {
                return false;
            }
            j--;
        }
        return j < 0;
    }

    private static boolean isSeparator(char c) {
        return c == '_' || c == '-' || c == '.';
    }
}
