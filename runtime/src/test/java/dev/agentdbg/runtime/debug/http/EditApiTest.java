package dev.agentdbg.runtime.debug.http;

import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.DebugEdits;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.runtime.debug.BreakpointSpec;
import dev.agentdbg.runtime.debug.Breakpoints;
import dev.agentdbg.runtime.debug.DebugSettings;
import dev.agentdbg.runtime.debug.PauseBoard;
import dev.agentdbg.runtime.debug.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/edit} over a real socket: its statuses, and an accepted edit reaching the paused call. */
class EditApiTest {
    private final MethodRegistry registry = new MethodRegistry();
    private MethodInfo tool;
    private PauseBoard board;
    private Breakpoints breakpoints;
    private DebugServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Spans.install(new SpanRings(4096, 4096), 1_000_000_000_000L, System.nanoTime(), 7);
        CallCapture.useMethods(registry);
        tool = registry.register("com.acme.tools.Calc", "run", "(Ljava/lang/String;)Ljava/lang/String;", "tool", "calc", "tools");
        tool.setCapture(new CaptureSpec(CaptureSettings.defaults(), 1, true, -1, 0, false));
        DebugEdits.markEditable(tool.id(), DebugEdits.ARGS | DebugEdits.RESULT);
        board = new PauseBoard(3_600_000, 3_600_000, null);
        board.pageConnected();
        breakpoints = new Breakpoints(registry::get, board, null);
        server = DebugServer.start(new DebugSettings(true, 0, InetAddress.getLoopbackAddress(), false, 3_600_000,
                3_600_000, List.of()), board, breakpoints);
    }

    @AfterEach
    void stop() {
        server.close();
        breakpoints.shutdown();
        Spans.uninstall();
        CallCapture.useMethods(null);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Agentdbg-Token", server.token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String answer(HttpResponse<String> r) {
        return r.statusCode() + " " + r.body().strip();
    }

    @Test
    void statusesAndAnEditAppliedOnResume() throws Exception {
        breakpoints.put(BreakpointSpec.every("calc", BreakpointSpec.parseTarget("tool:calc"), PauseGate.AT_EXIT));
        AtomicReference<Object> got = new AtomicReference<>();
        Thread app = new Thread(() -> {
            Object state = Spans.state();
            int token = CallCapture.enter(state, tool.id(), new Object[] {"{\"expression\":\"6*7\"}"}, null);
            Object result = "{\"result\":42}";
            CallCapture.exit(state, token, result, null);
            if (DebugEdits.pending(state)) {
                result = DebugEdits.result(state, token, result);
            }
            got.set(result);
        }, "tool-pool-1");
        app.setDaemon(true);
        app.start();
        long id = Waits.pausedIds(board, 1).get(0);

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/edit")).header("X-Agentdbg-Token", server.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertTrue(answer(post("/api/edit", "not json")).startsWith("400 expected {\"id\""));
        assertTrue(answer(post("/api/edit", "{\"id\":" + id + ",\"target\":\"result\"}")).startsWith("400 "), "no text");
        assertTrue(answer(post("/api/edit", "{\"id\":999,\"target\":\"result\",\"text\":\"x\"}")).startsWith("409 pause 999"));
        String wrongTarget = answer(post("/api/edit", "{\"id\":" + id + ",\"target\":\"args[0]\",\"text\":\"x\"}"));
        assertEquals("409 nothing named args[0] can be edited at this pause (it has: result)", wrongTarget);
        String ok = answer(post("/api/edit", "{\"id\":" + id + ",\"target\":\"result\",\"text\":\"{\\\"result\\\":43}\"}"));
        assertEquals("200 {\"edited\":\"result\"}", ok);
        assertTrue(board.resume(id, PauseBoard.Command.CONTINUE));
        Waits.join(app);
        assertEquals("{\"result\":43}", got.get());
        String late = answer(post("/api/edit", "{\"id\":" + id + ",\"target\":\"result\",\"text\":\"x\"}"));
        assertTrue(late.startsWith("409 "), late);
        assertFalse(late.contains("Exception"), late);
    }
}
