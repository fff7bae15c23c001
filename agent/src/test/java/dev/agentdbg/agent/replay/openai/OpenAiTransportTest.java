package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.replay.AsyncCompletions;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpMethod;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.OpenSpans;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.replay.RecordingReader;
import dev.agentdbg.replay.ReplayException;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.ReplayTestAccess;
import dev.agentdbg.replay.SideRecord;
import dev.agentdbg.replay.SideRecords;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The openai-java adapter driven through its real advice, inlined by ByteBuddy into a transport of the
 * SDK's shape (stand-ins for the {@code com.openai.core.http} types live in the test sources): what is
 * recorded, what a replay serves, and how a replay that cannot answer reaches the caller.
 */
class OpenAiTransportTest {
    private static final String KEY = "sk-test-DO-NOT-RECORD-0123456789";
    private static final String BODY = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpClient transport;

    private int llmMethod;
    private int agentMethod;

    @BeforeAll
    static void instrument() throws Exception {
        Class<?> instrumented = new ByteBuddy().redefine(FakeTransport.class)
                .visit(Advice.to(ExecuteAdvice.class).on(named("execute")))
                .visit(Advice.to(ExecuteAsyncAdvice.class).on(named("executeAsync")))
                .make()
                .load(FakeTransport.class.getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST)
                .getLoaded();
        transport = (HttpClient) instrumented.getConstructor().newInstance();
        AsyncCompletions.start();
    }

    @BeforeEach
    void spans() {
        Spans.install(new SpanRings(256, 256), 0, System.nanoTime(), 7);
        MethodRegistry registry = new MethodRegistry();
        CallCapture.useMethods(registry);
        llmMethod = registry.register("com.acme.Model", "ask", "()V", "llm", "Model", "model").callSiteId();
        agentMethod = registry.register("com.acme.Agent", "run", "()V", "agent", "Agent", "agent").callSiteId();
        SideRecords.open();
        drain();
        ReplayTestAccess.resetServed();
        FakeTransport.Network.pieces = List.of("data: {\"a\":1}\n\n", "data: {\"a\":2}\n\n", "data: [DONE]\n\n");
        FakeTransport.Network.CALLS.set(0);
    }

    @AfterEach
    void uninstall() {
        ReplayMode.install(ReplaySettings.TRACE_ONLY, null);
        AsyncCompletions.use(null);
        AsyncCompletions.start();
        SideRecords.close();
        CallCapture.useMethods(null);
        Spans.uninstall();
    }

    @Test
    void recordsTheExchangeUnderAnLlmSpanChunkByChunkAndWithoutTheKey() throws Exception {
        ReplayMode.install(settings(ReplaySettings.RECORD, false), null);
        int token = Spans.enter(llmMethod);
        long span = OpenSpans.innermostOfKind("llm");
        String read;
        try (HttpResponse response = transport.execute(request(BODY), new RequestOptions())) {
            assertEquals(200, response.statusCode());
            assertEquals("req_1", response.requestId().orElse(null), "other methods answer as the real response");
            read = readInPieces(response.body());
        } finally {
            Spans.exit(token, null);
        }
        assertEquals(String.join("", FakeTransport.Network.pieces), read);
        assertEquals(1, FakeTransport.Network.CALLS.get());

        JsonNode exchange = single(drain());
        assertEquals(OpenSpans.hex(span), exchange.path("span").asText());
        assertEquals("openai-java", exchange.path("client").asText());
        assertEquals("POST /v1/chat/completions", exchange.path("endpoint").asText());
        assertEquals(BODY, exchange.path("request").path("body").asText(), "the SDK's body, read without consuming it");
        assertTrue(exchange.path("complete").asBoolean(), exchange.toString());
        List<String> chunks = new ArrayList<>();
        exchange.path("response").path("chunks").forEach(c -> chunks.add(c.path("text").asText()));
        assertEquals(FakeTransport.Network.pieces, chunks, "one chunk per read, as the SDK read them");
        assertFalse(exchange.toString().contains(KEY), "no API key in the recording: " + exchange);
        assertFalse(exchange.toString().toLowerCase().contains("authorization"), exchange.toString());
        assertFalse(exchange.toString().contains("session=secret"), exchange.toString());
    }

    @Test
    void recordsNothingOutsideAnLlmSpan() throws Exception {
        ReplayMode.install(settings(ReplaySettings.RECORD, false), null);
        int token = Spans.enter(agentMethod);
        try (HttpResponse response = transport.execute(request(BODY), new RequestOptions())) {
            assertFalse(java.lang.reflect.Proxy.isProxyClass(response.getClass()), "the real response, untouched");
            response.body().readAllBytes();
        } finally {
            Spans.exit(token, null);
        }
        assertEquals(List.of(), drain());
    }

