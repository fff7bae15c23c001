package dev.agentdbg.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the span bridge asks the debugger, and what it leaves alone while nothing is armed. */
class PauseGateTest {
    private final List<String> asked = new ArrayList<>();
    private final PauseGate.Hook recording = (at, methodId, depth, traceHi, traceLo, spanId, captured, thrown) -> {
        asked.add((at == PauseGate.AT_ENTER ? "enter " : "exit ") + methodId + "@" + depth
                + (thrown == null ? "" : " " + thrown.getMessage()));
        return false;
    };

    @BeforeEach
    void install() {
        Spans.install(new SpanRings(64, 64), 1_000_000_000_000L, System.nanoTime(), 9);
    }

    @AfterEach
    void uninstall() {
        PauseGate.arm(null);
        Spans.uninstall();
    }

    @Test
    void unarmedCallsNeverReachTheDebuggerNorMakeItsMarks() throws Exception {
        Object[] marks = {"not run"};
        Thread fresh = new Thread(() -> { // a thread of its own: the test thread's state outlives each test
            Spans.exit(Spans.enter(1), null);
            marks[0] = Spans.STATE.get().debugMarks;
        });
        fresh.start();
        fresh.join();
        assertNull(marks[0], "the unarmed path writes nothing of the debugger's");
        assertEquals(List.of(), asked);
    }

    @Test
    void armedCallsAskOnEnterAndExitWithTheirDepthAndException() {
        PauseGate.arm(recording);
        int outer = Spans.enter(1);
        int inner = Spans.enter(2);
        Spans.exit(inner, new IllegalStateException("boom"));
        Spans.exit(outer, null);
        assertEquals(List.of("enter 1@1", "enter 2@2", "exit 2@2 boom", "exit 1@1"), asked);
    }

    @Test
    void aCallEnteredUnarmedIsNotAskedAtItsExitAndADisarmedGateIsNotAskedAtAll() {
        int before = Spans.enter(1);
        PauseGate.arm(recording);
        int during = Spans.enter(2);
        Spans.exit(during, null);
        Spans.exit(before, null); // entered while unarmed: its exit reads no volatile and asks nothing
        int last = Spans.enter(3);
        PauseGate.arm(null);
        Spans.exit(last, null); // armed at entry, disarmed since: not asked
        assertEquals(List.of("enter 2@2", "exit 2@2", "enter 3@1"), asked);
        assertEquals(0, countMarks(), "every mark set was cleared by its exit");
    }

    private static int countMarks() {
        int n = 0;
        for (boolean m : Spans.STATE.get().debugMarks) {
            n += m ? 1 : 0;
        }
        return n;
    }
}
