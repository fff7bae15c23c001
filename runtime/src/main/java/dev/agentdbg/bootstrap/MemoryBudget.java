package dev.agentdbg.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one memory budget all of the agent's buffers share ({@code agentdbg.memory.max}): ring
 * segments, the virtual threads' shared ring, captured payloads waiting to be written and the
 * writer's buffers. Bytes are reserved before they are allocated; a reservation that would pass
 * the limit is refused, and the caller drops (and counts) instead of allocating. Only slow paths
 * reserve (a ring growing, a payload captured), never a plain span.
 */
public final class MemoryBudget {
    /** Default when the heap is large: {@code agentdbg.memory.max} is at most this. */
    public static final long DEFAULT_MAX = 64L * 1024 * 1024;
    /** The default is at most this share of the heap ({@code Runtime.maxMemory() / 8}). */
    public static final int HEAP_SHARE_DIVISOR = 8;

    /**
     * Estimated bytes of one ring slot: a {@link SpanSlot} (header, 8 longs, an int, 2 references:
     * 88 bytes with compressed references) plus its array element, rounded up.
     */
    public static final long SLOT_BYTES = 96;
    /** Estimated bytes of a segment apart from its slots (array and segment headers, fields). */
    public static final long SEGMENT_OVERHEAD_BYTES = 64;
    /** A platform thread's fixed share: its padded ring object and its span stack at first size. */
    public static final long THREAD_OVERHEAD_BYTES = 1024;

    private static volatile MemoryBudget installed;

    private final long max;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    /** @param max bytes the reservations may add up to */
    public MemoryBudget(long max) {
        this.max = max;
    }

    /** A budget that never refuses (tests and benchmarks that measure something else). */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE / 4);
    }

    /** {@code agentdbg.memory.max} when the user did not set it: 64 MB, or 1/8 of the heap when smaller. */
    public static long defaultMax(long maxHeapBytes) {
        return Math.min(DEFAULT_MAX, Math.max(1024 * 1024, maxHeapBytes / HEAP_SHARE_DIVISOR));
    }

    /** Estimated bytes of a ring segment of {@code slots} slots. */
    public static long segmentBytes(int slots) {
        return SEGMENT_OVERHEAD_BYTES + slots * SLOT_BYTES;
    }

    /** The budget of the running session, for code that is not handed one (capture). null before start. */
    public static MemoryBudget installed() {
        return installed;
    }

    public static void install(MemoryBudget budget) {
        installed = budget;
    }

    /** @return true when {@code bytes} were reserved; false (nothing reserved) when they would pass the limit */
    public boolean tryReserve(long bytes) {
        long now;
        long next;
        do {
            now = reserved.get();
            next = now + bytes;
            if (next > max) {
                return false;
            }
        } while (!reserved.compareAndSet(now, next));
        long p;
        while (next > (p = peak.get()) && !peak.compareAndSet(p, next)) {
            // another reservation raised the peak meanwhile; try again
        }
        return true;
    }

    /** Gives back bytes reserved earlier (their buffer was released, or is garbage now). */
    public void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    /** True when {@code bytes} more would still fit now (a hint: a later reservation may fail). */
    public boolean hasRoom(long bytes) {
        return reserved.get() + bytes <= max;
    }

    public long max() {
        return max;
    }

    public long reserved() {
        return reserved.get();
    }

    /** The most bytes ever reserved at once. */
    public long peak() {
        return peak.get();
    }
}
