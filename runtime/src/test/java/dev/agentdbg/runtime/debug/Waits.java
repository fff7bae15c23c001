package dev.agentdbg.runtime.debug;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting for another thread to reach a state, without asserting on how long it took. */
public final class Waits {
    /** Only so that a broken build fails instead of hanging; never reached by a passing test. */
    private static final long GIVE_UP_NANOS = 60_000_000_000L;

    private Waits() {
    }

    /** @return the paused threads once there are at least {@code n} */
    static List<PauseBoard.Pause> paused(PauseBoard board, int n) {
        long start = System.nanoTime();
        while (true) {
            List<PauseBoard.Pause> now = board.paused();
            if (now.size() >= n) {
                return now;
            }
            if (System.nanoTime() - start > GIVE_UP_NANOS) {
                fail("expected " + n + " paused threads, have " + now.size());
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** The ids of the paused threads once there are at least {@code n} (for tests in other packages). */
    public static List<Long> pausedIds(PauseBoard board, int n) {
        return paused(board, n).stream().map(p -> p.id).toList();
    }

    public static void join(Thread t) throws InterruptedException {
        t.join(GIVE_UP_NANOS / 1_000_000);
        if (t.isAlive()) {
            fail(t.getName() + " is still paused");
        }
    }
}
