package dev.agentdbg.analyzer.replay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an unreadable line held, as far as its first bytes tell: the agent writes a record's type and identifying
 * fields (call number, endpoint, key) first, so a line torn or damaged further on still names the answer it lost.
 *
 * @param type {@code null} when the first bytes do not name one
 */
record LineGuess(String type, long call, String key, String kind, String rule) {

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern CALL = Pattern.compile("\"call\"\\s*:\\s*(\\d{1,18})\\b");
    private static final Pattern ENDPOINT = Pattern.compile("\"endpoint\"\\s*:\\s*\"([^\"\\\\]{1,300})\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"\\\\]{1,500})\"");
    private static final Pattern KIND = Pattern.compile("\"kind\"\\s*:\\s*\"(\\w{1,40})\"");
    private static final Pattern RULE = Pattern.compile("\"rule\"\\s*:\\s*\"([^\"\\\\]{1,200})\"");

    /** @param type the record type when the line parsed, else {@code null} */
    static LineGuess of(String type, String head) {
        String t = type != null ? type : group(TYPE, head);
        if ("exchange".equals(t)) {
            String call = group(CALL, head);
            return new LineGuess(t, call == null ? 0 : Long.parseLong(call), group(ENDPOINT, head), null, null);
        }
        if ("value".equals(t)) {
            return new LineGuess(t, 0, group(KEY, head), group(KIND, head), group(RULE, head));
        }
        return new LineGuess(t, 0, null, null, null);
    }

    /** A line whose type is unknown may have been anything, a recorded answer included. */
    boolean mayHoldAnswer() {
        return type == null || "exchange".equals(type) || "value".equals(type) || "det".equals(type);
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
