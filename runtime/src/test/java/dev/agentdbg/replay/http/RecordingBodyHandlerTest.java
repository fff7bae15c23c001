package dev.agentdbg.replay.http;

import dev.agentdbg.replay.HttpExchange;
import dev.agentdbg.replay.ServedExchanges;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recording side: the application's subscriber sees exactly what the JDK delivered, the exchange keeps a copy. */
class RecordingBodyHandlerTest {
    private static final HttpResponse.ResponseInfo INFO = new ReplayedResponse.Info(200,
            HttpHeaders.of(Map.of("content-type", List.of("text/event-stream"), "set-cookie", List.of("s=1")),
                    (n, v) -> true), HttpClient.Version.HTTP_1_1);

    @Test
    void buffersReachTheApplicationUntouchedAndTheExchangeKeepsEachChunk() throws Exception {
        HttpExchange exchange = ServedExchanges.recording("{\"prompt\":\"hi\"}");
        List<String> seen = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Object[] delivered = new Object[1];
        HttpResponse.BodySubscriber<Void> app = new HttpResponse.BodySubscriber<>() {
            @Override
            public CompletionStage<Void> getBody() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                delivered[0] = item;
                for (ByteBuffer b : item) {
                    positions.add(b.position());
                    seen.add(StandardCharsets.UTF_8.decode(b).toString());
                }
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        };
        HttpResponse.BodySubscriber<Void> tee = new RecordingBodyHandler<>(exchange, info -> app).apply(INFO);
        tee.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        ByteBuffer first = ByteBuffer.wrap("xxdata: 1\n\n".getBytes(StandardCharsets.UTF_8));
        first.position(2); // a buffer that does not start at 0: only the remaining bytes are the body
        List<ByteBuffer> item = List.of(first, ByteBuffer.wrap("data: 2\n\n".getBytes(StandardCharsets.UTF_8)));
        tee.onNext(item);
        // Read before the end: with no drainer in a unit test, the ended exchange is refused and lets its bytes go.
        String json = ServedExchanges.json(exchange);
        tee.onComplete();

        assertSame(item, delivered[0], "the same list, not a copy");
        assertEquals(List.of(2, 0), positions, "positions as the JDK left them");
        assertEquals(List.of("data: 1\n\n", "data: 2\n\n"), seen);
        assertTrue(json.contains("\"chunks\":[{\"at\":"), json);
        assertTrue(json.contains("\"text\":\"data: 1\\n\\n\"}") && json.contains("\"text\":\"data: 2\\n\\n\"}"), json);
        assertTrue(json.contains("\"status\":200") && json.contains("\"complete\":true"), json);
        assertTrue(json.contains("\"body\":\"{\\\"prompt\\\":\\\"hi\\\"}\""), json);
        assertFalse(json.contains("sk-secret") || json.toLowerCase().contains("authorization"), json);
        assertFalse(json.contains("set-cookie"), json);
    }

    @Test
    void anErrorEndsTheExchangeAsFailed() throws Exception {
        HttpExchange exchange = ServedExchanges.recording("{}");
        HttpResponse.BodySubscriber<String> tee = new RecordingBodyHandler<>(exchange,
                HttpResponse.BodyHandlers.ofString()).apply(INFO);
        tee.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        tee.onError(new java.io.IOException("connection reset"));
        String json = ServedExchanges.json(exchange);
        assertTrue(json.contains("\"complete\":false"), json);
        assertTrue(json.contains("\"error\":{\"type\":\"java.io.IOException\",\"message\":\"connection reset\"}"), json);
    }
}
