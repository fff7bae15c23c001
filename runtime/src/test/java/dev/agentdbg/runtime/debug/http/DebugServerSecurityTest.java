package dev.agentdbg.runtime.debug.http;

import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.runtime.debug.Breakpoints;
import dev.agentdbg.runtime.debug.DebugSettings;
import dev.agentdbg.runtime.debug.PauseBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's guard, over real sockets on 127.0.0.1 (raw HTTP/1.1, so that Host and Origin can be
 * anything a hostile page or a rebinding DNS name would send).
 */
class DebugServerSecurityTest {
    private PauseBoard board;
    private Breakpoints breakpoints;
    private DebugServer server;
    private String host;

    @BeforeEach
    void start() throws IOException {
        board = new PauseBoard(3_600_000, 3_600_000, null);
        breakpoints = new Breakpoints(id -> null, board, null);
        server = DebugServer.start(new DebugSettings(true, 0, InetAddress.getLoopbackAddress(), false, 3_600_000,
                3_600_000, List.of()), board, breakpoints);
        host = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        breakpoints.shutdown();
    }

    /** @return the whole response: status line, headers, body */
    private String request(String method, String path, String... headers) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String h : headers) {
                r.append(h).append("\r\n");
            }
            r.append("Connection: close\r\nContent-Length: 0\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(r.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private String token() {
        return "X-Agentdbg-Token: " + server.token();
    }

    @Test
    void theUrlIsLoopbackWithAFreshToken() {
        assertTrue(server.url().startsWith("http://127.0.0.1:" + server.port() + "/?token="));
        assertTrue(server.token().length() >= 43, "256 random bits");
    }

    @Test
    void aMissingTokenIs401AndAWrongOne403() throws IOException {
        assertEquals(401, status(request("GET", "/api/state", "Host: " + host)));
        assertEquals(403, status(request("GET", "/api/state", "Host: " + host, "X-Agentdbg-Token: guess")));
        assertEquals(403, status(request("GET", "/?token=guess", "Host: " + host)));
        assertEquals(200, status(request("GET", "/api/state", "Host: " + host, token())));
    }

    @Test
    void theUrlTokenBecomesAnHttpOnlySameSiteCookie() throws IOException {
        String r = request("GET", "/?token=" + server.token(), "Host: " + host);
        assertEquals(303, status(r));
        String cookie = r.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11)).findFirst().orElse("");
        assertEquals("agentdbg_token=" + server.token() + "; HttpOnly; SameSite=Strict; Path=/", cookie.substring(11).trim(), r);
        String state = request("GET", "/api/state", "Host: " + host, "Cookie: theme=dark; agentdbg_token=" + server.token());
        assertEquals(200, status(state));
        assertTrue(state.endsWith("{\"program\":\"running\",\"paused\":[],\"breakpoints\":[],\"pauseNextRun\":false,"
                + "\"feed\":{\"lastEventId\":0}}"), state);
    }

    @Test
    void aForeignOriginIs403EvenWithTheToken() throws IOException {
        assertEquals(403, status(request("GET", "/api/state", "Host: " + host, "Origin: http://evil.example", token())));
        assertEquals(403, status(request("POST", "/api/continue-all", "Host: " + host, "Origin: null", token())));
        assertEquals(403, status(request("GET", "/api/state", "Host: " + host, "Origin: https://" + host, token())));
        assertEquals(200, status(request("GET", "/api/state", "Host: " + host, "Origin: http://" + host, token())));
    }

    @Test
    void aBadHostIs403EvenWithTheToken() throws IOException {
        // A DNS-rebinding page reaches 127.0.0.1 under its own name.
        assertEquals(403, status(request("GET", "/api/state", "Host: rebind.evil.example:" + server.port(), token())));
        assertEquals(403, status(request("GET", "/api/state", "Host: 127.0.0.1:1", token())));
        assertEquals(403, status(request("GET", "/?token=" + server.token(), "Host: evil.example")));
        assertEquals(200, status(request("GET", "/api/state", "Host: localhost:" + server.port(), token())));
    }

    @Test
    void noCorsHeadersAndStateChangesArePostOnly() throws IOException {
        String r = request("GET", "/api/continue-all", "Host: " + host, token());
        assertEquals(405, status(r));
        assertFalse(r.toLowerCase(java.util.Locale.ROOT).contains("access-control-"), r);
        String ok = request("POST", "/api/continue-all", "Host: " + host, token());
        assertEquals(200, status(ok));
        assertTrue(ok.endsWith("{\"released\":0}"), ok);
    }

    @Test
    void continueAllOverHttpReleasesAPausedThread() throws Exception {
        AtomicReference<PauseBoard.Command> got = new AtomicReference<>();
        Thread t = new Thread(() -> got.set(board.pause(PauseGate.AT_ENTER, 4, 1, 0xabcL)));
        t.setDaemon(true);
        t.start();
        while (board.paused().isEmpty()) {
            Thread.onSpinWait();
        }
        String state = request("GET", "/api/state", "Host: " + host, token());
        assertTrue(state.contains("\"at\":\"enter\",\"depth\":1,\"span\":\"0000000000000abc\""), state);
        assertTrue(state.contains("\"method\":{\"id\":4}"), state);
        assertTrue(request("POST", "/api/continue-all", "Host: " + host, token()).endsWith("{\"released\":1}"));
        t.join();
        assertEquals(PauseBoard.Command.CONTINUE, got.get());
    }

    @Test
    void resumeStepsOnePausedThreadAndSaysWhenThereIsNone() throws Exception {
        AtomicReference<PauseBoard.Command> got = new AtomicReference<>();
        Thread t = new Thread(() -> got.set(board.pause(PauseGate.AT_ENTER, 4, 1, 1L)));
        t.setDaemon(true);
        t.start();
        long id = dev.agentdbg.runtime.debug.Waits.pausedIds(board, 1).get(0);
        assertEquals(405, status(request("GET", "/api/resume?id=" + id + "&command=step_over", "Host: " + host, token())));
        assertEquals(400, status(request("POST", "/api/resume?id=" + id + "&command=jump", "Host: " + host, token())));
        assertEquals(400, status(request("POST", "/api/resume?id=" + id + "&command=none", "Host: " + host, token())));
        assertEquals(403, status(request("POST", "/api/resume?id=" + id + "&command=continue", "Host: " + host,
                "Origin: http://evil.example", token())));
        assertTrue(request("POST", "/api/resume?id=" + id + "&command=step_over", "Host: " + host, token())
                .endsWith("{\"resumed\":" + id + "}"));
        t.join();
        assertEquals(PauseBoard.Command.STEP_OVER, got.get());
        assertEquals(409, status(request("POST", "/api/resume?id=" + id + "&command=continue", "Host: " + host, token())));
    }

    @Test
    void aNonLoopbackBindWithoutTheKeyIsRefused() throws Exception {
        DebugSettings sneaky = new DebugSettings(true, 0, InetAddress.getByName("0.0.0.0"), false, 1, 1, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DebugServer.start(sneaky, board, breakpoints));
        assertEquals("the debugger binds to 0.0.0.0 only when agentdbg.debug.bind names it; it stays on 127.0.0.1 "
                + "otherwise", e.getMessage());
    }

    @Test
    void theServersThreadsAreDaemonsSoTheyNeverKeepTheApplicationAlive() throws IOException {
        request("GET", "/api/state", "Host: " + host, token()); // make sure the worker thread exists
        List<Thread> mine = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HTTP-Dispatcher") || t.getName().startsWith("agentdbg-debug"))
                .toList();
        assertFalse(mine.isEmpty());
        mine.forEach(t -> assertTrue(t.isDaemon(), t.getName() + " is not a daemon"));
    }
}
