package dev.agentdbg.replay;

import dev.agentdbg.bootstrap.MemoryBudget;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-over of side records (recordings, replay events) from the threads that make them to the
 * drainer. Lock-free; every record's memory is reserved from the global budget until the drainer has
 * written it, and a record the budget refuses is dropped and counted.
 */
public final class SideRecords {
    private static final ConcurrentLinkedQueue<SideRecord> QUEUE = new ConcurrentLinkedQueue<>();
    private static final AtomicLong DROPPED = new AtomicLong();
    private static volatile boolean open;

    private SideRecords() {
    }

    /** Called when the trace session starts; records offered before are dropped. */
    public static void open() {
        open = true;
    }

    /** Called when the session ends: later records are counted as dropped. */
    public static void close() {
        open = false;
    }

    /** Reserves the record's bytes and queues it; @return false when it was dropped */
    public static boolean offer(SideRecord record) {
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null && !budget.tryReserve(record.bytes())) {
            DROPPED.incrementAndGet();
            return false;
        }
        return offerReserved(record);
    }

    /** Queues a record whose {@link SideRecord#bytes()} are already reserved (released when written). */
    public static boolean offerReserved(SideRecord record) {
        if (!open) {
            release(record);
            DROPPED.incrementAndGet();
            return false;
        }
        QUEUE.add(record);
        return true;
    }

    /** The next record to write, or null. Drainer only; it calls {@link #release} once it is written. */
    public static SideRecord poll() {
        return QUEUE.poll();
    }

    public static void release(SideRecord record) {
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null) {
            budget.release(record.bytes());
        }
    }

    /** Records the budget refused or that came after the end. */
    public static long dropped() {
        return DROPPED.get();
    }

    /** At the end of the session: closes the queue and lets go of what is left; @return how many records that was */
    public static int discardRemaining() {
        open = false;
        int n = 0;
        SideRecord r;
        while ((r = QUEUE.poll()) != null) {
            release(r);
            n++;
        }
        DROPPED.addAndGet(n);
        return n;
    }

    /** Records waiting; for the drainer's final count. */
    public static boolean isEmpty() {
        return QUEUE.isEmpty();
    }
}
