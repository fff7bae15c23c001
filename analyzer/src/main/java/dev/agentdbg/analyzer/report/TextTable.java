package dev.agentdbg.analyzer.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain-text table whose columns are padded to their widest cell; numbers are right-aligned. Given a width, the
 * columns of names are narrowed, widest first, and their cells shortened in the middle
 * ({@code com.acme.rese…Agent.run}) until the table fits; the start and the end of a name tell names apart.
 */
final class TextTable {

    private static final String GAP = "  ";
    /** A narrowed column keeps at least this much of each name (or its header, when longer). */
    private static final int MIN_NARROWED = 12;
    /** The other name columns give way to the first (the span, the method) down to this width before it does; the
     *  first is not shortened below it. */
    private static final int MIN_SECONDARY = 20;
    static final String ELLIPSIS = "…";
    private static final String PART_GAP = "  ";
    /** A part of a name is not shortened below this; the whole name is cut in the middle instead. */
    private static final int MIN_PART = 8;

    private final String[] headers;
    private final boolean[] right;
    private final boolean[] narrowable;
    private final boolean[] clipEnd;
    private int primary = -1;
    private final List<String[]> rows = new ArrayList<>();
    // How many characters at the end of each cell are a Tail, kept whole when the cell is shortened.
    private final Map<String[], int[]> tails = new IdentityHashMap<>();

    /** A cell whose {@code tail} (e.g. an LLM call's tokens) stays whole when the cell is shortened. */
    record Tail(String text, String tail) {
        @Override
        public String toString() {
            return text + tail;
        }
    }

    /**
     * Column headers; a header starting with {@code >} marks a right-aligned column, one starting with {@code ~} a
     * column of names that may be shortened in the middle to fit, one starting with {@code -} a column of text
     * (a message) that may be cut at its end; the mark is dropped. The first {@code ~} column is the table's main
     * name and is shortened last.
     */
    TextTable(String... headers) {
        this.headers = new String[headers.length];
        this.right = new boolean[headers.length];
        this.narrowable = new boolean[headers.length];
        this.clipEnd = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].startsWith(">");
            clipEnd[i] = headers[i].startsWith("-");
            narrowable[i] = headers[i].startsWith("~") || clipEnd[i];
            if (primary < 0 && headers[i].startsWith("~")) {
                primary = i;
            }
            this.headers[i] = right[i] || narrowable[i] ? headers[i].substring(1) : headers[i];
        }
    }

    TextTable row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
        }
        rows.add(text);
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] instanceof Tail t) {
                tails.computeIfAbsent(text, k -> new int[cells.length])[i] = t.tail().length();
            }
        }
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the table within {@code width} columns when its names can be shortened enough. */
    void print(PrintWriter out, String indent, int width) {
        int[] widths = new int[headers.length];
        long total = indent.length() + (long) GAP.length() * (headers.length - 1);
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
            total += widths[i];
        }
        // The other names give way first; the main name keeps MIN_SECONDARY, below which a row is folded instead.
        long excess = narrow(widths, total - width, false, MIN_SECONDARY);
        excess = narrow(widths, excess, true, MIN_SECONDARY);
        narrow(widths, excess, false, MIN_NARROWED);
        printRow(out, indent, headers, widths);
        for (String[] row : rows) {
            printRow(out, indent, row, widths);
        }
    }

    /** Takes up to {@code excess} columns from the widest name columns; returns what is left to take. */
    private long narrow(int[] widths, long excess, boolean withPrimary, int minWidth) {
        for (; excess > 0; excess--) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                int min = Math.max(minWidth, headers[i].length());
                if (narrowable[i] && (withPrimary || i != primary) && widths[i] > min
                        && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break;
            }
            widths[widest]--;
        }
        return excess;
    }

    private void printRow(PrintWriter out, String indent, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(GAP);
            }
            int tail = tails.containsKey(cells) ? tails.get(cells)[i] : 0;
            String cell;
            if (clipEnd[i]) {
                cell = end(cells[i], widths[i]);
            } else if (tail > 0 && cells[i].length() > widths[i] && widths[i] - tail >= MIN_NARROWED) {
                int head = cells[i].length() - tail;
                cell = middle(cells[i].substring(0, head), widths[i] - tail) + cells[i].substring(head);
            } else {
                cell = middle(cells[i], widths[i]);
            }
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(right[i] ? pad + cell : cell + pad);
        }
        out.println(line.toString().stripTrailing());
    }

    /** {@code text} in at most {@code width} characters, cut at its end. */
    static String end(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - ELLIPSIS.length()) + ELLIPSIS;
    }

    /**
     * {@code text} in at most {@code width} characters: its indentation, then each part (parts are set apart by two
     * spaces, e.g. a method and its model) shortened in the middle, the longest first, so the start and the end of
     * each name stay ({@code com.acme.rese…Agent.run}).
     */
    static String middle(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int indent = 0;
        while (indent < text.length() && text.charAt(indent) == ' ' && indent < width / 2) {
            indent++;
        }
        String[] parts = text.substring(indent).split(PART_GAP, -1);
        int[] lengths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            lengths[i] = parts[i].length();
        }
        for (int excess = text.length() - width; excess > 0; excess--) {
            int longest = 0;
            for (int i = 1; i < parts.length; i++) {
                longest = lengths[i] > lengths[longest] ? i : longest;
            }
            if (lengths[longest] <= MIN_PART) {
                return text.substring(0, indent) + cut(text.substring(indent), width - indent);
            }
            lengths[longest]--;
        }
        StringBuilder out = new StringBuilder(text.substring(0, indent));
        for (int i = 0; i < parts.length; i++) {
            out.append(i == 0 ? "" : PART_GAP).append(cut(parts[i], lengths[i]));
        }
        return out.toString();
    }

    /** {@code text} in {@code width} characters, its middle replaced by an ellipsis. */
    private static String cut(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int room = width - ELLIPSIS.length();
        if (room < 2) {
            return text.substring(0, Math.max(0, width));
        }
        int head = room / 2;
        return text.substring(0, head) + ELLIPSIS + text.substring(text.length() - (room - head));
    }
}
