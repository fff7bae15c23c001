package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A session armed from the settings at start, its maxPause warning line, and closing it. */
class DebugSessionTest {
    private final MethodInfo chat = new MethodInfo(5, "com.acme.Chat", "chat", "()V", "llm", "Chat", "llm");

    @AfterEach
    void uninstall() {
        Spans.uninstall();
        PauseGate.arm(null);
    }

    @Test
    void aBreakpointFromTheSettingsCatchesTheFirstCallAndMaxPauseBecomesAWarningLine() throws Exception {
        Spans.install(new SpanRings(64, 64), 1_000_000_000_000L, System.nanoTime(), 3);
        ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
        DebugSettings settings = new DebugSettings(true, 0, InetAddress.getLoopbackAddress(), false, 20, 3_600_000,
                List.of(BreakpointSpec.every("llm", BreakpointSpec.parseTarget("llm"), PauseGate.AT_ENTER)));
        try (DebugSession session = DebugSession.start(settings, id -> id == 5 ? chat : null, warnings::add, null)) {
            assertSame(session.breakpoints(), PauseGate.armed(), "armed before the first call");
            session.board().pageConnected(); // a page is there, nobody clicks: maxPause ends it
            Thread app = new Thread(() -> Spans.exit(Spans.enter(5), null), "app-main");
            app.start();
            Waits.join(app);
            assertEquals(1, session.board().maxPauseExpiries());
            assertEquals(List.of("thread app-main was paused at the call of com.acme.Chat#chat for agentdbg.debug.maxPause "
                    + "(20 ms) and runs on"), List.copyOf(warnings));
        }
        assertNull(PauseGate.armed(), "closing the session disarms the gate");
    }
}
