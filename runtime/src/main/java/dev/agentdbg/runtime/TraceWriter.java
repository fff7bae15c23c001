package dev.agentdbg.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends complete lines to the run's trace files and rotates them by size.
 *
 * <p>Lines are collected in a pending buffer and handed to the OS only whole, so a process killed
 * at any moment leaves files made of complete lines. Each new part starts with the run record.
 */
final class TraceWriter implements AutoCloseable {
    private static final int PENDING_CAPACITY = 256 * 1024;

    private final Path dir;
    private final String runId;
    private final long rotateBytes;
    private final ByteBuffer pending = ByteBuffer.allocate(PENDING_CAPACITY);
    private FileChannel channel;
    private Path currentFile;
    private int part = -1;
    private long fileBytes;
    private long totalBytes;
    private boolean dirty;

    TraceWriter(Path dir, String runId, long rotateBytes) {
        this.dir = dir;
        this.runId = runId;
        this.rotateBytes = rotateBytes;
    }

    /** Opens the next part. The caller writes the run record first. */
    void openNextPart() throws IOException {
        closeChannel();
        part++;
        Files.createDirectories(dir);
        currentFile = dir.resolve(part == 0 ? runId + ".jsonl" : runId + "." + part + ".jsonl");
        channel = FileChannel.open(currentFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        fileBytes = 0;
    }

    /** True when {@code nextLineBytes} more would take the current part past the rotation size. */
    boolean wouldOverflow(int nextLineBytes) {
        return fileBytes > 0 && fileBytes + nextLineBytes > rotateBytes;
    }

    void append(LineBuffer line) throws IOException {
        append(line.array(), line.size());
    }

    /** @param bytes one or more complete lines, each ending in a newline */
    void append(byte[] bytes, int len) throws IOException {
        if (len > pending.remaining()) {
            flush();
        }
        if (len > pending.capacity()) {
            writeFully(ByteBuffer.wrap(bytes, 0, len));
        } else {
            pending.put(bytes, 0, len);
        }
        fileBytes += len;
        totalBytes += len;
        dirty = true;
    }

    /** Hands every pending complete line to the operating system. */
    void flush() throws IOException {
        if (pending.position() > 0) {
            pending.flip();
            try {
                writeFully(pending);
            } finally {
                pending.clear();
            }
        }
        dirty = false;
    }

    boolean isDirty() {
        return dirty;
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    long totalBytes() {
        return totalBytes;
    }

    int files() {
        return part + 1;
    }

    Path currentFile() {
        return currentFile;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            closeChannel();
        }
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            try {
                flush();
            } finally {
                channel.close();
                channel = null;
            }
        }
    }
}
