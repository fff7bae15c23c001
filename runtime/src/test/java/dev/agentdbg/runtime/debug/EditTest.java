package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.DebugEdits;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.capture.CapturedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edit and continue through the real capture bridge, on real threads: the calls {@link CallCapture} and
 * {@link DebugEdits} get here are exactly the ones the edit advice makes in an instrumented method.
 */
class EditTest {
    private static final long HOUR = 3_600_000;
    private final MethodRegistry registry = new MethodRegistry();
    private final ConcurrentLinkedQueue<String> edits = new ConcurrentLinkedQueue<>();
    private MethodInfo tool;
    private MethodInfo mapTool;
    private PauseBoard board;
    private Breakpoints breakpoints;

    @BeforeEach
    void install() {
        Spans.install(new SpanRings(4096, 4096), 1_000_000_000_000L, System.nanoTime(), 7);
        CallCapture.useMethods(registry);
        // String run(String query, int limit, Object options): a tool whose args and result can be edited
        tool = registry.register("com.acme.tools.Search", "run", "(Ljava/lang/String;ILcom/acme/Options;)Ljava/lang/String;",
                "tool", "web_search", "tools");
        tool.setCapture(new CaptureSpec(CaptureSettings.defaults(), 0b111, true, -1, 0, false));
        DebugEdits.markEditable(tool.id(), DebugEdits.ARGS | DebugEdits.RESULT);
        mapTool = registry.register("com.acme.tools.Calc", "run", "(Ljava/util/Map;)Ljava/util/Map;", "tool", "calc", "tools");
        mapTool.setCapture(new CaptureSpec(CaptureSettings.defaults(), 1, true, -1, 0, false));
        DebugEdits.markEditable(mapTool.id(), DebugEdits.ARGS | DebugEdits.RESULT);
        board = new PauseBoard(HOUR, HOUR, r -> { });
        board.pageConnected();
        breakpoints = new Breakpoints(registry::get, board, w -> { });
        breakpoints.useEvents(new DebugEvents() {
            @Override
            public void edited(long traceHi, long traceLo, long spanId, String target, String before, String after) {
                edits.add(target + ": " + before + " -> " + after);
            }
        });
    }

    @AfterEach
    void uninstall() {
        breakpoints.shutdown();
        Spans.uninstall();
        CallCapture.useMethods(null);
    }

    /** What an instrumented method with the edit advice does: enter, assign edited arguments, run, exit, assign the result. */
    private static Object advisedCall(MethodInfo m, Object[] args, java.util.function.Function<Object[], Object> body,
                                      AtomicReference<Object[]> seenArgs) {
        Object state = Spans.state();
        int token = CallCapture.enter(state, m.id(), args, null);
        if (DebugEdits.pending(state)) {
            args = DebugEdits.args(state, token, args);
        }
        seenArgs.set(args);
        Object result = body.apply(args);
        CallCapture.exit(state, token, result, null);
        if (DebugEdits.pending(state)) {
            result = DebugEdits.result(state, token, result);
        }
        return result;
    }

