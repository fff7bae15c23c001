package dev.agentdbg.runtime;

import java.io.OutputStream;
import java.util.Arrays;

/** A reusable growable byte array that the JSON generator writes one record into. */
final class LineBuffer extends OutputStream {
    private byte[] bytes = new byte[4096];
    private int size;

    @Override
    public void write(int b) {
        ensure(size + 1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(size + len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
        }
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
        if (bytes.length > 1 << 20) {
            bytes = new byte[4096]; // one huge record must not pin a huge array forever
        }
    }
}
