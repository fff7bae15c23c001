package dev.agentdbg.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Appends complete lines to the run's trace files and rotates them by size.
 *
 * <p>Lines are collected in a pending buffer and handed to the OS only whole, so a process killed
 * at any moment leaves files made of complete lines; a write the OS takes only in part (a full disk,
 * a file-size limit) is cut back to the last complete line. Each new part starts with the run record.
 * Nothing is created before the first part is opened, so a run that writes nothing leaves nothing.
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
    /** Bytes of the current part the OS has taken: always the end of a complete line. */
    private long onDisk;
    /** Identity of the current part's file, to notice it being deleted or replaced. */
    private Object fileKey;
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
        onDisk = 0;
        fileKey = fileKey(currentFile);
    }

    /** The file the run's first part goes to (created only when the first record is written). */
    Path firstFile() {
        return dir.resolve(runId + ".jsonl");
    }

    boolean isOpen() {
        return channel != null;
    }

    /**
     * Why files cannot be created in {@code dir}, or null when they probably can. Checks the nearest
     * existing ancestor without creating anything, so start-up can report a bad directory while a run
     * that writes nothing still leaves nothing.
     */
    static String whyNotWritable(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return "no part of the path exists";
        }
        if (!Files.isDirectory(p)) {
            return p + " is not a directory";
        }
        if (!Files.isWritable(p)) {
            return p + " is not writable (permission denied or a read-only file system)";
        }
        return null;
    }

    /**
     * True when the current part's path no longer names the file being written (deleted, moved or
     * replaced): what is written next would be lost. One {@code stat}; called per flush, not per line.
     */
    boolean fileVanished() {
        if (channel == null) {
            return false;
        }
        try {
            Object now = fileKey(currentFile);
            return now != null && fileKey != null && !now.equals(fileKey);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /**
     * Removes the complete lines not yet handed to the OS, for a new part to carry; they count as
     * unwritten again.
     */
    byte[] takePending() {
        byte[] lines = Arrays.copyOf(pending.array(), pending.position());
        pending.clear();
        totalBytes -= lines.length;
        fileBytes -= lines.length;
        return lines;
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

    /**
     * Writes whole lines. When the OS fails part-way (a full disk, a file-size limit), the file is cut
     * back to the last complete line it took, so the lines before the fault are kept and no torn
     * line is left.
     */
    private void writeFully(ByteBuffer bytes) throws IOException {
        int start = bytes.position();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            long kept = completeLines(bytes, start, bytes.position());
            try {
                channel.truncate(onDisk + kept);
                onDisk += kept;
            } catch (IOException | RuntimeException cutFailed) {
                e.addSuppressed(cutFailed);
            }
            throw e;
        }
        onDisk += bytes.position() - start;
    }

    /** Bytes of {@code bytes[start, end)} up to and including its last newline. */
    private static long completeLines(ByteBuffer bytes, int start, int end) {
        for (int i = end - 1; i >= start; i--) {
            if (bytes.get(i) == '\n') {
                return i + 1 - start;
            }
        }
        return 0;
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
