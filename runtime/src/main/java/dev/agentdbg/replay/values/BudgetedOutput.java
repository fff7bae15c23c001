package dev.agentdbg.replay.values;

import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import dev.agentdbg.bootstrap.MemoryBudget;

/**
 * Kryo's output buffer, growing only as far as {@code maxBytes} and as the agent's memory budget
 * allows: every growth is reserved before the bigger array is allocated, and given back when the
 * buffer shrinks to its resting size after the call ({@link #settle}). A refused reservation ends
 * the encoding as "cut".
 */
final class BudgetedOutput extends Output {
    /** Size a pooled buffer returns to between calls, so a big value does not stay in memory. */
    static final int RESTING = 4096;

    private long reserved;
    private boolean refusedByBudget;

    BudgetedOutput() {
        super(RESTING, RESTING);
    }

    /** Starts one encoding of at most {@code maxBytes}. */
    void begin(int maxBytes) {
        setPosition(0);
        maxCapacity = Math.max(RESTING, maxBytes);
        refusedByBudget = false;
    }

    boolean refusedByBudget() {
        return refusedByBudget;
    }

    @Override
    protected boolean require(int required) throws KryoBufferOverflowException {
        if (capacity - position >= required || required > maxCapacity - position) {
            return super.require(required); // nothing to grow, or an overflow Kryo reports
        }
        int next = Math.max(capacity, 16);
        do {
            next = Math.min(next * 2, maxCapacity);
        } while (next - position < required);
        long grow = (long) next - capacity;
        MemoryBudget budget = MemoryBudget.installed();
        if (budget != null) {
            if (!budget.tryReserve(grow)) {
                refusedByBudget = true;
                throw new KryoBufferOverflowException("the agent's memory budget has no room for " + grow + " more bytes");
            }
            reserved += grow;
        }
        return super.require(required);
    }

    /** Back to the resting buffer, returning what growth reserved. */
    void settle() {
        if (buffer.length > RESTING) {
            buffer = new byte[RESTING];
            capacity = RESTING;
        }
        maxCapacity = RESTING;
        setPosition(0);
        MemoryBudget budget = MemoryBudget.installed();
        if (reserved > 0 && budget != null) {
            budget.release(reserved);
        }
        reserved = 0;
    }
}
