package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.PauseGate;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real threads paused on a {@link PauseBoard} and every way they are let go. */
class PauseBoardTest {
    private static final long HOUR = 3_600_000;
    private final ConcurrentLinkedQueue<PauseBoard.Released> released = new ConcurrentLinkedQueue<>();

    private Thread pausing(PauseBoard board, AtomicReference<PauseBoard.Command> got) {
        Thread t = new Thread(() -> got.set(board.pause(PauseGate.AT_ENTER, 7, 1, 99L)), "paused-app-thread");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aPausedThreadParksOnItsOwnPauseHoldingNoMonitorAndRunsOnWithTheCommandGiven() throws Exception {
        PauseBoard board = new PauseBoard(HOUR, HOUR, released::add);
        AtomicReference<PauseBoard.Command> got = new AtomicReference<>();
        Thread t = pausing(board, got);
        PauseBoard.Pause p = Waits.paused(board, 1).get(0);
        assertSame(t, p.thread);
        assertEquals(7, p.methodId);
        assertEquals(99L, p.spanId);
        // Parked (not blocked on a monitor) with the pause itself as the blocker, holding no lock.
        while (LockSupport.getBlocker(t) == null) {
            Thread.onSpinWait();
        }
        assertSame(p, LockSupport.getBlocker(t));
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(new long[] {t.getId()}, true, true)[0];
        assertEquals(0, info.getLockedMonitors().length);
        assertEquals(0, info.getLockedSynchronizers().length);

        assertTrue(board.resume(p.id, PauseBoard.Command.STEP_OVER));
        Waits.join(t);
        assertEquals(PauseBoard.Command.STEP_OVER, got.get());
        assertFalse(board.resume(p.id, PauseBoard.Command.CONTINUE), "no longer paused");
        PauseBoard.Released r = released.poll();
        assertEquals(PauseBoard.Reason.COMMAND, r.reason());
        assertEquals(0, board.maxPauseExpiries());
        assertTrue(board.paused().isEmpty());
    }

    @Test
    void aPauseEndsAfterMaxPauseWithAWarningCounted() throws Exception {
        PauseBoard board = new PauseBoard(20, HOUR, released::add);
        board.pageConnected(); // a page is there: only maxPause can end it
        AtomicReference<PauseBoard.Command> got = new AtomicReference<>();
        Thread t = pausing(board, got);
        Waits.join(t);
        assertEquals(PauseBoard.Command.CONTINUE, got.get());
        assertEquals(1, board.maxPauseExpiries());
        assertEquals(PauseBoard.Reason.MAX_PAUSE, released.poll().reason());
    }

    @Test
    void aPauseNoPageEverSawIsReleasedAfterReleaseAfter() throws Exception {
        PauseBoard board = new PauseBoard(HOUR, 20, released::add);
        AtomicReference<PauseBoard.Command> got = new AtomicReference<>();
        Waits.join(pausing(board, got));
        assertEquals(PauseBoard.Command.CONTINUE, got.get());
        assertEquals(1, board.noPageReleases());
        assertEquals(0, board.maxPauseExpiries());
        assertEquals(PauseBoard.Reason.NO_PAGE, released.poll().reason());
    }

    @Test
    void closingTheLastPageReleasesAfterReleaseAfter() throws Exception {
        PauseBoard board = new PauseBoard(HOUR, 20, released::add);
        board.pageConnected();
        Thread t = pausing(board, new AtomicReference<>());
        Waits.paused(board, 1);
        board.pageDisconnected();
        Waits.join(t);
        assertEquals(PauseBoard.Reason.NO_PAGE, released.poll().reason());
    }

    @Test
    void shutdownReleasesEveryPausedThreadAndRefusesNewPauses() throws Exception {
        PauseBoard board = new PauseBoard(HOUR, HOUR, released::add);
        board.pageConnected();
        List<Thread> threads = List.of(pausing(board, new AtomicReference<>()), pausing(board, new AtomicReference<>()),
                pausing(board, new AtomicReference<>()));
        Waits.paused(board, 3);
        board.shutdown();
        for (Thread t : threads) {
            Waits.join(t);
        }
        assertEquals(3, released.size());
        released.forEach(r -> assertEquals(PauseBoard.Reason.SHUTDOWN, r.reason()));
        assertEquals(PauseBoard.Command.CONTINUE, board.pause(PauseGate.AT_ENTER, 1, 1, 1L), "refused at once");
    }

    @Test
    void anInterruptReleasesThePauseAndKeepsTheFlag() throws Exception {
        PauseBoard board = new PauseBoard(HOUR, HOUR, released::add);
        board.pageConnected();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread t = new Thread(() -> {
            board.pause(PauseGate.AT_EXIT, 3, 2, 5L);
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        Waits.paused(board, 1);
        t.interrupt();
        Waits.join(t);
        assertTrue(stillInterrupted.get());
        assertEquals(PauseBoard.Reason.INTERRUPTED, released.poll().reason());
    }

    @Test
    void aPauseIsEndedOnceWhenAReleaserRacesItsOwnLimit() throws Exception {
        // maxPause of 1 ms races continueAll: whichever wins, exactly one release is reported per pause.
        PauseBoard board = new PauseBoard(1, HOUR, released::add);
        board.pageConnected();
        for (int i = 0; i < 200; i++) {
            Thread t = pausing(board, new AtomicReference<>());
            board.continueAll();
            Waits.join(t);
        }
        assertEquals(200, released.size());
        long expired = released.stream().filter(r -> r.reason() == PauseBoard.Reason.MAX_PAUSE).count();
        assertEquals(expired, board.maxPauseExpiries());
        released.forEach(r -> assertInstanceOf(PauseBoard.Reason.class, r.reason()));
    }
}
