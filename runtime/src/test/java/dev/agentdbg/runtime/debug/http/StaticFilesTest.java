package dev.agentdbg.runtime.debug.http;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's files over a real socket: served only behind the guard, with their content types and a policy that
 * allows nothing but this server, and nothing outside the page's folder, however the path is spelled.
 */
class StaticFilesTest {
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
        host = "Host: 127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        breakpoints.shutdown();
    }

    private String get(String path, String... headers) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            StringBuilder r = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
            for (String h : headers) {
                r.append(h).append("\r\n");
            }
            r.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(r.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private String cookie() {
        return "Cookie: agentdbg_token=" + server.token();
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String header(String response, String name) {
        return response.lines().takeWhile(l -> !l.isEmpty())
                .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }

    @Test
    void thePageAndItsFilesAreServedWithTheirTypesAndAPolicyOfSelfOnly() throws IOException {
        String page = get("/", host, cookie());
        assertEquals(200, status(page), page);
        assertEquals("text/html; charset=utf-8", header(page, "Content-Type"));
        assertTrue(page.contains("<script src=\"/ui/live-main.js\"></script>"), page);
        String csp = header(page, "Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'self'; script-src 'self'; style-src 'self';"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertEquals("nosniff", header(page, "X-Content-Type-Options"));

        String script = get("/ui/live-main.js", host, cookie());
        assertEquals(200, status(script));
        assertEquals("text/javascript; charset=utf-8", header(script, "Content-Type"));
        assertEquals(csp, header(script, "Content-Security-Policy"));
        assertEquals("text/css; charset=utf-8", header(get("/ui/live.css", host, cookie()), "Content-Type"));
        // The report's front-end, the analyzer's own files copied at build time: one source for both pages.
        String app = get("/ui/report/app.js", host, cookie());
        assertEquals(200, status(app));
        assertTrue(app.contains("AgentDbg.mount = function mount(root, source)"), app);
        assertEquals(200, status(get("/ui/report/report.css", host, cookie())));
        assertEquals(200, status(get("/ui/report/report.html", host, cookie())));
    }

    @Test
    void theFilesNeedTheTokenLikeEverythingElse() throws IOException {
        assertEquals(401, status(get("/", host)));
        assertEquals(401, status(get("/ui/live-main.js", host)));
        assertEquals(403, status(get("/ui/live-main.js", host, "Cookie: agentdbg_token=guess")));
        assertEquals(403, status(get("/ui/live-main.js", "Host: rebind.evil.example:" + server.port(), cookie())));
    }

    @Test
    void nothingOutsideThePagesFolderIsReachable() throws IOException {
        for (String path : List.of("/ui/../DebugServer.class", "/ui/report/../../http/DebugServer.class",
                "/ui/%2e%2e/DebugServer.class", "/ui/..%2fDebugServer.class", "/ui/report/..%2F..%2Fhttp%2FDebugServer.class",
                "/ui//etc/passwd", "/ui/%2fetc%2fpasswd", "/ui/..\\DebugServer.class", "/ui/StaticFiles.class",
                "/ui/report/deep/x.js", "/ui/", "/ui/missing.js", "/ui/LIVE-MAIN.JS", "/ui/live-main.js%00.png")) {
            String r = get(path, host, cookie());
            // 404 from the name check; 400 when the JDK's server refuses the request line itself (a backslash).
            assertTrue(status(r) == 404 || status(r) == 400, path + " -> " + r);
            assertFalse(r.contains("CAFEBABE") || r.contains("root:"), path);
        }
    }

    @Test
    void changingMethodsAreRefused() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write(("POST /ui/live-main.js HTTP/1.1\r\n" + host + "\r\n" + cookie()
                    + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(405, status(r), r);
        }
    }
}
