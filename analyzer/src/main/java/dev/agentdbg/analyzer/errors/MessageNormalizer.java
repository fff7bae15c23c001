package dev.agentdbg.analyzer.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds the parts of an exception message that change from one failure to the next (quoted values, UUIDs, hex ids,
 * numbers) to placeholders, so that {@code timeout after 3012 ms on 'req-81'} and {@code timeout after 2990 ms on
 * 'req-7'} fall into one group: {@code timeout after <n> ms on '<v>'}.
 */
public final class MessageNormalizer {

    /** Messages are cut to this many characters before folding: a group key must stay small. */
    static final int MAX_LENGTH = 300;

    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"|`[^`\\n]*`");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    /** {@code 0x1f}, or 8+ hex digits with at least one digit (ids, hashes; not plain words like "deadbeef" only). */
    private static final Pattern HEX = Pattern.compile("\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{8,}\\b");
    /** Numbers, also inside identifiers ({@code req42}, {@code call_17}), with decimals and signs. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:[.,]\\d+)*");

    private MessageNormalizer() {
    }

    /** The message with its variable parts folded; {@code null} stays {@code null}. */
    public static String normalize(String message) {
        if (message == null) {
            return null;
        }
        String s = message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "..." : message;
        s = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        s = replaceQuoted(s);
        s = UUID.matcher(s).replaceAll("<uuid>");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        return s.strip();
    }

    private static String replaceQuoted(String s) {
        Matcher m = QUOTED.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            char q = m.group().charAt(0);
            m.appendReplacement(out, Matcher.quoteReplacement(q + "<v>" + q));
        }
        m.appendTail(out);
        return out.toString();
    }
}
