package dev.agentdbg.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: first column left-aligned, the others right-aligned. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private boolean allLeft;

    /** Every column left-aligned (key/value lists). */
    TextTable leftAligned() {
        allLeft = true;
        return this;
    }

    TextTable header(String... cells) {
        rows.add(cells);
        return this;
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintStream out, String indent) {
        int cols = 0;
        for (String[] r : rows) {
            cols = Math.max(cols, r.length);
        }
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i] == null ? 0 : r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int i = 0; i < cols; i++) {
                String c = i < r.length && r[i] != null ? r[i] : "";
                if (i > 0) {
                    sb.append("  ");
                }
                if (i == 0 || allLeft) {
                    sb.append(c).append(" ".repeat(width[i] - c.length()));
                } else {
                    sb.append(" ".repeat(width[i] - c.length())).append(c);
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
