package dev.agentdbg.runtime.debug.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentdbg.runtime.debug.Breakpoints;
import dev.agentdbg.runtime.debug.DebugFeed;
import dev.agentdbg.runtime.debug.DebugSession;
import dev.agentdbg.runtime.debug.DebugSettings;
import dev.agentdbg.runtime.debug.PauseBoard;
import dev.agentdbg.runtime.debug.feed.LiveFeed;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The debugger's web server, inside the application: JDK {@code com.sun.net.httpserver} on 127.0.0.1
 * (another address only with {@code agentdbg.debug.bind}), every request guarded by {@link RequestGuard}.
 * Its threads are daemons and touch paused threads only through {@link PauseBoard}: no application code,
 * no application lock. The JSON API is {@link ApiRoutes}, the live feed {@link EventStream}.
 */
public final class DebugServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestGuard guard;
    private final PauseBoard board;
    private final Breakpoints breakpoints;
    private final String token;
    private final int port;
    private final ApiRoutes api;
    private final EventStream events;

    private DebugServer(HttpServer server, ExecutorService executor, RequestGuard guard, PauseBoard board,
                        Breakpoints breakpoints, String token, DebugFeed feed) {
        this.api = new ApiRoutes(board, breakpoints, feed);
        this.events = new EventStream(feed, board);
        this.server = server;
        this.executor = executor;
        this.guard = guard;
        this.board = board;
        this.breakpoints = breakpoints;
        this.token = token;
        this.port = server.getAddress().getPort();
    }

    /**
     * Binds and starts serving.
     * @throws IllegalArgumentException for a non-loopback address the settings did not allow
     *         ({@code agentdbg.debug.bind})
     */
    public static DebugServer start(DebugSettings settings, PauseBoard board, Breakpoints breakpoints) throws IOException {
        return start(settings, board, breakpoints, new DebugFeed(id -> null, new LiveFeed(1 << 20, null), null));
    }

    /** The session's server, its pauses and edits told through {@code feed} (the live page's events). */
    public static DebugServer start(DebugSettings settings, DebugSession session, DebugFeed feed) throws IOException {
        return start(settings, session.board(), session.breakpoints(), feed);
    }

    private static DebugServer start(DebugSettings settings, PauseBoard board, Breakpoints breakpoints, DebugFeed feed)
            throws IOException {
        InetAddress bind = settings.bind();
        if (!bind.isLoopbackAddress() && !settings.remoteBind()) {
            throw new IllegalArgumentException("the debugger binds to " + bind.getHostAddress()
                    + " only when agentdbg.debug.bind names it; it stays on 127.0.0.1 otherwise");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, settings.port()), 16);
        int port = server.getAddress().getPort();
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add("127.0.0.1:" + port);
        hosts.add("localhost:" + port);
        hosts.add("[::1]:" + port);
        if (settings.remoteBind() && !bind.isAnyLocalAddress()) {
            String h = bind.getHostAddress();
            hosts.add((bind instanceof Inet6Address ? "[" + h + "]" : h) + ":" + port);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agentdbg-debug-http");
            t.setDaemon(true); // never keeps the application's JVM alive
            return t;
        });
        DebugServer debug = new DebugServer(server, executor, new RequestGuard(token, hosts), board, breakpoints, token,
                feed);
        server.createContext("/", debug::handle);
        server.setExecutor(executor);
        // The JDK's dispatcher thread takes the daemon status of the thread that starts the server.
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "agentdbg-debug-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failed.get() != null) {
            debug.close();
            throw new IOException("the debugger could not start: " + failed.get(), failed.get());
        }
        return debug;
    }

    public int port() {
        return port;
    }

    /** The page's address with the token; printed once at start. */
    public String url() {
        return "http://127.0.0.1:" + port + "/?token=" + token;
    }

    String token() {
        return token;
    }

    /** Live-feed connections open now. */
    int liveConnections() {
        return events.connections();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean handedOff = false; // the live feed's writer closes its exchange itself
        try {
            RequestGuard.Refusal refusal = guard.checkSite(exchange.getRequestHeaders());
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            if (refusal == null && "/".equals(path) && query != null && query.startsWith("token=")
                    && "GET".equals(exchange.getRequestMethod())) {
                if (!guard.matches(query.substring("token=".length()))) {
                    send(exchange, 403, "wrong token");
                    return;
                }
                // The token moves from the address bar into a cookie scripts cannot read.
                exchange.getResponseHeaders().add("Set-Cookie", RequestGuard.TOKEN_COOKIE + "=" + token
                        + "; HttpOnly; SameSite=Strict; Path=/");
                exchange.getResponseHeaders().add("Location", "/");
                exchange.sendResponseHeaders(303, -1);
                return;
            }
            if (refusal == null) {
                refusal = guard.checkToken(exchange.getRequestHeaders());
            }
            if (refusal != null) {
                send(exchange, refusal.status(), refusal.reason());
                return;
            }
            board.pageContact();
            if ("/api/events".equals(path)) {
                handedOff = events.open(exchange);
                return;
            }
            route(exchange, path);
        } finally {
            if (!handedOff) {
                exchange.close();
            }
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (api.handle(exchange, path)) {
            return;
        }
        switch (path) {
            case "/api/edit":
                EditHandler.handle(exchange, board);
                return;
            default:
                if (StaticFiles.handles(path)) { // the page: /, /ui/<file>
                    StaticFiles.serve(exchange, path);
                    return;
                }
                send(exchange, 404, "no such endpoint");
        }
    }

    private static void sendJson(HttpExchange exchange, String json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        write(exchange, 200, json);
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        write(exchange, status, text + "\n");
    }

    private static void write(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving at once; paused threads are not released here (see {@link Breakpoints#shutdown}). */
    @Override
    public void close() {
        events.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
