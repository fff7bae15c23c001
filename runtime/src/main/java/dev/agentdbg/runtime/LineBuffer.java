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

    /** Drops a buffer grown past {@code keep} bytes (after a big record), keeping the usual size. */
    void trim(int keep) {
        if (bytes.length > keep) {
            bytes = new byte[4096];
            size = 0;
        }
    }

    /** Appends a string known to be ASCII without characters JSON must escape. */
    void writeAscii(String s) {
        int n = s.length();
        ensure(size + n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    /** Appends bytes prepared in advance (constant JSON fragments). */
    void writeBytes(byte[] b) {
        ensure(size + b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** Appends a decimal number. */
    void writeLong(long value) {
        if (value == Long.MIN_VALUE) {
            writeAscii("-9223372036854775808");
            return;
        }
        ensure(size + 20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int end = size + digits;
        for (int i = end - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + (value % 10));
            value /= 10;
        }
        size = end;
    }

    /** Appends 16 lowercase hex digits. */
    void writeHex16(long value) {
        ensure(size + 16);
        for (int i = 15; i >= 0; i--) {
            int digit = (int) (value & 0xf);
            bytes[size + i] = (byte) (digit < 10 ? '0' + digit : 'a' + digit - 10);
            value >>>= 4;
        }
        size += 16;
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
