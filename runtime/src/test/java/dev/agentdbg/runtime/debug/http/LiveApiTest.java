package dev.agentdbg.runtime.debug.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.runtime.debug.BreakpointSpec;
import dev.agentdbg.runtime.debug.DebugFeed;
import dev.agentdbg.runtime.debug.DebugSession;
import dev.agentdbg.runtime.debug.DebugSettings;
import dev.agentdbg.runtime.debug.PauseBoard;
import dev.agentdbg.runtime.debug.Waits;
import dev.agentdbg.runtime.debug.feed.LiveFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JSON API and the SSE feed over real HTTP on 127.0.0.1, with a real session: breakpoints set, listed and
 * removed, "pause the next run" through the real span bridge, resume with a JSON body, the feed's backlog,
 * live events, heartbeats, a reconnect that missed events, and a client that never reads.
 */
class LiveApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MethodInfo chat = new MethodInfo(5, "com.acme.Chat", "chat", "()V", "llm", "openai", "llm");
    private final HttpClient http = HttpClient.newHttpClient();
    private DebugSession session;
    private DebugFeed feed;
    private DebugServer server;

    @BeforeEach
    void start() throws IOException {
        System.setProperty(EventStream.HEARTBEAT_PROPERTY, "100");
        System.setProperty(EventStream.SLOW_CLIENT_PROPERTY, "300");
        Spans.install(new SpanRings(64, 64), 1_000_000_000_000L, System.nanoTime(), 3);
        DebugSettings settings = new DebugSettings(true, 0, InetAddress.getLoopbackAddress(), false, 3_600_000,
                3_600_000, List.of());
        feed = new DebugFeed(id -> id == 5 ? chat : null, new LiveFeed(256 * 1024, null), null);
        session = DebugSession.start(settings, id -> id == 5 ? chat : null, feed);
        feed.attach(session);
        server = DebugServer.start(settings, session, feed);
    }

    @AfterEach
    void stop() {
        server.close();
        session.close();
        Spans.uninstall();
        PauseGate.arm(null);
        System.clearProperty(EventStream.HEARTBEAT_PROPERTY);
        System.clearProperty(EventStream.SLOW_CLIENT_PROPERTY);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Agentdbg-Token", server.token()).timeout(Duration.ofSeconds(60));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void breakpointsAreSetListedAndRemovedWithClearRefusals() throws Exception {
        HttpResponse<String> set = send("POST", "/api/breakpoints",
                "{\"name\":\"llm\",\"target\":\"kind:llm\",\"when\":\"args[0].model == gpt-4o\",\"hit\":2,\"at\":\"both\"}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("{\"breakpoints\":[{\"name\":\"llm\",\"target\":\"kind:llm\",\"when\":\"args[0].model == gpt-4o\","
                + "\"hit\":2,\"at\":\"both\",\"calls\":0}],\"pauseNextRun\":false}", set.body());
        assertEquals(set.body(), send("GET", "/api/breakpoints", null).body());
        assertEquals(PauseGate.AT_ENTER | PauseGate.AT_EXIT, session.breakpoints().list().get(0).at());

        for (String[] bad : new String[][] {
                {"{\"name\":\"x\",\"target\":\"kind:banana\"}", "target: 'kind:banana' names the unknown kind 'banana'"},
                {"{\"name\":\"x y\",\"target\":\"llm\"}", "name: a breakpoint name is letters, digits, '_' and '-'"},
                {"{\"name\":\"x\",\"target\":\"llm\",\"hit\":-1}", "hit: '-1' is not a call number"},
                {"{\"name\":\"x\",\"target\":\"llm\",\"at\":\"middle\"}", "at: 'middle' is not enter, exit or both"},
                {"{\"name\":\"x\",\"target\":\"llm\",\"when\":\"args[0] ~~ 1\"}", "when: "},
                {"[1]", "the body must be a JSON object"},
                {"{nope", "the body is not JSON"}}) {
            HttpResponse<String> r = send("POST", "/api/breakpoints", bad[0]);
            assertEquals(400, r.statusCode(), bad[0]);
            assertTrue(r.body().startsWith(bad[1]), r.body());
            assertEquals(1, r.body().strip().lines().count(), "one line: " + r.body());
        }
        assertEquals(404, send("DELETE", "/api/breakpoints?name=nope", null).statusCode());
        assertEquals(405, send("PUT", "/api/breakpoints", "{}").statusCode());
        assertEquals(405, send("GET", "/api/breakpoints/delete?name=llm", null).statusCode());
        HttpResponse<String> removed = send("POST", "/api/breakpoints/delete?name=llm", "");
        assertEquals(200, removed.statusCode());
        assertEquals("{\"breakpoints\":[],\"pauseNextRun\":false}", removed.body());
        assertEquals(null, PauseGate.armed(), "nothing set: the gate is disarmed");

        List<String> names = feed.feed().after(0, 0).events().stream().map(LiveFeed.Event::name).toList();
        assertEquals(List.of("breakpoints", "breakpoints"), names, "each change is an event of the feed");
    }

    @Test
    void pauseNextRunCatchesTheNextRootSpanOnceAndResumeTakesAJsonBody() throws Exception {
        assertEquals("{\"pauseNextRun\":true}", send("POST", "/api/pause-next-run", "{\"on\":true}").body());
        assertEquals(400, send("POST", "/api/pause-next-run", "{\"on\":\"yes\"}").statusCode());
        Thread app = new Thread(() -> {
            int outer = Spans.enter(5);
            Spans.exit(Spans.enter(5), null); // nested: not a root span, never caught
            Spans.exit(outer, null);
            Spans.exit(Spans.enter(5), null); // the next run: the switch is off by now
        }, "app-main");
        app.start();
        long id = Waits.pausedIds(session.board(), 1).get(0);
        JsonNode state = JSON.readTree(send("GET", "/api/state", null).body());
        JsonNode pause = state.path("paused").get(0);
        assertEquals("pause_next_run", pause.path("breakpoint").asText());
        assertEquals(1, pause.path("depth").asInt());
        assertEquals("{\"id\":5,\"class\":\"com.acme.Chat\",\"name\":\"chat\",\"kind\":\"llm\",\"component\":\"openai\","
                + "\"rule\":\"llm\"}", pause.path("method").toString());
        assertFalse(state.path("pauseNextRun").asBoolean(), "it switched itself off");
        assertEquals(400, send("POST", "/api/resume", "{\"id\":" + id + ",\"command\":\"jump\"}").statusCode());
        HttpResponse<String> resumed = send("POST", "/api/resume", "{\"id\":" + id + ",\"command\":\"continue\"}");
        assertEquals("{\"resumed\":" + id + "}", resumed.body());
        app.join(60_000);
        assertFalse(app.isAlive(), "caught once only");
        assertEquals(1, session.board().pauses());
    }

    @Test
    void theFeedReplaysTheBacklogThenOpenPausesThenLiveEventsAndHeartbeats() throws Exception {
        byte[] method = "{\"type\":\"method\",\"id\":5}\n".getBytes(StandardCharsets.UTF_8);
        feed.feed().record(method, method.length);
        byte[] span = "{\"type\":\"span\",\"method\":5}\n".getBytes(StandardCharsets.UTF_8);
        feed.feed().record(span, span.length);
        AtomicReference<PauseBoard.Command> got = new AtomicReference<>();
        Thread app = new Thread(() -> got.set(session.board().pause(PauseGate.AT_ENTER, 5, 1, 0xabcL)), "app");
        app.start();
        Waits.pausedIds(session.board(), 1);

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> events = http.send(request("/api/events").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, events.statusCode());
        assertEquals("text/event-stream; charset=utf-8", events.headers().firstValue("Content-Type").orElse(""));
        Thread reader = reader(events, lines);
        assertEquals("id: 1", waitFor(lines, l -> l.startsWith("id: ")));
        assertEquals("event: record", waitFor(lines, l -> true));
        assertEquals("data: {\"type\":\"method\",\"id\":5}", waitFor(lines, l -> true));
        waitFor(lines, l -> l.equals("data: {\"type\":\"span\",\"method\":5}"));
        waitFor(lines, l -> l.equals("event: paused"));
        assertTrue(waitFor(lines, l -> true).contains("\"span\":\"0000000000000abc\""));
        waitFor(lines, l -> l.equals("event: heartbeat"));
        waitUntil(() -> session.board().pagesConnected() == 1, "the open feed counts as a page");

        assertEquals(200, send("POST", "/api/continue-all", "").statusCode());
        app.join(60_000);
        waitFor(lines, l -> l.equals("event: released"));
        assertTrue(waitFor(lines, l -> l.startsWith("data: ")).contains("\"reason\":\"continue_all\""));

        feed.warning("a warning with a secret: apiKey=sk-123456789012345678901234567890");
        waitFor(lines, l -> l.equals("event: warning"));
        String warning = waitFor(lines, l -> l.startsWith("data: "));
        assertTrue(warning.contains("[REDACTED]") && !warning.contains("sk-1234567890"), "redacted as in the trace: " + warning);
        feed.ended(0);
        waitFor(lines, l -> l.equals("event: ended"));
        waitFor(lines, l -> l.equals("<closed>"));
        reader.join(60_000);
        waitUntil(() -> session.board().pagesConnected() == 0, "a closed feed is a page gone");
        assertEquals("ended", JSON.readTree(send("GET", "/api/state", null).body()).path("program").asText());
    }

    @Test
    void aReconnectOlderThanTheBacklogIsToldWhatItMissed() throws Exception {
        for (int i = 0; i < 5_000; i++) { // far more than 256 KB
            byte[] span = ("{\"type\":\"span\",\"n\":" + i + ",\"pad\":\"" + "x".repeat(100) + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8);
            feed.feed().record(span, span.length);
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> events = http.send(request("/api/events").header("Last-Event-ID", "10").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        reader(events, lines);
        assertEquals("event: dropped", waitFor(lines, l -> l.startsWith("event: ")));
        String missed = waitFor(lines, l -> true);
        long n = JSON.readTree(missed.substring("data: ".length())).path("missed").asLong();
        assertEquals(5_000 - 10 - feed.feed().after(10, 0).events().size(), n);
    }

    @Test
    void aClientThatNeverReadsIsDroppedAndNeverHoldsUpThePublisher() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setReceiveBufferSize(4096);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nX-Agentdbg-Token: "
                    + server.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            in.read(new byte[16]); // the response has begun; from now on this client reads nothing
            waitUntil(() -> session.board().pagesConnected() == 1, "connected");
            String pad = "y".repeat(2_000);
            for (int i = 0; i < 20_000 && session.board().pagesConnected() > 0; i++) {
                byte[] span = ("{\"type\":\"span\",\"n\":" + i + ",\"pad\":\"" + pad + "\"}\n").getBytes(StandardCharsets.UTF_8);
                feed.feed().record(span, span.length); // the drainer's side: never waits for the client
                if (i % 100 == 0) {
                    Thread.sleep(1); // let the writer run: the client must fall behind, not the test outrun it
                }
            }
            waitUntil(() -> session.board().pagesConnected() == 0, "the slow client is dropped");
            waitUntil(() -> server.liveConnections() == 0, "its writer is free again");
        }
    }

    @Test
    void aWriterBlockedOnAClientThatNeverReadsIsCutOffByTheWatchdog() throws Exception {
        // A backlog big enough that the client is never overtaken: only the slow-client limit can drop it.
        server.close();
        feed = new DebugFeed(id -> null, new LiveFeed(256L << 20, null), null);
        server = DebugServer.start(new DebugSettings(true, 0, InetAddress.getLoopbackAddress(), false, 3_600_000,
                3_600_000, List.of()), session, feed);
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            s.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nX-Agentdbg-Token: " + server.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().read(new byte[16]);
            waitUntil(() -> server.liveConnections() == 1, "connected");
            String pad = "z".repeat(8_000);
            for (int i = 0; i < 10_000 && server.liveConnections() > 0; i++) { // up to 80 MB, far past any socket buffer
                byte[] span = ("{\"type\":\"span\",\"n\":" + i + ",\"pad\":\"" + pad + "\"}\n").getBytes(StandardCharsets.UTF_8);
                feed.feed().record(span, span.length);
            }
            waitUntil(() -> server.liveConnections() == 0, "the writer stuck on the socket is interrupted");
            assertEquals(0, feed.feed().evicted(), "it was the watchdog, not the backlog, that dropped it");
            waitUntil(() -> session.board().pagesConnected() == 0, "and the page counts as gone");
        }
    }

    private static Thread reader(HttpResponse<Stream<String>> events, BlockingQueue<String> lines) {
        Thread reader = new Thread(() -> {
            try {
                events.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the server closed the stream
            }
            lines.add("<closed>");
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static String waitFor(BlockingQueue<String> lines, Predicate<String> wanted) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (wanted.test(line)) {
                return line;
            }
            if (line.equals("<closed>")) {
                break;
            }
            seen.append(line).append('\n');
        }
        fail("not seen; what came:\n" + seen);
        return null;
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never: " + what);
            }
            Thread.sleep(10);
        }
    }
}