    @Test
    void asyncRecordingKeepsTheCallersSpanThoughTheFutureCompletesElsewhere() throws Exception {
        ReplayMode.install(settings(ReplaySettings.RECORD, false), null);
        int token = Spans.enter(llmMethod);
        long span = OpenSpans.innermostOfKind("llm");
        CompletableFuture<HttpResponse> future;
        try {
            future = transport.executeAsync(request(BODY), new RequestOptions());
        } finally {
            Spans.exit(token, null);
        }
        String[] thread = new String[1];
        HttpResponse response = future.thenApply(r -> {
            thread[0] = Thread.currentThread().getName();
            return r;
        }).get(10, TimeUnit.SECONDS);
        assertEquals("fake-okhttp", thread[0], "completed where the client completes it");
        assertEquals(String.join("", FakeTransport.Network.pieces), new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        response.close();
        JsonNode exchange = single(drain());
        assertEquals(OpenSpans.hex(span), exchange.path("span").asText());
        assertTrue(exchange.path("complete").asBoolean());
    }

    @Test
    void replayServesTheRecordingWithoutTheNetworkAndFailsClearlyWhenExhausted(@TempDir Path dir) throws Exception {
        Path recording = record(dir);
        ReplayMode.install(settings(ReplaySettings.REPLAY, false), RecordingReader.load(recording.toString(), dir));
        int token = Spans.enter(llmMethod);
        try {
            try (HttpResponse response = transport.execute(request(BODY), new RequestOptions())) {
                assertEquals(200, response.statusCode());
                assertEquals(List.of("text/event-stream"), response.headers().values("content-type"));
                assertEquals("req_1", response.requestId().orElse(null), "the SDK's default method runs on the served head");
                List<String> pieces = new ArrayList<>();
                InputStream body = response.body();
                byte[] buffer = new byte[4096];
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    pieces.add(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
                assertEquals(FakeTransport.Network.pieces, pieces, "served in the recorded pieces");
            }
            assertEquals(0, FakeTransport.Network.CALLS.get(), "no request reached the network");
            ReplayException e = assertThrows(ReplayException.class,
                    () -> transport.execute(request(BODY), new RequestOptions()));
            assertTrue(e.getMessage().contains("recorded 1 answer"), e.getMessage());
            assertEquals(0, FakeTransport.Network.CALLS.get());
        } finally {
            Spans.exit(token, null);
        }
        List<JsonNode> records = drain();
        assertTrue(records.stream().anyMatch(r -> "replayed".equals(r.path("type").asText())), records.toString());
    }

    @Test
    void asyncReplayCompletesOnTheAgentsThreadAndAnExhaustedOneFailsTheFuture(@TempDir Path dir) throws Exception {
        Path recording = record(dir);
        ReplayMode.install(settings(ReplaySettings.REPLAY, false), RecordingReader.load(recording.toString(), dir));
        int token = Spans.enter(llmMethod);
        try {
            // Completions wait at a gate, so none can happen before the test listens for it.
            java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
            AsyncCompletions.use(task -> new Thread(() -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            }, AsyncCompletions.THREAD_NAME + "-test").start());
            CompletableFuture<HttpResponse> future = transport.executeAsync(request(BODY), new RequestOptions());
            assertFalse(future.isDone(), "returned before it completes, as a real asynchronous call");
            String[] thread = new String[1];
            CompletableFuture<HttpResponse> seen = future.thenApply(r -> {
                thread[0] = Thread.currentThread().getName();
                return r;
            });
            hold.countDown();
            HttpResponse response = seen.get(10, TimeUnit.SECONDS);
            assertEquals(AsyncCompletions.THREAD_NAME + "-test", thread[0]);
            assertEquals(String.join("", FakeTransport.Network.pieces),
                    new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            CompletableFuture<HttpResponse> exhausted = transport.executeAsync(request(BODY), new RequestOptions());
            ExecutionException e = assertThrows(ExecutionException.class, () -> exhausted.get(10, TimeUnit.SECONDS));
            assertInstanceOf(ReplayException.class, e.getCause());
            assertEquals(0, FakeTransport.Network.CALLS.get());
        } finally {
            Spans.exit(token, null);
        }
    }

    @Test
    void aContinuationThatWaitsForAnotherReplayedCallDoesNotStarveIt(@TempDir Path dir) throws Exception {
        Path recording = record(dir, 2);
        ReplayMode.install(settings(ReplaySettings.REPLAY, false), RecordingReader.load(recording.toString(), dir));
        int token = Spans.enter(llmMethod);
        try {
            // The first answer's continuation runs on the completing agent thread and blocks on the second.
            String both = transport.executeAsync(request(BODY), new RequestOptions()).thenApply(first -> {
                try {
                    HttpResponse second = transport.executeAsync(request(BODY), new RequestOptions()).get(10, TimeUnit.SECONDS);
                    return first.statusCode() + "+" + second.statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            assertEquals("200+200", both);
        } finally {
            Spans.exit(token, null);
        }
    }

    @Test
    void strictReplayOfAChangedRequestThrowsAndNamesTheDifference(@TempDir Path dir) throws Exception {
        Path recording = record(dir);
        ReplayMode.install(settings(ReplaySettings.REPLAY, true), RecordingReader.load(recording.toString(), dir));
        int token = Spans.enter(llmMethod);
        try {
            ReplayException e = assertThrows(ReplayException.class,
                    () -> transport.execute(request(BODY.replace("hi", "hello")), new RequestOptions()));
            assertTrue(e.getMessage().contains("hello"), e.getMessage());
        } finally {
            Spans.exit(token, null);
        }
    }

    @Test
    void aBodyThatIsNotRepeatableOrTooLongIsNotRead() throws Exception {
        SdkTypes types = SdkTypes.of(request(BODY));
        int[] written = new int[1];
        HttpRequest oneShot = new HttpRequest(HttpMethod.POST, "http://h/v1/files", Headers.builder().build(),
                new Body(BODY, false, written));
        SdkRequest r = SdkRequest.read(types, oneShot, 1 << 20);
        assertNull(r.body());
        assertTrue(r.bodyMissing().contains("one-shot"), r.bodyMissing());
        assertEquals(0, written[0], "a one-shot body is never written by the agent");

        SdkRequest big = SdkRequest.read(types, new HttpRequest(HttpMethod.POST, "http://h/v1/x",
                Headers.builder().build(), new Body(BODY, true, written) {
                    @Override
                    public long contentLength() {
                        return -1; // unknown: only the bounded copy stops it
                    }
                }), 10);
        assertNull(big.body());
        assertTrue(big.bodyMissing().contains("agentdbg.record.maxBytes (10)"), big.bodyMissing());
        assertEquals(BODY, new String(SdkRequest.read(types, request(BODY), 1 << 20).body(), StandardCharsets.UTF_8));
    }

    /** Records one call and writes it as a recorded run's trace file. */
    private Path record(Path dir) throws Exception {
        return record(dir, 1);
    }

    /** Records {@code calls} calls and writes them as a recorded run's trace file. */
    private Path record(Path dir, int calls) throws Exception {
        ReplayMode.install(settings(ReplaySettings.RECORD, false), null);
        StringBuilder lines = new StringBuilder("{\"type\":\"run\",\"schema\":1,\"runId\":\"run1\",\"mode\":\"record\"}\n");
        for (int i = 0; i < calls; i++) {
            int token = Spans.enter(llmMethod);
            try (HttpResponse response = transport.execute(request(BODY), new RequestOptions())) {
                response.body().readAllBytes();
            } finally {
                Spans.exit(token, null);
            }
            lines.append(single(drain())).append('\n');
        }
        Path file = dir.resolve("run1.jsonl");
        Files.writeString(file, lines.toString());
        FakeTransport.Network.CALLS.set(0);
        return file;
    }

    private static ReplaySettings settings(String mode, boolean strict) {
        return new ReplaySettings(mode, 4 << 20, "", Set.of("llm"), false, strict, false, -1, Map.of(), false,
                Set.of(), List.of());
    }

    private static HttpRequest request(String body) {
        return new HttpRequest(HttpMethod.POST, "http://127.0.0.1:1/v1/chat/completions",
                Headers.builder().put("Authorization", "Bearer " + KEY).put("Content-Type", "application/json").build(),
                new Body(body, true, new int[1]));
    }

    private static String readInPieces(InputStream in) throws Exception {
        StringBuilder all = new StringBuilder();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            all.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    /** The side records queued so far, as the drainer would write them. */
    private static List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        for (SideRecord r; (r = SideRecords.poll()) != null; ) {
            try {
                StringWriter text = new StringWriter();
                try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
                    json.writeStartObject();
                    json.writeStringField("type", r.type());
                    r.writeFields(json, Redactor.current());
                    json.writeEndObject();
                }
                out.add(JSON.readTree(text.toString()));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            } finally {
                SideRecords.release(r);
            }
        }
        return out;
    }

    private static JsonNode single(List<JsonNode> records) {
        List<JsonNode> exchanges = records.stream().filter(r -> "exchange".equals(r.path("type").asText())).toList();
        assertEquals(1, exchanges.size(), records.toString());
        return exchanges.get(0);
    }

    /** A JSON body as the SDK's: repeatable, written whole on each writeTo. */
    private static class Body implements HttpRequestBody {
        private final byte[] bytes;
        private final boolean repeatable;
        private final int[] written;

        Body(String text, boolean repeatable, int[] written) {
            this.bytes = text.getBytes(StandardCharsets.UTF_8);
            this.repeatable = repeatable;
            this.written = written;
        }

        @Override
        public void writeTo(OutputStream out) {
            written[0]++;
            try {
                out.write(bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public boolean repeatable() {
            return repeatable;
        }

        @Override
        public void close() {
        }
    }
}
