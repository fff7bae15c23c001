package dev.agentdbg.replay.http;

import com.sun.net.httpserver.HttpServer;
import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.replay.HeldHttpCall;
import dev.agentdbg.runtime.debug.BreakpointSpec;
import dev.agentdbg.runtime.debug.Breakpoints;
import dev.agentdbg.runtime.debug.DebugEvents;
import dev.agentdbg.runtime.debug.Edits;
import dev.agentdbg.runtime.debug.PauseBoard;
import dev.agentdbg.runtime.debug.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An LLM answer held at the llm call's exit pause and edited as its HTTP body: a real server on 127.0.0.1,
 * the JDK's real HttpClient, and the calls the send advice makes around {@code send}.
 */
class HeldAnswerTest {
    private static final long HOUR = 3_600_000;
    private static final String STREAM = "data: {\"choices\":[{\"delta\":{\"content\":\"Paris\"}}]}\n\ndata: [DONE]\n\n";
    private final MethodRegistry registry = new MethodRegistry();
    private final ConcurrentLinkedQueue<String> edits = new ConcurrentLinkedQueue<>();
    private MethodInfo llm;
    private PauseBoard board;
    private Breakpoints breakpoints;
    private HttpServer server;
    private volatile byte[] answer = STREAM.getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws Exception {
        Spans.install(new SpanRings(4096, 4096), 1_000_000_000_000L, System.nanoTime(), 7);
        CallCapture.useMethods(registry);
        llm = registry.register("com.acme.OpenAiClient", "streamComplete", "(Ljava/lang/String;)Ljava/lang/String;",
                "llm", "openai", "openai");
        llm.setCapture(new CaptureSpec(CaptureSettings.defaults(), 1, true, -1, 0, false, true));
        board = new PauseBoard(HOUR, HOUR, r -> { });
        board.pageConnected();
        breakpoints = new Breakpoints(registry::get, board, w -> { });
        breakpoints.useEvents(new DebugEvents() {
            @Override
            public void edited(long traceHi, long traceLo, long spanId, String target, String before, String after) {
                edits.add(target + ": " + after);
            }
        });
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] a = answer;
                for (int at = 0; at < a.length; at += 16 * 1024) { // in pieces, as a stream arrives
                    out.write(a, at, Math.min(16 * 1024, a.length - at));
                    out.flush();
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        breakpoints.shutdown();
        server.stop(0);
        Spans.uninstall();
        CallCapture.useMethods(null);
    }

    /** The llm method: opens its span, sends (as the advice does around send), reads the answer, returns it. */
    private <T> Thread llmCall(HttpResponse.BodyHandler<T> handler, Function<T, String> read, AtomicReference<String> got) {
        Thread t = new Thread(() -> {
            Object state = Spans.state();
            int token = CallCapture.enter(state, llm.id(), new Object[] {"capital of France?"}, null);
            String result = null;
            HttpClient client = HttpClient.newHttpClient();
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                        + "/v1/chat/completions")).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                JdkHttp hooks = new JdkHttp();
                Object call = hooks.begin(request);
                @SuppressWarnings("unchecked")
                HttpResponse.BodyHandler<T> h = (HttpResponse.BodyHandler<T>) hooks.handler(call, handler);
                Object response = client.send(request, h);
                if (call instanceof HeldHttpCall held) {
                    response = held.release(response);
                }
                @SuppressWarnings("unchecked")
                HttpResponse<T> r = (HttpResponse<T>) response;
                result = read.apply(r.body());
            } catch (Exception e) {
                result = "failed: " + e;
            }
            CallCapture.exit(state, token, result, null);
            got.set(result);
        }, "stream-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String lines(Stream<String> lines) {
        try (lines) {
            return lines.collect(Collectors.joining("\n"));
        }
    }

    @Test
    void aStreamedAnswerIsPausedOnceWithItsBodyAndTheApplicationReadsTheEditedLines() throws Exception {
        breakpoints.put(BreakpointSpec.every("llm", BreakpointSpec.parseTarget("openai"), PauseGate.AT_EXIT));
        AtomicReference<String> got = new AtomicReference<>();
        Thread app = llmCall(HttpResponse.BodyHandlers.ofLines(), HeldAnswerTest::lines, got);
        PauseBoard.Pause p = Waits.pausedIds(board, 1).isEmpty() ? null : board.paused().get(0);
        assertEquals(PauseGate.AT_EXIT, p.at);
        List<Edits.Editable> list = p.edits.editables();
        assertEquals(List.of(new Edits.Editable("body", "text", STREAM, true, null)), list);
        String edited = "data: {\"choices\":[{\"delta\":{\"content\":\"Lyon\"}}]}\n\ndata: [DONE]\n\n";
        assertNull(p.edits.propose("body", edited));
        assertTrue(board.resume(p.id, PauseBoard.Command.CONTINUE));
        Waits.join(app);
        assertEquals(edited.substring(0, edited.length() - 1), got.get(), "the lines of the edited body");
        assertEquals(1, board.pauses(), "the llm method's own exit does not pause a second time");
        assertEquals(List.of("body: " + edited), List.copyOf(edits));
    }

    @Test
    void aStringAnswerIsServedUneditedWhenNothingWasChanged() throws Exception {
        breakpoints.put(BreakpointSpec.every("llm", BreakpointSpec.parseTarget("kind:llm"), PauseGate.AT_EXIT));
        AtomicReference<String> got = new AtomicReference<>();
        Thread app = llmCall(HttpResponse.BodyHandlers.ofString(), s -> s, got);
        PauseBoard.Pause p = Waits.pausedIds(board, 1).isEmpty() ? null : board.paused().get(0);
        assertTrue(p.edits.editables().get(0).editable());
        assertTrue(board.resume(p.id, PauseBoard.Command.CONTINUE));
        Waits.join(app);
        assertEquals(STREAM, got.get());
        assertEquals(1, board.pauses());
        assertTrue(edits.isEmpty());
    }

    @Test
    void anAnswerOverTheBoundFlowsThroughAndTheExitPausesAtTheMethodItself() throws Exception {
        StringBuilder big = new StringBuilder();
        while (big.length() <= HeldAnswer.MAX_BYTES + 100_000) {
            big.append("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n");
        }
        answer = big.toString().getBytes(StandardCharsets.UTF_8);
        breakpoints.put(BreakpointSpec.every("llm", BreakpointSpec.parseTarget("kind:llm"), PauseGate.AT_EXIT));
        AtomicReference<String> got = new AtomicReference<>();
        Thread app = llmCall(HttpResponse.BodyHandlers.ofString(), s -> s, got);
        PauseBoard.Pause p = Waits.pausedIds(board, 1).isEmpty() ? null : board.paused().get(0);
        assertTrue(p.edits == null || !p.edits.editables().stream().anyMatch(e -> e.target().equals("body")),
                "not held: paused at the method's return instead");
        assertTrue(board.resume(p.id, PauseBoard.Command.CONTINUE));
        Waits.join(app);
        assertEquals(big.toString(), got.get(), "every byte reached the application, in order");
        assertEquals(1, board.pauses());
    }
}
