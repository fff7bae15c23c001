package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakpoints through the real span bridge: real threads calling {@link Spans#enter}/{@link Spans#exit}. */
class BreakpointsTest {
    private static final long HOUR = 3_600_000;
    private static final int PLAN = 1;
    private static final int CHAT = 2;
    private static final int SEARCH = 3;
    private final Map<Integer, MethodInfo> methods = Map.of(
            PLAN, new MethodInfo(PLAN, "com.acme.Planner", "plan", "()V", "agent", "Planner", "planner"),
            CHAT, new MethodInfo(CHAT, "com.acme.llm.ChatClient", "chat", "()V", "llm", "ChatClient", "llm"),
            SEARCH, new MethodInfo(SEARCH, "com.acme.tools.WebSearch", "search", "()V", "tool", "web_search", "tools"));
    private final ConcurrentLinkedQueue<PauseBoard.Released> released = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
    private PauseBoard board;
    private Breakpoints breakpoints;

    @BeforeEach
    void install() {
        Spans.install(new SpanRings(4096, 4096), 1_000_000_000_000L, System.nanoTime(), 7);
        board = new PauseBoard(HOUR, HOUR, released::add);
        board.pageConnected();
        breakpoints = new Breakpoints(methods::get, board, warnings::add);
    }

    @AfterEach
    void uninstall() {
        breakpoints.shutdown();
        Spans.uninstall();
    }

    private static Thread run(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void call(int methodId, Runnable inside) {
        int token = Spans.enter(methodId);
        inside.run();
        Spans.exit(token, null);
    }

    @Test
    void theGateIsArmedOnlyWhileABreakpointIsSet() {
        assertNull(PauseGate.armed(), "debugger on, nothing set: the hot path sees null");
        breakpoints.put(BreakpointSpec.every("llm", BreakpointSpec.parseTarget("kind:llm"), PauseGate.AT_ENTER));
        assertSame(breakpoints, PauseGate.armed());
        assertTrue(breakpoints.remove("llm"));
        assertNull(PauseGate.armed());
    }

    @Test
    void aThousandHitsInALoopAreAllReleasedByContinueAll() throws Exception {
        long errorsBefore = AgentCounters.internalErrors.get();
        breakpoints.put(BreakpointSpec.every("llm", BreakpointSpec.parseTarget("kind:llm"), PauseGate.AT_ENTER));
        Thread app = run("agent-loop", () -> {
            for (int i = 0; i < 1000; i++) {
                call(PLAN, () -> call(CHAT, () -> { }));
            }
        });
        while (app.isAlive()) {
            if (breakpoints.continueAll() == 0) {
                LockSupport.parkNanos(50_000);
            }
        }
        Waits.join(app);
        assertEquals(1000, board.pauses());
        assertEquals(1000, released.size());
        released.forEach(r -> {
            assertEquals(PauseBoard.Reason.CONTINUE_ALL, r.reason());
            assertEquals(CHAT, r.pause().methodId);
            assertEquals(2, r.pause().depth);
        });
        assertEquals(0, board.maxPauseExpiries());
        assertEquals(errorsBefore, AgentCounters.internalErrors.get());
    }

    @Test
    void hitStopsAtTheNthCallOnlyAndExitBreakpointsStopOnReturns() throws Exception {
        breakpoints.put(new BreakpointSpec("third", BreakpointSpec.parseTarget("com.acme.tools.*#sea*"),
                PauseGate.AT_EXIT, 3, null));
        Thread app = run("tools", () -> {
            for (int i = 0; i < 5; i++) {
                call(SEARCH, () -> { });
            }
        });
        PauseBoard.Pause p = Waits.paused(board, 1).get(0);
        assertEquals(PauseGate.AT_EXIT, p.at);
        assertTrue(board.resume(p.id, PauseBoard.Command.CONTINUE));
        Waits.join(app);
        assertEquals(1, board.pauses());
    }

    @Test
    void stepIntoOverAndOutFollowTheCallTree() throws Exception {
        breakpoints.put(BreakpointSpec.every("plan", BreakpointSpec.parseTarget("agent:Planner"), PauseGate.AT_ENTER));
        // plan { chat {} search {} }  then  chat {}  (outside plan)
        Thread app = run("stepper", () -> {
            call(PLAN, () -> {
                call(CHAT, () -> { });
                call(SEARCH, () -> { });
            });
            call(CHAT, () -> { });
        });
        List<String> stops = new ArrayList<>();
        PauseBoard.Command[] commands = {PauseBoard.Command.STEP_INTO, PauseBoard.Command.STEP_OVER,
                PauseBoard.Command.STEP_OUT, PauseBoard.Command.STEP_OUT, PauseBoard.Command.CONTINUE};
        for (PauseBoard.Command c : commands) {
            PauseBoard.Pause p = Waits.paused(board, 1).get(0);
            stops.add((p.at == PauseGate.AT_ENTER ? "enter " : "exit ") + methods.get(p.methodId).methodName());
            assertTrue(board.resume(p.id, c));
            while (board.paused().contains(p)) {
                Thread.onSpinWait();
            }
        }
        Waits.join(app);
        // into: the nested chat; over: its sibling search; out: search returns; out again: plan returns
        assertEquals(List.of("enter plan", "enter chat", "enter search", "exit search", "exit plan"), stops);
        assertSame(breakpoints, PauseGate.armed(), "the steps are done: armed by the breakpoint only");
    }

    @Test
    void aConditionOnAMissingFieldNeverPausesAndWarnsOnce() throws Exception {
        breakpoints.put(new BreakpointSpec("cheap", BreakpointSpec.parseTarget("kind:llm"), PauseGate.AT_ENTER, 0,
                Condition.parse("args[0].model == gpt-4o-mini")));
        Thread app = run("uncaptured", () -> {
            for (int i = 0; i < 10; i++) {
                call(CHAT, () -> { }); // nothing captured: the path finds nothing
            }
        });
        Waits.join(app);
        assertEquals(0, board.pauses());
        assertEquals(10, breakpoints.conditionFailures());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.peek().startsWith("breakpoint cheap: condition 'args[0].model == gpt-4o-mini' could not be "
                + "evaluated ('args[0].model' is not in the captured call"), warnings.peek());
    }

    @Test
    void twoParallelThreadsArePausedAndReleasedOneByOne() throws Exception {
        breakpoints.put(BreakpointSpec.every("tool", BreakpointSpec.parseTarget("tool:web_search"), PauseGate.AT_ENTER));
        AtomicInteger done = new AtomicInteger();
        Thread a = run("tool-a", () -> { call(SEARCH, () -> { }); done.incrementAndGet(); });
        Thread b = run("tool-b", () -> { call(SEARCH, () -> { }); done.incrementAndGet(); });
        List<PauseBoard.Pause> both = Waits.paused(board, 2);
        assertEquals(2, both.size());
        assertFalse(both.get(0).thread == both.get(1).thread);
        board.resume(both.get(0).id, PauseBoard.Command.CONTINUE);
        Waits.join(both.get(0).thread);
        assertEquals(1, done.get());
        assertEquals(1, board.paused().size(), "the other one is still paused");
        board.resume(both.get(1).id, PauseBoard.Command.CONTINUE);
        Waits.join(a);
        Waits.join(b);
        assertEquals(2, done.get());
    }
}
