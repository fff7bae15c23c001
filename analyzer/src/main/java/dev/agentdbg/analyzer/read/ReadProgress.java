package dev.agentdbg.analyzer.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The line a long read shows on a terminal's stderr, e.g. {@code reading run.jsonl  312 MB of 610 MB (51%)
 * 512,000 records  2.1 s}: it appears once a read has taken {@value #DELAY_MS} ms, is redrawn in place (carriage
 * return) every {@value #INTERVAL_MS} ms, and is erased when the read ends, so the report starts on a clean line.
 *
 * <p>It is fed by the bytes {@link TraceReader} reads, one call per buffer the reader fills (64 KB), so the clock is
 * read once per buffer, never per line; the record count comes from the reader's {@link ReadReport}.
 */
public final class ReadProgress {

    /** Draws nothing: stderr is not a terminal, or {@code --no-progress}. */
    public static final ReadProgress NONE = new ReadProgress(null, () -> 0L, 0);

    static final long DELAY_MS = 1000;
    static final long INTERVAL_MS = 250;
    private static final long MB = 1024 * 1024;

    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final int width;

    private ReadReport report;
    private long began;
    private long lastDrawn;
    private long totalBytes;
    private long bytesBefore;
    private long fileBytes;
    private String name;
    /** Characters of the line on screen; 0 when none is. */
    private int shown;

    /**
     * @param err       stderr, which must be a terminal: the caller decides that
     * @param nanoClock {@link System#nanoTime()}, or a fake one in tests
     * @param width     the terminal's width; the line stays one character narrower, so it never wraps
     */
    public ReadProgress(PrintWriter err, LongSupplier nanoClock, int width) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.width = width;
    }

    /** A read of {@code run} begins; {@code report} counts its records. */
    void begin(RunFiles run, ReadReport report) {
        if (err == null) {
            return;
        }
        this.report = report;
        began = nanoClock.getAsLong();
        lastDrawn = began;
        totalBytes = 0;
        bytesBefore = 0;
        fileBytes = 0;
        for (TraceFile f : run.parts()) {
            try {
                totalBytes += Files.size(f.path());
            } catch (IOException | SecurityException e) {
                // The reader reports an unreadable file itself; the line just shows less.
            }
        }
    }

    /** {@code in}, counting what is read from it as the progress of {@code file}. */
    InputStream track(InputStream in, TraceFile file) {
        if (err == null) {
            return in;
        }
        bytesBefore += fileBytes;
        fileBytes = 0;
        name = String.valueOf(file.path().getFileName());
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }
        };
    }

    private void advance(int bytes) {
        fileBytes += bytes;
        long now = nanoClock.getAsLong();
        if (now - began < DELAY_MS * 1_000_000 || shown > 0 && now - lastDrawn < INTERVAL_MS * 1_000_000) {
            return;
        }
        lastDrawn = now;
        draw(line(now));
    }

    /** The read ended (or failed): the line, if shown, is erased. */
    void end() {
        if (err == null || shown == 0) {
            return;
        }
        err.print("\r" + " ".repeat(shown) + "\r");
        err.flush();
        shown = 0;
    }

    String line(long now) {
        long done = bytesBefore + fileBytes;
        String size = totalBytes > 0
                ? megabytes(done) + " of " + megabytes(totalBytes) + " (" + Math.min(100, done * 100 / totalBytes)
                        + "%)"
                : megabytes(done);
        String rest = "  " + size + "  " + String.format(Locale.ROOT, "%,d", report.records()) + " records  "
                + String.format(Locale.ROOT, "%.1f s", (now - began) / 1e9);
        String file = name;
        int room = width - 1 - "reading ".length() - rest.length();
        if (file.length() > room) {
            file = room < 4 ? "" : file.substring(0, room / 2) + "…" + file.substring(file.length() - (room - 1 - room / 2));
        }
        String line = "reading " + file + rest;
        return line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
    }

    private void draw(String line) {
        int pad = Math.max(0, shown - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        shown = line.length() + pad;
    }

    private static String megabytes(long bytes) {
        return bytes >= 10 * MB ? bytes / MB + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }
}