    private static Thread run(Runnable body) {
        Thread t = new Thread(body, "tool-thread");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void whatAPauseShowsAndHoldsIsInsideTheMemoryBudgetUntilItEnds() throws Exception {
        dev.agentdbg.bootstrap.MemoryBudget previous = dev.agentdbg.bootstrap.MemoryBudget.installed();
        dev.agentdbg.bootstrap.MemoryBudget budget = new dev.agentdbg.bootstrap.MemoryBudget(1_000_000);
        dev.agentdbg.bootstrap.MemoryBudget.install(budget);
        try {
            AtomicReference<Object> got = new AtomicReference<>();
            AtomicReference<Object[]> seen = new AtomicReference<>();
            // Capture's own reservation for a call stays until a drainer writes its span (none runs here).
            long start = budget.reserved();
            Waits.join(run(() -> advisedCall(tool, new Object[] {"weather", 3, null}, a -> "sunny", seen)));
            long capture = budget.reserved() - start;
            breakpoints.put(BreakpointSpec.every("search", BreakpointSpec.parseTarget("tool:web_search"), PauseGate.AT_EXIT));
            long before = budget.reserved();
            Thread app = run(() -> got.set(advisedCall(tool, new Object[] {"weather", 3, null}, a -> "sunny", seen)));
            PauseBoard.Pause p = Waits.paused(board, 1).get(0);
            long shown = budget.reserved() - before;
            assertTrue(shown > 0, "the shown result is reserved while paused");
            assertNull(p.edits.propose("result", "rainy"));
            assertTrue(budget.reserved() - before > shown, "the edit held until the release is reserved too");
            assertTrue(board.resume(p.id, PauseBoard.Command.CONTINUE));
            Waits.join(app);
            assertEquals("rainy", got.get());
            assertEquals(before + capture, budget.reserved(), "all the pause had reserved given back when it ended");

            // A result too big for what is left of the budget: listed, not shown, not editable, and the pause still happens.
            String big = "x".repeat(600_000);
            Thread second = run(() -> got.set(advisedCall(tool, new Object[] {"weather", 3, null}, a -> big, seen)));
            PauseBoard.Pause q = Waits.paused(board, 1).get(0);
            Edits.Editable result = q.edits.editables().get(0);
            assertFalse(result.editable());
            assertNull(result.text());
            assertTrue(result.why().contains("agentdbg.memory.max"), result.why());
            assertTrue(board.resume(q.id, PauseBoard.Command.CONTINUE));
            Waits.join(second);
            assertEquals(big, got.get());
        } finally {
            dev.agentdbg.bootstrap.MemoryBudget.install(previous);
        }
    }

    @Test
    void anExitPauseSeesTheCapturedResultAndAnEditedResultIsWhatTheCallerGets() throws Exception {
        breakpoints.put(BreakpointSpec.every("search", BreakpointSpec.parseTarget("tool:web_search"), PauseGate.AT_EXIT));
        AtomicReference<Object> got = new AtomicReference<>();
        AtomicReference<Object[]> seen = new AtomicReference<>();
        Thread app = run(() -> got.set(advisedCall(tool, new Object[] {"weather", 3, null}, a -> "sunny", seen)));
        PauseBoard.Pause p = Waits.paused(board, 1).get(0);
        assertEquals(PauseGate.AT_EXIT, p.at);
        CapturedCall call = (CapturedCall) p.call;
        assertNotNull(call, "the exit pause carries the captured call");
        assertTrue(call.hasResult, "captured before the pause, not after it");
        assertEquals("sunny", String.valueOf(call.result));
        List<Edits.Editable> list = p.edits.editables();
        assertEquals(List.of(new Edits.Editable("result", "text", "sunny", true, null)), list);

        assertEquals(409, p.edits.propose("args[0]", "x").status(), "no arguments at an exit pause");
        assertNull(p.edits.propose("result", "rainy, 12°C"));
        assertTrue(board.resume(p.id, PauseBoard.Command.CONTINUE));
        Waits.join(app);
        assertEquals("rainy, 12°C", got.get());
        assertEquals(List.of("result: sunny -> rainy, 12°C"), List.copyOf(edits));
        assertEquals(409, p.edits.propose("result", "late").status(), "resumed: no more edits");
    }

    @Test
    void anEntryPauseEditsStringArgumentsOnlyAndTheMethodRunsWithThem() throws Exception {
        breakpoints.put(BreakpointSpec.every("search", BreakpointSpec.parseTarget("tool:web_search"), PauseGate.AT_ENTER));
        AtomicReference<Object> got = new AtomicReference<>();
        AtomicReference<Object[]> seen = new AtomicReference<>();
        Thread app = run(() -> got.set(advisedCall(tool, new Object[] {"weather", 3, null}, a -> a[0] + "/" + a[1], seen)));
        PauseBoard.Pause p = Waits.paused(board, 1).get(0);
        assertEquals(PauseGate.AT_ENTER, p.at);
        CapturedCall call = (CapturedCall) p.call;
        assertNotNull(call.args, "the entry pause carries this call's captured arguments");
        List<Edits.Editable> list = p.edits.editables();
        assertEquals(3, list.size());
        assertEquals(new Edits.Editable("args[0]", "text", "weather", true, null), list.get(0));
        assertFalse(list.get(1).editable(), "a primitive int parameter: " + list.get(1));
        assertFalse(list.get(2).editable(), "declared as an application class: " + list.get(2));
        assertEquals(409, p.edits.propose("args[1]", "4").status());
        assertEquals(409, p.edits.propose("result", "x").status());
        assertNull(p.edits.propose("args[0]", "climate"));
        assertTrue(board.resume(p.id, PauseBoard.Command.CONTINUE));
        Waits.join(app);
        assertEquals("climate/3", got.get());
        assertEquals(List.of("args[0]: weather -> climate"), List.copyOf(edits));
    }

    @Test
    void jsonValuesAreCheckedAgainstTheDeclaredTypeAndRedactedValuesAreNotEditable() throws Exception {
        breakpoints.put(BreakpointSpec.every("calc", BreakpointSpec.parseTarget("tool:calc"), PauseGate.AT_ENTER | PauseGate.AT_EXIT));
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("expression", "6*7");
        in.put("precision", 2);
        AtomicReference<Object> got = new AtomicReference<>();
        AtomicReference<Object[]> seen = new AtomicReference<>();
        Thread app = run(() -> got.set(advisedCall(mapTool, new Object[] {in}, a -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("value", 42);
            out.put("input", a[0]);
            out.put("apiKey", "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789");
            return out;
        }, seen)));
        PauseBoard.Pause enter = Waits.paused(board, 1).get(0);
        Edits.Editable arg = enter.edits.editables().get(0);
        assertEquals(new Edits.Editable("args[0]", "json", "{\"expression\":\"6*7\",\"precision\":2}", true, null), arg);
        assertEquals(400, enter.edits.propose("args[0]", "{not json").status());
        assertEquals(400, enter.edits.propose("args[0]", "[1,2]").status(), "a JSON array cannot become a java.util.Map");
        assertNull(enter.edits.propose("args[0]", "{\"expression\":\"2+2\"}"));
        assertTrue(board.resume(enter.id, PauseBoard.Command.CONTINUE));

        PauseBoard.Pause exit = waitForPause(enter.id);
        assertEquals(PauseGate.AT_EXIT, exit.at);
        Edits.Editable result = exit.edits.editables().get(0);
        assertFalse(result.editable(), "shown redacted, so not editable: " + result);
        assertTrue(result.text().contains("[REDACTED]") && !result.text().contains("sk-proj"), result.text());
        assertEquals(409, exit.edits.propose("result", "{}").status());
        assertTrue(board.resume(exit.id, PauseBoard.Command.CONTINUE));
        Waits.join(app);
        assertEquals(Map.of("expression", "2+2"), seen.get()[0], "the method ran with the edited map");
        assertEquals(42, ((Map<?, ?>) got.get()).get("value"), "the result was not edited");
    }

