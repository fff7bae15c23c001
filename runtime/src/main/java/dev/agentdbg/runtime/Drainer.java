package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.RingBuffer;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.ThreadRing;
import dev.agentdbg.bootstrap.SpanSlot;
import dev.agentdbg.bootstrap.Spans;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The background thread that empties the ring buffer into trace files: spans, the method records
 * they refer to, internal fault reports, periodic flushes, rotation, and the final stats.
 *
 * <p>It never slows the application: if the files cannot be written it keeps draining and counts
 * what it could not write as dropped.
 */
final class Drainer implements Runnable {
    private static final int BATCH = 4096;
    private static final long MIN_IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final SpanRings rings;
    private final MethodRegistry registry;
    private final TraceSettings settings;
    private final RunInfo run;
    /** Created on the drainer thread, so loading Jackson does not delay the application's start. */
    private RecordEncoder encoder;
    private final TraceWriter writer;
    private final BitSet methodsInFile = new BitSet();
    private final RingBuffer.SpanConsumer spanWriter = this::writeSpan;
    private final Thread thread;

    private volatile boolean running = true;
    private boolean failed;
    private long spansWritten;
    private long startsWritten;
    private long lastFlushNanos;

    Drainer(SpanRings rings, MethodRegistry registry, TraceSettings settings, RunInfo run) {
        this.rings = rings;
        this.registry = registry;
        this.settings = settings;
        this.run = run;
        this.writer = new TraceWriter(settings.outputDir(), run.runId(), settings.rotateBytes());
        this.thread = new Thread(this, "agentdbg-drainer");
        thread.setDaemon(true);
    }

    /**
     * Checks the directory on the caller's thread, so a bad one is reported at start-up; the first
     * file (and the directory) is created only when the first record must be written, so a run that
     * traced nothing leaves nothing behind.
     */
    void start() {
        String problem = TraceWriter.whyNotWritable(settings.outputDir());
        if (problem != null) {
            fail("cannot write trace files to " + settings.outputDir().toAbsolutePath(), problem);
        }
        thread.start();
    }

    /** The file being written, or the one the first record will create; null when files cannot be written. */
    String currentFile() {
        Path file = writer.isOpen() ? writer.currentFile() : writer.firstFile();
        return failed ? null : file.toString();
    }

    @Override
    public void run() {
        encoder = new RecordEncoder(settings.exceptionFrames(), registry);
        long idlePark = MIN_IDLE_PARK_NANOS;
        lastFlushNanos = System.nanoTime();
        while (running) {
            int n = drainOnce();
            long now = System.nanoTime();
            if (now - lastFlushNanos >= TimeUnit.MILLISECONDS.toNanos(settings.flushIntervalMillis())) {
                flush();
                lastFlushNanos = now;
            }
            if (n == 0) {
                LockSupport.parkNanos(idlePark);
                idlePark = Math.min(idlePark * 2, MAX_IDLE_PARK_NANOS);
            } else {
                idlePark = MIN_IDLE_PARK_NANOS;
            }
        }
    }

