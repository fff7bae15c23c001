package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The run's trace files as the drainer writes them: created at the first record, a run record and
 * the method records it needs at the head of every part, rotation, a part deleted under us, and
 * the one failure after which nothing more is written. Drainer thread only.
 */
final class TraceOutput {
    /** The stats line that closes a part before rotation (the drainer knows the counts). */
    interface StatsLine {
        LineBuffer line() throws IOException;
    }

    private final TraceWriter writer;
    private final MethodRegistry registry;
    private final RunInfo run;
    private final BitSet methodsInFile = new BitSet();
    private RecordEncoder encoder;
    private StatsLine rotationStats;
    private volatile boolean failed;

    TraceOutput(TraceWriter writer, MethodRegistry registry, RunInfo run) {
        this.writer = writer;
        this.registry = registry;
        this.run = run;
    }

    /** Made on the drainer thread (loading Jackson must not delay the application's start). */
    void use(RecordEncoder encoder, StatsLine rotationStats) {
        this.encoder = encoder;
        this.rotationStats = rotationStats;
    }

    /** Checks the directory without creating it, so a bad one is reported at start-up. */
    void checkDirectory(Path dir) {
        String problem = TraceWriter.whyNotWritable(dir);
        if (problem != null) {
            fail("cannot write trace files to " + dir.toAbsolutePath(), problem);
        }
    }

    /** The file being written, or the one the first record will create; null when files cannot be written. */
    String currentFile() {
        Path file = writer.isOpen() ? writer.currentFile() : writer.firstFile();
        return failed ? null : file.toString();
    }

    Path file() {
        return writer.currentFile();
    }

    boolean failed() {
        return failed;
    }

    boolean isOpen() {
        return writer.isOpen();
    }

    long totalBytes() {
        return writer.totalBytes();
    }

    int files() {
        return writer.files();
    }

    /** Appends a line that never rotates the file (the stats). */
    void append(LineBuffer line) throws IOException {
        put(line.array(), line.size());
    }

    /** Writes a line and tees it to the live debugger's feed ({@link TraceTap}). */
    private void put(byte[] bytes, int length) throws IOException {
        writer.append(bytes, length);
        TraceTap.offer(bytes, length);
    }

    void close() {
        try {
            writer.close();
        } catch (IOException e) {
            fail("cannot finish trace file " + writer.currentFile(), e);
        }
    }

    void writeMethodIfNeeded(int methodId) throws IOException {
        if (methodsInFile.get(methodId)) {
            return;
        }
        MethodInfo method = registry.get(methodId);
        if (method != null) {
            openIfNeeded();
            emit(encoder.method(method), 0);
            methodsInFile.set(methodId); // after: emitting may open a new part, which starts empty
        }
    }

    /** Writes a line, rotating first if it would take the file past its size limit. */
    void emit(LineBuffer line, int methodIdNeeded) throws IOException {
        if (!writer.wouldOverflow(line.size())) {
            put(line.array(), line.size());
            return;
        }
        byte[] saved = Arrays.copyOf(line.array(), line.size()); // rotation reuses the encoder
        LineBuffer stats = rotationStats.line();
        put(stats.array(), stats.size());
        openPart();
        if (methodIdNeeded > 0) {
            writeMethodIfNeeded(methodIdNeeded);
        }
        put(saved, saved.length);
    }

    /**
     * The first record of the run creates the directory and the file. Called before a record is
     * encoded: the encoder reuses one buffer, which the run record would overwrite.
     */
    void openIfNeeded() throws IOException {
        if (!writer.isOpen()) {
            openPart();
        }
    }

    /** Starts the next part of a rotated run. */
    private void openPart() throws IOException {
        writer.openNextPart();
        methodsInFile.clear();
        LineBuffer header = encoder.run(run, writer.files() - 1);
        put(header.array(), header.size());
        writer.flush(); // the header is on disk even if the JVM dies before the first flush
    }

    void writeRemainingMethods() {
        if (failed) {
            return;
        }
        try {
            for (int id = 1; id <= registry.maxId(); id++) {
                writeMethodIfNeeded(id);
            }
        } catch (IOException e) {
            fail("cannot write to trace file " + writer.currentFile(), e);
        }
    }

    void flush() {
        if (failed || !writer.isDirty()) {
            return;
        }
        continueIfFileVanished();
        try {
            writer.flush();
        } catch (IOException e) {
            fail("cannot write to trace file " + writer.currentFile(), e);
        }
    }

    /**
     * A part deleted (or moved) while we write would swallow everything after it: say so, and go on
     * in the next part, which starts like a rotated one. The lines not yet handed to the OS move to
     * it, after the method records the lost file held. A {@code stat} per flush, on this thread.
     */
    void continueIfFileVanished() {
        if (failed || !writer.fileVanished()) {
            return;
        }
        Path lost = writer.currentFile();
        try {
            byte[] carried = writer.takePending();
            BitSet methodsLost = (BitSet) methodsInFile.clone();
            openPart();
            System.err.println("[agentdbg] trace file " + lost + " was deleted or moved while the application ran;"
                    + " what it held is lost, recording goes on in " + writer.currentFile());
            for (int id = methodsLost.nextSetBit(0); id >= 0; id = methodsLost.nextSetBit(id + 1)) {
                writeMethodIfNeeded(id);
            }
            writer.append(carried, carried.length);
        } catch (IOException e) {
            fail("cannot write to trace file " + writer.currentFile(), e);
        }
    }


    /** One line for a run that wrote nothing: no file, no directory, and the rules that found nothing. */
    void reportNothingTraced(List<String> unmatched) {
        String why = !unmatched.isEmpty() ? "; rules that matched no method: " + String.join(", ", unmatched)
                : registry.maxId() > 0 ? "; no instrumented method was called" : "";
        System.err.println("[agentdbg] nothing was traced, so no trace file was written" + why);
    }

    /** Reports once, then keeps draining and counting spans as dropped: the app must go on. */
    void fail(String what, Exception e) {
        fail(what, IoErrors.reason(e));
    }

    void fail(String what, String why) {
        if (!failed) {
            failed = true;
            System.err.println("[agentdbg] " + what + ": " + why
                    + ". Tracing is off for the rest of this run; the application continues.");
        }
    }
}
