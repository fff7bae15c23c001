package dev.agentdbg.agent.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a properties file, decoded as Java's {@code PropertyResourceBundle} (JDK 9+) decodes
 * it: UTF-8, or ISO-8859-1 for the whole file when its bytes are not valid UTF-8.
 *
 * <p>ISO-8859-1 maps every byte to a character, so a stray byte (an old editor's "é" in a comment)
 * can never make the file unreadable; the lines that are not UTF-8 are named so the user can fix them.
 */
record PropertiesFileText(String text, List<Integer> nonUtf8Lines) {

    static PropertiesFileText decode(byte[] bytes) {
        try {
            return new PropertiesFileText(strictUtf8(bytes, 0, bytes.length), List.of());
        } catch (CharacterCodingException e) {
            return new PropertiesFileText(new String(bytes, StandardCharsets.ISO_8859_1), nonUtf8Lines(bytes));
        }
    }

    /** Line numbers (1-based; {@code \n}, {@code \r\n} and {@code \r} end a line) whose bytes are not UTF-8. */
    private static List<Integer> nonUtf8Lines(byte[] bytes) {
        List<Integer> lines = new ArrayList<>();
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            boolean end = i == bytes.length || bytes[i] == '\n' || bytes[i] == '\r';
            if (!end) {
                continue;
            }
            try {
                strictUtf8(bytes, start, i - start);
            } catch (CharacterCodingException e) {
                lines.add(line);
            }
            if (i < bytes.length - 1 && bytes[i] == '\r' && bytes[i + 1] == '\n') {
                i++;
            }
            line++;
            start = i + 1;
        }
        return lines;
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    }

    /** "line 3" or "lines 3, 7 and 12" (at most five named). */
    String describeLines() {
        List<Integer> shown = nonUtf8Lines.subList(0, Math.min(5, nonUtf8Lines.size()));
        StringBuilder text = new StringBuilder(nonUtf8Lines.size() == 1 ? "line " : "lines ");
        for (int i = 0; i < shown.size(); i++) {
            if (i > 0) {
                text.append(i == nonUtf8Lines.size() - 1 ? " and " : ", ");
            }
            text.append(shown.get(i));
        }
        if (nonUtf8Lines.size() > shown.size()) {
            text.append(" and ").append(nonUtf8Lines.size() - shown.size()).append(" more");
        }
        return text.toString();
    }
}
