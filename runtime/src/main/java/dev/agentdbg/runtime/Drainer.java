package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MemoryBudget;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The background thread that empties the ring buffer into trace files: spans, the method records
 * they refer to, internal fault reports, periodic flushes, rotation, and the final stats.
 *
 * <p>It never slows the application: if the files cannot be written it keeps draining and counts
 * what it could not write as dropped. If it fails itself (an Error included) recording stops, the
 * application goes on, and the final stats are still attempted at exit. No application thread
 * ever waits for it; the JVM's exit waits at most the shutdown budget plus {@link #GRACE_MILLIS}.
 */
final class Drainer implements Runnable {
    /** Reserved from the memory budget at start: the writer's pending buffer and the encoder's line. */
    static final long WRITE_BUFFER_BYTES = 256 * 1024 + 64 * 1024;
    /** Beyond the shutdown budget, the time the final records may take before the exit goes on without them. */
    static final long GRACE_MILLIS = 3_000;
    private static final int BATCH = 1024;
    /** Spans written per ring between two looks at the clock once the shutdown budget runs. */
    private static final int FINAL_BATCH = 128;
    private static final long NO_DEADLINE = Long.MIN_VALUE;
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
    /** When the final drain must stop (System.nanoTime()); written before {@code running} is cleared. */
    private volatile long deadlineNanos = NO_DEADLINE;
    /** Set once the drainer has failed with an unexpected Throwable: recording is off. */
    private volatile boolean stopped;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean faultReported = new AtomicBoolean();
    /** Test hook: runs before each span is written, so a test can make the writer fail. null in use. */
    Runnable beforeEachSpan;
    private long droppedAtExit;
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
        try {
            encoder = new RecordEncoder(settings.exceptionFrames(), registry);
            loop();
            end(deadlineNanos);
        } catch (Throwable t) {
            stopAfterFault(t);
        }
    }

    private void loop() {
        long idlePark = MIN_IDLE_PARK_NANOS;
        lastFlushNanos = System.nanoTime();
        while (running) {
            int n = drainOnce(NO_DEADLINE);
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

    /**
     * Called once, by the shutdown hook: the drainer writes what it can until the shutdown budget
     * is spent, counts the rest as dropped and writes the final stats. The hook waits for that at
     * most the budget plus {@link #GRACE_MILLIS}; a drainer stuck on I/O is left behind.
     */
    void finish(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        deadlineNanos = deadline == NO_DEADLINE ? deadline + 1 : deadline;
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(0, timeoutMillis) + GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            end(deadlineNanos); // after a failure of the drainer (or if it never ran), on the hook's thread
        }
    }

    /**
     * Drains until the deadline, counts what is left as dropped, writes the final records. Runs once,
     * on the drainer thread or, if that has died, on the shutdown hook's.
     */
    private void end(long deadline) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!stopped && encoder != null) {
                while (!passed(deadline) && drainOnce(deadline) > 0) {
                    // what producers added while we stopped
                }
            }
            Spans.uninstall();
            if (!stopped && encoder != null && !passed(deadline)) {
                drainOnce(deadline); // calls that were between their check of the buffer and their offer
            }
            droppedAtExit += Leftovers.count(rings, false);
            if (encoder == null) {
                return; // never started: there is no file to finish
            }
            if (stopped) {
                encoder.discard(); // the failure may have left it inside a record
            }
            writeReports();
            if (writeFinalStats() && !failed) {
                System.err.println("[agentdbg] trace: " + spansWritten + " spans, " + rings.dropped()
                        + " dropped -> " + writer.currentFile());
            }
        } catch (Throwable t) {
            Spans.uninstall();
            reportFault(t);
            try {
                Leftovers.count(rings, false);
                encoder.discard();
                writeFinalStats(); // one more try, without the method records and reports
            } catch (Throwable ignored) {
                // the stats cannot be written in this state; the application goes on regardless
            }
        }
    }

    /** @return false when nothing was traced, so no file was written */
    private boolean writeFinalStats() {
        List<String> unmatched;
        try {
            unmatched = AgentCounters.unmatchedRules.get();
        } catch (RuntimeException e) {
            unmatched = List.of();
        }
        if (!failed && !writer.isOpen() && rings.dropped() == 0) {
            reportNothingTraced(unmatched);
            return false;
        }
        continueIfFileVanished();
        writeRemainingMethods();
        writeStats(true, unmatched);
        try {
            writer.close();
        } catch (IOException e) {
            fail("cannot finish trace file " + writer.currentFile(), e);
        }
        return true;
    }

    private static boolean passed(long deadline) {
        return deadline != NO_DEADLINE && System.nanoTime() - deadline >= 0;
    }

    /**
     * The drainer failed with something it did not expect (an OutOfMemoryError, a StackOverflowError,
     * a bug): recording stops, the buffered spans are counted as dropped and let go, and the
     * application goes on. The final stats are attempted at exit.
     */
    private void stopAfterFault(Throwable fault) {
        stopped = true;
        Spans.uninstall();
        reportFault(fault);
        try {
            AgentCounters.internalError("drainer", fault);
            Leftovers.count(rings, true);
        } catch (Throwable ignored) {
            // nothing more can be let go; the exit still tries the stats
        }
        if (!running) {
            end(deadlineNanos); // the shutdown hook is waiting for the final records
        }
    }

    /** Says once on stderr that recording stopped, never with a stack trace. */
    private void reportFault(Throwable fault) {
        if (faultReported.compareAndSet(false, true)) {
            try {
                System.err.println("[agentdbg] the trace writer failed (" + fault.getClass().getName()
                        + "); recording stopped, the application continues");
            } catch (Throwable ignored) {
                // stderr itself is gone: nothing else to tell
            }
        }
    }

    /**
     * One pass over every ring; with a deadline, in small batches and stopping at it, and without,
     * stopping early when the shutdown hook asks (the final pass then has the deadline).
     * @return spans handled
     */
    private int drainOnce(long deadline) {
        int n = 0;
        int batch = deadline == NO_DEADLINE ? BATCH : FINAL_BATCH;
        try {
            writeReports();
            n += rings.shared().drain(spanWriter, batch);
            long now = System.nanoTime();
            for (ThreadRing ring : rings.threadRings()) {
                if (deadline == NO_DEADLINE ? !running : passed(deadline)) {
                    break;
                }
                n += ring.drain(spanWriter, batch);
                if (!ring.owner().isAlive() && ring.isEmpty()) {
                    rings.retire(ring);
                } else {
                    ring.shrinkIfIdle(now);
                }
            }
            return n;
        } catch (RuntimeException e) {
            encoder.discard();
            AgentCounters.internalError("drain", e);
            return n + 1; // the faulty slot was released; keep going
        }
    }

    private void writeSpan(SpanSlot span) {
        if (failed) {
            countUnwritten(span);
            return;
        }
        if (!running && passed(deadlineNanos)) {
            droppedAtExit += span.isStart() ? 0 : 1; // the shutdown budget is spent: count, don't write
            countUnwritten(span);
            return;
        }
        boolean written = false;
        try {
            Runnable hook = beforeEachSpan;
            if (hook != null) {
                hook.run();
            }
            int methodId = span.methodId();
            openIfNeeded();
            writeMethodIfNeeded(methodId);
            emit(encoder.span(span), methodId);
            if (span.isStart()) {
                startsWritten++;
            } else {
                spansWritten++;
            }
            written = true;
        } catch (IOException e) {
            fail("cannot write to trace file " + writer.currentFile(), e);
        } catch (RuntimeException e) {
            encoder.discard();
            AgentCounters.internalError("drain", e);
        } finally {
            if (!written) {
                countUnwritten(span); // an Error goes on up, with its span counted
            }
        }
    }

    /** A span the writer could not write is dropped, and counted as such. */
    private void countUnwritten(SpanSlot span) {
        rings.countUnwritten(span.isStart() ? 0 : 1, span.isStart() ? 1 : 0);
        Leftovers.releaseCapture(span);
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
                spansWritten, startsWritten, rings.dropped(), rings.droppedStarts(), writer.totalBytes(), writer.files(), null,
                budgetStats()));
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
                    spansWritten, startsWritten, rings.dropped(), rings.droppedStarts(), writer.totalBytes(), writer.files(), unmatched,
                    budgetStats()));
        } catch (IOException e) {
            fail("cannot write to trace file " + writer.currentFile(), e);
        }
    }

    private BudgetStats budgetStats() {
        MemoryBudget budget = rings.budget();
        return new BudgetStats(budget.max(), budget.peak(), rings.droppedByBudget(), droppedAtExit);
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
