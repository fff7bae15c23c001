package dev.agentdbg.capture;

import dev.agentdbg.bootstrap.MemoryBudget;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the memory that captured payloads hold while they wait for the drainer. A snapshot keeps
 * the application's strings by reference, so a fast caller of a capturing method with a slow or
 * stalled drainer could otherwise keep a buffer's worth of prompts alive. Payload bytes are
 * reserved from the agent's one {@link MemoryBudget}; {@code agentdbg.capture.maxBuffered} is a
 * sub-limit within it. Above either, calls are still traced but not captured, and counted.
 */
public final class CaptureBudget {
    /** Default sub-limit of payload bytes waiting to be written. */
    public static final long DEFAULT_LIMIT = 64L * 1024 * 1024;

    private static final AtomicLong IN_FLIGHT = new AtomicLong();
    private static final AtomicLong SKIPPED = new AtomicLong();
    private static final CapturedCall SKIPPED_CALL = newSkippedCall();
    private static volatile long limit = DEFAULT_LIMIT;

    private CaptureBudget() {
    }

    public static void setLimit(long bytes) {
        limit = Math.max(1024, bytes);
    }

    /** @return whether a call may capture now; when not, the refusal is counted */
    public static boolean admit() {
        MemoryBudget budget = MemoryBudget.installed();
        if (IN_FLIGHT.get() < limit && (budget == null || budget.hasRoom(0))) {
            return true;
        }
        SKIPPED.incrementAndGet();
        return false;
    }

    /**
     * A capture of about {@code bytes} now waits to be written. When the budget has no room for it,
     * the call is marked skipped (its snapshots are then dropped by the caller) and counted.
     */
    public static void hold(CapturedCall call, long bytes) {
        MemoryBudget budget = MemoryBudget.installed();
        if (call.skipped || budget != null && !budget.tryReserve(bytes)) {
            if (!call.skipped) {
                call.skipped = true;
                SKIPPED.incrementAndGet();
            }
            return;
        }
        call.heldBytes += bytes;
        IN_FLIGHT.addAndGet(bytes);
    }

    /** The call's payload was written or dropped: its bytes no longer count. Idempotent. */
    public static void release(CapturedCall call) {
        long held = call.heldBytes;
        if (held != 0) {
            call.heldBytes = 0;
            IN_FLIGHT.addAndGet(-held);
            MemoryBudget budget = MemoryBudget.installed();
            if (budget != null) {
                budget.release(held);
            }
        }
    }

    /**
     * The capture of a call the budget had no room for (shared: it holds nothing), counted as
     * skipped; the span is written with {@code "captureSkipped":true}.
     */
    public static CapturedCall skippedCall() {
        SKIPPED.incrementAndGet();
        return SKIPPED_CALL;
    }

    /** Calls traced without capture because a limit was reached. */
    public static long skipped() {
        return SKIPPED.get();
    }

    public static long inFlight() {
        return IN_FLIGHT.get();
    }

    private static CapturedCall newSkippedCall() {
        CapturedCall call = new CapturedCall(null);
        call.skipped = true;
        return call;
    }
}
