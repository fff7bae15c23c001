package dev.agentdbg.capture;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the memory that captured payloads hold while they wait for the drainer. A snapshot keeps
 * the application's strings by reference, so a fast caller of a capturing method with a slow or
 * stalled drainer could otherwise keep a buffer's worth of prompts alive. Above the limit, calls
 * are still traced but not captured, and counted.
 */
public final class CaptureBudget {
    /** Default limit of payload bytes waiting to be written. */
    public static final long DEFAULT_LIMIT = 64L * 1024 * 1024;

    private static final AtomicLong IN_FLIGHT = new AtomicLong();
    private static final AtomicLong SKIPPED = new AtomicLong();
    private static volatile long limit = DEFAULT_LIMIT;

    private CaptureBudget() {
    }

    public static void setLimit(long bytes) {
        limit = Math.max(1024, bytes);
    }

    /** @return whether a call may capture now; when not, the refusal is counted */
    public static boolean admit() {
        if (IN_FLIGHT.get() < limit) {
            return true;
        }
        SKIPPED.incrementAndGet();
        return false;
    }

    /** A capture of about {@code bytes} now waits to be written. */
    public static void hold(CapturedCall call, long bytes) {
        call.heldBytes += bytes;
        IN_FLIGHT.addAndGet(bytes);
    }

    /** The call's payload was written or dropped: its bytes no longer count. Idempotent. */
    public static void release(CapturedCall call) {
        long held = call.heldBytes;
        if (held != 0) {
            call.heldBytes = 0;
            IN_FLIGHT.addAndGet(-held);
        }
    }

    /** Calls traced without capture because the limit was reached. */
    public static long skipped() {
        return SKIPPED.get();
    }

    public static long inFlight() {
        return IN_FLIGHT.get();
    }
}
