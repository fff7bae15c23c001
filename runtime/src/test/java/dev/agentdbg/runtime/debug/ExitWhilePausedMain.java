package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A program paused at a breakpoint that then ends: {@code exit} calls System.exit while its worker is
 * paused; {@code return} lets main return and leaves the non-daemon worker paused with no page.
 */
public final class ExitWhilePausedMain {
    public static void main(String[] args) {
        Spans.install(new SpanRings(64, 64), System.currentTimeMillis() * 1_000_000L, System.nanoTime(), 1);
        MethodInfo llm = new MethodInfo(1, "com.acme.Chat", "chat", "()V", "llm", "Chat", "llm");
        boolean exit = args[0].equals("exit");
        DebugSettings settings = new DebugSettings(true, 0, InetAddress.getLoopbackAddress(), false, 3_600_000,
                exit ? 3_600_000 : 100, List.of(BreakpointSpec.every("llm", BreakpointSpec.parseTarget("kind:llm"),
                PauseGate.AT_ENTER)));
        DebugSession session = DebugSession.start(settings, id -> id == 1 ? llm : null, System.out::println,
                r -> System.out.println("released " + r.reason()));
        Thread worker = new Thread(() -> {
            int token = Spans.enter(1);
            System.out.println("ran on");
            Spans.exit(token, null);
        }, "worker");
        worker.start();
        while (session.board().paused().isEmpty()) {
            LockSupport.parkNanos(1_000_000);
        }
        System.out.println("paused");
        if (exit) {
            System.exit(3);
        }
    }
}
