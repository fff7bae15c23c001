package dev.agentdbg.analyzer.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them, so each line goes to Jackson as raw bytes and a
 * file of any size is read with one small buffer.
 */
final class LineSource implements Closeable {

    /** Longer lines are counted but not kept: no valid record is that large, and keeping it risks the heap. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[8 * 1024];
    private int length;
    private long byteCount;
    private boolean terminated;
    private long number;

    LineSource(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; {@code false} at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        byteCount = 0;
        terminated = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(chunk);
                if (n <= 0) {
                    pos = 0;
                    limit = 0;
                    if (byteCount == 0) {
                        return false;
                    }
                    number++;
                    return true;
                }
                pos = 0;
                limit = n;
            }
            int i = pos;
            while (i < limit && chunk[i] != '\n') {
                i++;
            }
            append(pos, i - pos);
            if (i < limit) {
                pos = i + 1;
                terminated = true;
                number++;
                return true;
            }
            pos = limit;
        }
    }

    private void append(int from, int count) {
        byteCount += count;
        if (byteCount > MAX_LINE_BYTES) {
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(chunk, from, line, length, count);
        length += count;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** Bytes in the line, without the newline; may exceed {@link #length()} for an oversized line. */
    long byteCount() {
        return byteCount;
    }

    boolean tooLong() {
        return byteCount > MAX_LINE_BYTES;
    }

    /** Whether the line ended with a newline; the last line of a file torn by a crash does not. */
    boolean terminated() {
        return terminated;
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
