package dev.agentdbg.analyzer.report;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * Colours a finished text report line by line: headings bold, failed statuses red, slow verdicts, running calls and
 * warnings yellow, ok statuses dim. It sees each line after the tables padded it and the report folded it, and only
 * adds escapes around words already there, so colour never moves a column; without it the report is unchanged.
 *
 * <p>A status or verdict is recognised as the last cell of a line (two spaces before it, nothing after), which is
 * where every report puts it; prose that merely contains the word is left alone.
 */
public final class ColorWriter extends Writer {

    private static final String BOLD = Style.on(Style.bold);
    private static final String RED = Style.on(Style.fg_red);
    private static final String YELLOW = Style.on(Style.fg_yellow);
    private static final String DIM = Style.on(Style.faint);
    // A full reset, not bold's own "off" (SGR 21), which many terminals take as double underline.
    private static final String RESET = Style.on(Style.reset);

    // A cell runs from its word to the end of the line without another column gap: "ERROR IOException (replayed)",
    // "RUNNING (at end of run, 31.460 s)", "ok (replayed)", or any of them shortened to fit ("ERROR IOExc…").
    private static final String REST_OF_CELL = "\\b(?:(?!  ).)*$";
    private static final Pattern FAILED = Pattern.compile("(?<=  )(?:ERROR|error)" + REST_OF_CELL);
    private static final Pattern YELLOW_CELL = Pattern.compile(
            "(?<=  )(?:RUNNING|running|LLM was slow|own code was slow|tools were slow|tools ran serially)"
                    + REST_OF_CELL);
    private static final Pattern OK = Pattern.compile("(?<=  )ok(?: \\((?:(?!  ).)*)?$");
    /** A timeline trace's header when a call of it never ended. */
    private static final Pattern STILL_RUNNING = Pattern.compile("STILL RUNNING at end of run, after \\S+ \\S+");

    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();
    private boolean inWarnings;

    private ColorWriter(PrintWriter out) {
        this.out = out;
    }

    /** {@code out} with colour added to each line written to it. */
    public static PrintWriter around(PrintWriter out) {
        return new PrintWriter(new ColorWriter(out));
    }

    @Override
    public void write(char[] chars, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (chars[i] == '\n') {
                out.println(color(line.toString()));
                line.setLength(0);
            } else {
                line.append(chars[i]);
            }
        }
    }

    String color(String text) {
        if (text.isEmpty()) {
            inWarnings = false;
            return text;
        }
        if (text.charAt(0) != ' ' && (Character.isUpperCase(text.charAt(0)) || text.startsWith("agentdbg "))) {
            inWarnings = text.startsWith("Warnings");
            return BOLD + text + RESET;
        }
        if (inWarnings) {
            return YELLOW + text + RESET;
        }
        String colored = cell(text, FAILED, RED);
        if (colored == null) {
            colored = cell(text, YELLOW_CELL, YELLOW);
        }
        if (colored == null) {
            colored = cell(text, OK, DIM);
        }
        if (colored == null) {
            Matcher m = STILL_RUNNING.matcher(text);
            colored = m.find() ? text.substring(0, m.start()) + YELLOW + m.group() + RESET + text.substring(m.end())
                    : text;
        }
        return colored;
    }

    private static String cell(String text, Pattern pattern, String style) {
        String trimmed = text.stripTrailing();
        Matcher m = pattern.matcher(trimmed);
        if (!m.find()) {
            return null;
        }
        return trimmed.substring(0, m.start()) + style + m.group() + RESET + text.substring(m.end());
    }

    /** Reports flush once, at their end: a last line without a newline is written then. */
    @Override
    public void flush() {
        if (!line.isEmpty()) {
            out.print(color(line.toString()));
            line.setLength(0);
        }
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