    @Test
    void withoutAnEditNothingIsHandedAndNoErrorIsCounted() throws Exception {
        long errors = AgentCounters.internalErrors.get();
        breakpoints.put(BreakpointSpec.every("search", BreakpointSpec.parseTarget("tool:web_search"), PauseGate.AT_ENTER | PauseGate.AT_EXIT));
        AtomicReference<Object> got = new AtomicReference<>();
        AtomicReference<Object[]> seen = new AtomicReference<>();
        Object[] args = {"weather", 3, null};
        Thread app = run(() -> {
            got.set(advisedCall(tool, args, a -> "sunny", seen));
            Object state = Spans.state();
            got.set(got.get() + (DebugEdits.pending(state) ? " (edit left pending)" : ""));
        });
        PauseBoard.Pause enter = Waits.paused(board, 1).get(0);
        assertTrue(board.resume(enter.id, PauseBoard.Command.CONTINUE));
        PauseBoard.Pause exit = waitForPause(enter.id);
        assertTrue(board.resume(exit.id, PauseBoard.Command.CONTINUE));
        Waits.join(app);
        assertEquals("sunny", got.get());
        assertTrue(seen.get() == args, "unedited arguments are the caller's own array");
        assertTrue(edits.isEmpty());
        assertEquals(errors, AgentCounters.internalErrors.get());
    }

    private PauseBoard.Pause waitForPause(long after) {
        while (true) {
            for (PauseBoard.Pause p : Waits.paused(board, 1)) {
                if (p.id != after) {
                    return p;
                }
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void descriptorsGiveJavaTypeNames() {
        assertEquals(List.of("java.lang.String", "int", "com.acme.Options", "long[]"),
                EditValues.parameterTypes("(Ljava/lang/String;ILcom/acme/Options;[J)V"));
        assertEquals("java.util.Map", EditValues.returnType("()Ljava/util/Map;"));
        assertEquals(ArrayList.class, EditValues.parse("json", "[1]", "java.util.List").getClass());
        assertEquals(7L, EditValues.parse("json", "7", "java.lang.Long"));
        assertEquals(2.5, EditValues.parse("json", "2.5", "java.lang.Double"));
        assertEquals("json", EditValues.show(List.of(1, "a"), "java.util.List").format());
        java.util.Hashtable<String, Object> locked = new java.util.Hashtable<>(Map.of("a", 1));
        assertNull(EditValues.show(locked, "java.util.Map").format(), "a Hashtable's iteration takes its monitor");
        assertTrue(EditValues.show(new java.util.Vector<>(List.of(1)), "java.util.List").why().contains("java.util.Vector"));
    }
}