    /** Stops the thread, writes what is left and the final stats. Called once, at shutdown. */
    void finish(long timeoutMillis) {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive() || encoder == null) {
            return; // stuck on I/O (or never started): never hold up the JVM's exit for it
        }
        while (drainOnce() > 0) {
            // what producers added while we stopped
        }
        Spans.uninstall();
        drainOnce(); // calls that were between their check of the buffer and their offer
        writeReports();
        List<String> unmatched;
        try {
            unmatched = AgentCounters.unmatchedRules.get();
        } catch (RuntimeException e) {
            unmatched = List.of();
        }
        if (!failed && !writer.isOpen() && rings.dropped() == 0) {
            reportNothingTraced(unmatched);
            return;
        }
        continueIfFileVanished();
        writeRemainingMethods();
        writeStats(true, unmatched);
        try {
            writer.close();
        } catch (IOException e) {
            fail("cannot finish trace file " + writer.currentFile(), e);
        }
        if (!failed) {
            System.err.println("[agentdbg] trace: " + spansWritten + " spans, " + rings.dropped()
                    + " dropped -> " + writer.currentFile());
        }
    }

    /** One pass over every ring. @return spans handled */
    private int drainOnce() {
        int n = 0;
        try {
            writeReports();
            n += rings.shared().drain(spanWriter, BATCH);
            for (ThreadRing ring : rings.threadRings()) {
                n += ring.drain(spanWriter, BATCH);
                if (!ring.owner().isAlive() && ring.isEmpty()) {
                    rings.retire(ring);
                }
            }
            return n;
        } catch (Throwable t) {
            encoder.discard();
            AgentCounters.internalError("drain", t);
            return n + 1; // the faulty slot was released; keep going
        }
    }

    private void writeSpan(SpanSlot span) {
        if (failed) {
            countUnwritten(span);
            return;
        }
        try {
            int methodId = span.methodId();
            openIfNeeded();
            writeMethodIfNeeded(methodId);
            emit(encoder.span(span), methodId);
            if (span.isStart()) {
                startsWritten++;
            } else {
                spansWritten++;
            }
        } catch (IOException e) {
            countUnwritten(span);
            fail("cannot write to trace file " + writer.currentFile(), e);
        }
    }

    /** A span the writer could not write is dropped, and counted as such (start records are not counted). */
    private void countUnwritten(SpanSlot span) {
        if (!span.isStart()) {
            rings.shared().countDropped(1);
        }
    }

    private void writeMethodIfNeeded(int methodId) throws IOException {
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
    private void emit(LineBuffer line, int methodIdNeeded) throws IOException {
        if (!writer.wouldOverflow(line.size())) {
            writer.append(line);
            return;
        }
        byte[] saved = Arrays.copyOf(line.array(), line.size()); // rotation reuses the encoder
        writer.append(encoder.stats(false, Instant.now(), Spans.toEpochNanos(System.nanoTime()),
                spansWritten, startsWritten, rings.dropped(), rings.droppedStarts(), writer.totalBytes(), writer.files(), null));
        openPart();
        if (methodIdNeeded > 0) {
            writeMethodIfNeeded(methodIdNeeded);
        }
        writer.append(saved, saved.length);
    }

    /**
     * The first record of the run creates the directory and the file. Called before a record is
     * encoded: the encoder reuses one buffer, which the run record would overwrite.
     */
    private void openIfNeeded() throws IOException {
        if (!writer.isOpen()) {
            openPart();
        }
    }

    /** Starts the next part of a rotated run. */
    private void openPart() throws IOException {
        writer.openNextPart();
        methodsInFile.clear();
        writer.append(encoder.run(run, writer.files() - 1));
        writer.flush(); // the header is on disk even if the JVM dies before the first flush
    }

    private void writeRemainingMethods() {
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

    private void writeReports() {
        String[] report;
        while ((report = AgentCounters.pollReport()) != null) {
            if (failed) {
                continue;
            }
            try {
                openIfNeeded();
                emit(encoder.agentError(report[0], report[1]), 0);
            } catch (IOException e) {
                fail("cannot write to trace file " + writer.currentFile(), e);
            }
        }
    }

    private void writeStats(boolean last, List<String> unmatched) {
        if (failed) {
            return;
        }
        try {
            openIfNeeded();
            writer.append(encoder.stats(last, Instant.now(), Spans.toEpochNanos(System.nanoTime()),
                    spansWritten, startsWritten, rings.dropped(), rings.droppedStarts(), writer.totalBytes(), writer.files(), unmatched));
        } catch (IOException e) {
            fail("cannot write to trace file " + writer.currentFile(), e);
        }
    }

    private void flush() {
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
    private void continueIfFileVanished() {
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
    private void reportNothingTraced(List<String> unmatched) {
        String why = !unmatched.isEmpty() ? "; rules that matched no method: " + String.join(", ", unmatched)
                : registry.maxId() > 0 ? "; no instrumented method was called" : "";
        System.err.println("[agentdbg] nothing was traced, so no trace file was written" + why);
    }

    /** Reports once, then keeps draining and counting spans as dropped: the app must go on. */
    private void fail(String what, Exception e) {
        fail(what, describe(e));
    }

    private void fail(String what, String why) {
        if (!failed) {
            failed = true;
            System.err.println("[agentdbg] " + what + ": " + why
                    + ". Tracing is off for the rest of this run; the application continues.");
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null ? type : type + " (" + message + ")";
    }
}
