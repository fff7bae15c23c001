package dev.agentdbg.analyzer.report;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Passes text through line by line and folds a line wider than the terminal at a space, the rest indented under
 * it. Tables shorten their names to fit before they get here; this catches prose (a command line, an exception
 * message, a trace's header) so that no line of a text report is wider than {@code width}.
 */
final class FittedWriter extends Writer {

    /** How much deeper than the line it continues a folded part starts. */
    private static final String CONTINUATION = "    ";

    private final PrintWriter out;
    private final int width;
    private final StringBuilder line = new StringBuilder();

    FittedWriter(PrintWriter out, int width) {
        this.out = out;
        this.width = width;
    }

    /** {@code out} itself when nothing needs fitting ({@code --wide}). */
    static PrintWriter around(PrintWriter out, int width) {
        return width == Integer.MAX_VALUE ? out : new PrintWriter(new FittedWriter(out, width));
    }

    @Override
    public void write(char[] chars, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = chars[i];
            if (c == '\n') {
                emit();
            } else {
                line.append(c);
            }
        }
    }

    private void emit() {
        String rest = line.toString();
        line.setLength(0);
        int indent = 0;
        while (indent < rest.length() && rest.charAt(indent) == ' ') {
            indent++;
        }
        // Capped so that every folded part still has room for text, which also ends the loop.
        String continuation = " ".repeat(Math.min(indent + CONTINUATION.length(), width / 2));
        int keep = indent;
        while (rest.length() > width) {
            // Fields of a line are set apart by two spaces: fold between fields when that keeps half the line.
            int cut = rest.lastIndexOf("  ", width);
            if (cut < width / 2 || cut <= keep) {
                cut = rest.lastIndexOf(' ', width);
            }
            if (cut <= keep) {
                cut = width;
            }
            out.println(rest.substring(0, cut).stripTrailing());
            rest = continuation + rest.substring(cut).strip();
            keep = continuation.length();
        }
        out.println(rest);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        if (!line.isEmpty()) {
            out.print(line);
            line.setLength(0);
        }
        out.flush();
    }
}
