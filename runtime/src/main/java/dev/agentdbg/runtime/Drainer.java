package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.RingBuffer;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.ThreadRing;
import dev.agentdbg.bootstrap.SpanSlot;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.replay.SideRecord;
import dev.agentdbg.replay.SideRecords;

import java.io.IOException;
import java.time.Instant;
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
    private final TraceOutput output;
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
    private long spansWritten;
    private long startsWritten;
    private long lastFlushNanos;

    Drainer(SpanRings rings, MethodRegistry registry, TraceSettings settings, RunInfo run) {
        this.rings = rings;
        this.registry = registry;
        this.settings = settings;
        this.run = run;
        this.output = new TraceOutput(new TraceWriter(settings.outputDir(), run.runId(), settings.rotateBytes()),
                registry, run);
        this.thread = new Thread(this, "agentdbg-drainer");
        thread.setDaemon(true);
    }

    /**
     * Checks the directory on the caller's thread, so a bad one is reported at start-up; the first
     * file (and the directory) is created only when the first record must be written, so a run that
     * traced nothing leaves nothing behind.
     */
    void start() {
        output.checkDirectory(settings.outputDir());
        SideRecords.open();
        thread.start();
    }

    /** The file being written, or the one the first record will create; null when files cannot be written. */
    String currentFile() {
        return output.currentFile();
    }

    @Override
    public void run() {
        try {
            encoder = new RecordEncoder(settings.exceptionFrames(), registry);
            output.use(encoder, () -> statsLine(false, null));
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
                output.flush();
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
            SideRecords.discardRemaining(); // counted in the stats' recordsDropped
            if (encoder == null) {
                return; // never started: there is no file to finish
            }
            if (stopped) {
                encoder.discard(); // the failure may have left it inside a record
            }
            writeReports();
            if (writeFinalStats() && !output.failed()) {
                System.err.println("[agentdbg] trace: " + spansWritten + " spans, " + rings.dropped()
                        + " dropped -> " + output.file());
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
        if (!output.failed() && !output.isOpen() && rings.dropped() == 0) {
            output.reportNothingTraced(unmatched);
            return false;
        }
        output.continueIfFileVanished();
        output.writeRemainingMethods();
        writeClassNotes();
        writeStats(true, unmatched);
        output.close();
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
            if (output.isOpen()) {
                writeClassNotes(); // a run that traces nothing gets no file for its class notes alone
            }
            n += rings.shared().drain(spanWriter, batch);
            n += writeSideRecords(batch);
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
        if (output.failed()) {
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
            output.openIfNeeded();
            output.writeMethodIfNeeded(methodId);
            output.emit(encoder.span(span), methodId);
            if (span.isStart()) {
                startsWritten++;
            } else {
                spansWritten++;
            }
            written = true;
        } catch (IOException e) {
            output.fail("cannot write to trace file " + output.file(), e);
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

    private void writeReports() {
        String[] report;
        while ((report = AgentCounters.pollReport()) != null) {
            if (output.failed()) {
                continue;
            }
            try {
                output.openIfNeeded();
                output.emit(encoder.agentError(report[0], report[1]), 0);
            } catch (IOException e) {
                output.fail("cannot write to trace file " + output.file(), e);
            }
        }
    }

    /** Recordings and replay events waiting for the drainer; their memory is released once written. */
    private int writeSideRecords(int batch) {
        int n = 0;
        SideRecord record;
        while (n < batch && (record = SideRecords.poll()) != null) {
            n++;
            try {
                if (output.failed()) {
                    continue;
                }
                output.openIfNeeded();
                if (record.methodId() > 0) {
                    output.writeMethodIfNeeded(record.methodId());
                }
                output.emit(encoder.side(record), record.methodId());
            } catch (IOException e) {
                output.fail("cannot write to trace file " + output.file(), e);
            } finally {
                SideRecords.release(record);
                encoder.trimLine();
            }
        }
        return n;
    }

    private void writeStats(boolean last, List<String> unmatched) {
        if (output.failed()) {
            return;
        }
        try {
            output.openIfNeeded();
            output.append(statsLine(last, unmatched));
        } catch (IOException e) {
            output.fail("cannot write to trace file " + output.file(), e);
        }
    }

    /** The {@code class} records of the classes noted since the last drain. */
    private void writeClassNotes() {
        ClassNotes.Note note;
        while ((note = ClassNotes.poll()) != null) {
            if (output.failed()) {
                continue;
            }
            try {
                output.openIfNeeded();
                output.emit(encoder.classNote(note), 0);
            } catch (IOException e) {
                output.fail("cannot write to trace file " + output.file(), e);
            }
        }
    }

    /** The stats record: the last one of the run, or the one that closes a part before rotation. */
    private LineBuffer statsLine(boolean last, List<String> unmatched) throws IOException {
        return encoder.stats(last, Instant.now(), Spans.toEpochNanos(System.nanoTime()), spansWritten, startsWritten,
                rings.dropped(), rings.droppedStarts(), output.totalBytes(), output.files(), unmatched, budgetStats());
    }

    private BudgetStats budgetStats() {
        MemoryBudget budget = rings.budget();
        return new BudgetStats(budget.max(), budget.peak(), rings.droppedByBudget(), droppedAtExit);
    }
}
