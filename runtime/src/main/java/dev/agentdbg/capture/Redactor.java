package dev.agentdbg.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.PatternSyntaxException;

/**
 * The one redaction step every string written to a trace passes, on the drainer thread: payload
 * strings and map keys, attributes, exception messages and frames, thread names, the run record
 * (command, configuration, rules, warnings), method and error records, and the text inside byte
 * heads. It masks the built-in token formats ({@link TokenFormat#BUILT_IN}), the user's
 * ({@code agentdbg.capture.redactPatterns}) and values after secret names ({@link NamedValues}).
 * Immutable; one is installed at start-up.
 */
public final class Redactor {
    /** What a masked value becomes. */
    public static final String MASK = "[REDACTED]";
    /** Separates the regular expressions of {@code agentdbg.capture.redactPatterns} (commas occur in {m,n}). */
    public static final char PATTERN_SEPARATOR = ';';

    private static volatile Redactor current = new Redactor(CaptureSettings.DEFAULT_REDACT_NAMES, List.of());

    private final TokenFormat[] formats;
    private final SecretNames secretNames;
    private final NamedValues namedValues;

    Redactor(List<String> secretNames, List<TokenFormat> userFormats) {
        List<TokenFormat> all = new ArrayList<>(TokenFormat.BUILT_IN);
        all.addAll(userFormats);
        this.formats = all.toArray(new TokenFormat[0]);
        this.secretNames = new SecretNames(secretNames);
        this.namedValues = new NamedValues(this.secretNames);
    }

    /**
     * A redactor masking values after {@code secretNames} and, besides the built-in formats, the
     * regexes in {@code userPatterns} (separated by {@link #PATTERN_SEPARATOR}); one that does not
     * compile is reported through {@code warn} and skipped.
     */
    public static Redactor create(List<String> secretNames, String userPatterns, Consumer<String> warn) {
        List<TokenFormat> user = new ArrayList<>();
        if (userPatterns != null) {
            for (String regex : userPatterns.split(String.valueOf(PATTERN_SEPARATOR))) {
                String r = regex.trim();
                if (r.isEmpty()) {
                    continue;
                }
                try {
                    TokenFormat format = TokenFormat.user(r);
                    if (format.matchesEmpty()) {
                        warn.accept("agentdbg.capture.redactPatterns: '" + r + "' matches the empty string, so it"
                                + " would mask between every character; skipped");
                    } else {
                        user.add(format);
                    }
                } catch (PatternSyntaxException e) {
                    warn.accept("agentdbg.capture.redactPatterns: '" + r + "' is not a valid regular expression ("
                            + e.getDescription() + " at index " + e.getIndex() + "); skipped");
                }
            }
        }
        return new Redactor(secretNames == null ? List.of() : secretNames, user);
    }

    /** The redactor every writer uses. */
    public static Redactor current() {
        return current;
    }

    /** Set once at start-up, before the drainer starts. */
    public static void install(Redactor redactor) {
        current = redactor;
    }

    /** Whether a field, key or header name names a secret ({@code Authorization}, {@code x-api-key}, ...). */
    public boolean isSecretName(String name) {
        return secretNames.matches(name);
    }

    /** {@code text} with every secret masked; the same instance (no allocation) when there is none. */
    public String mask(String text) {
        if (text == null || text.length() < 3) {
            return text;
        }
        String out = text;
        for (TokenFormat f : formats) {
            out = f.mask(out);
        }
        return namedValues.mask(out);
    }

    /** A command line: {@link #mask} plus the word after a secret-named option ({@code --api-key x}). */
    public String maskCommandLine(String command) {
        return command == null ? null : namedValues.maskCommandLine(mask(command));
    }

    /**
     * Whether the first bytes of a byte[] or ByteBuffer must not be written: read as text (one char
     * per byte, so a key inside binary framing still reads as one), they hold a secret or the start
     * of a token format.
     */
    public boolean hidesHead(byte[] head) {
        if (head == null || head.length == 0) {
            return false;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        for (TokenFormat f : formats) {
            if (f.hasTriggers() && f.mayOccurIn(text)) {
                return true; // also a key cut off at the end of the head
            }
        }
        return mask(text) != text;
    }
}
