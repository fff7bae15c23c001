package dev.agentdbg.replay.determinism;

import dev.agentdbg.bootstrap.MemoryBudget;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed block of values recorded at one call site. Writers claim slots with one atomic add and
 * publish each slot with a release store of its flag, so the drainer never reads a slot that was
 * claimed but not yet written; full blocks are chained.
 */
final class SiteChunk {
    /** Values per block (even, so a two-long value never straddles two blocks). */
    static final int SIZE = 128;
    /** Memory one block holds: the two arrays with headers, the counter and the block itself. */
    static final long BYTES = 16 + 8L * SIZE + 16 + SIZE + 16 + 32;

    private static final VarHandle READY = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(SiteChunk.class, "next", SiteChunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long[] values = new long[SIZE];
    private final byte[] ready = new byte[SIZE];
    final AtomicInteger claimed = new AtomicInteger();
    @SuppressWarnings("unused") // through NEXT
    private volatile SiteChunk next;

    private SiteChunk() {
    }

    /** A new block, its memory reserved from the global budget; null when the budget refuses it. */
    static SiteChunk allocate() {
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null && !budget.tryReserve(BYTES)) {
            return null;
        }
        return new SiteChunk();
    }

    /** Gives the block's memory back (it was written, or it lost the race to be chained). */
    static void free() {
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null) {
            budget.release(BYTES);
        }
    }

    void publish(int slot) {
        READY.setRelease(ready, slot, (byte) 1);
    }

    boolean isPublished(int slot) {
        return (byte) READY.getAcquire(ready, slot) == 1;
    }

    SiteChunk next() {
        return next;
    }

    /** @return true when {@code n} became the next block; false when another writer chained one first */
    boolean chain(SiteChunk n) {
        return NEXT.compareAndSet(this, (SiteChunk) null, n);
    }
}
