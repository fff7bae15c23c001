package dev.agentdbg.replay.http;

import dev.agentdbg.replay.AsyncCompletions;
import dev.agentdbg.replay.ReplayException;
import dev.agentdbg.replay.ServedExchange;
import dev.agentdbg.replay.ServedExchanges;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A served answer fed to the JDK's own body handlers, and to hand-written subscribers that check demand. */
class ReplayedCallTest {
    private static final HttpRequest REQUEST = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/v1/chat/completions"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

    private static ServedExchange answer(String... pieces) {
        return ServedExchanges.of(false, 0, pieces);
    }

    @SuppressWarnings("unchecked")
    private static <T> HttpResponse<T> send(ServedExchange served, HttpResponse.BodyHandler<T> handler) {
        ReplayedCall call = new ReplayedCall(served, null);
        call.send(REQUEST, handler);
        assertNull(call.failure(), () -> String.valueOf(call.failure()));
        return (HttpResponse<T>) call.response();
    }

    @Test
    void ofStringGetsTheWholeBodyWithTheRecordedHead() {
        HttpResponse<String> response = send(answer("{\"id\":", "\"x\"}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("{\"id\":\"x\"}", response.body());
        assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("10", response.headers().firstValue("Content-Length").orElseThrow(), "the length served, not the recorded");
        assertSame(REQUEST, response.request());
        assertEquals(REQUEST.uri(), response.uri());
    }

    @Test
    void ofByteArrayGetsEveryByte() {
        HttpResponse<byte[]> response = send(answer("ab", "", "cd"), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals("abcd".getBytes(StandardCharsets.UTF_8), response.body());
    }

    @Test
    void ofInputStreamReturnsAtOnceAndStreamsOnTheReadersThread() throws Exception {
        HttpResponse<InputStream> response = send(answer("data: 1\n\n", "data: 2\n\n", "data: [DONE]\n\n"),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            assertEquals("data: 1\n\ndata: 2\n\ndata: [DONE]\n\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void ofLinesSplitsLinesAcrossChunks() {
        HttpResponse<Stream<String>> response = send(answer("data: a", "bc\n\ndata: d\n", "\n"),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            assertEquals(List.of("data: abc", "", "data: d", ""), lines.collect(Collectors.toList()));
        }
    }

    @Test
    void ofPublisherDeliversOnlyWhatTheLaterSubscriberAsksFor() {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(answer("a", "b", "c"),
                HttpResponse.BodyHandlers.ofPublisher());
        Recorder recorder = new Recorder(0);
        response.body().subscribe(recorder);
        assertEquals(List.of(), recorder.items);
        recorder.subscription.request(2);
        assertEquals(List.of("a", "b"), recorder.items);
        assertEquals(0, recorder.completed.get());
        recorder.subscription.request(1);
        assertEquals(List.of("a", "b", "c"), recorder.items);
        assertEquals(1, recorder.completed.get(), "complete after the last chunk");
    }

    @Test
    void demandIsRespectedAndCancelStops() {
        Recorder recorder = new Recorder(1);
        ReplayedCall call = new ReplayedCall(answer("a", "b", "c", "d"), null);
        call.send(REQUEST, (HttpResponse.BodyHandler<Void>) info -> recorder);
        assertEquals(List.of("a"), recorder.items, "one asked for in onSubscribe, one delivered");
        recorder.subscription.request(1);
        assertEquals(List.of("a", "b"), recorder.items);
        recorder.subscription.cancel();
        recorder.subscription.request(5);
        assertEquals(List.of("a", "b"), recorder.items);
        assertEquals(0, recorder.completed.get());
    }

    @Test
    void nonPositiveRequestIsAnError() {
        Recorder recorder = new Recorder(0);
        new ReplayedCall(answer("a"), null).sendAsync(REQUEST, (HttpResponse.BodyHandler<Void>) info -> recorder);
        waitFor(() -> recorder.subscription != null);
        recorder.subscription.request(0);
        waitFor(() -> recorder.error.get() != null); // the agent thread may still be draining after onSubscribe
        assertInstanceOf(IllegalArgumentException.class, recorder.error.get());
        assertEquals(List.of(), recorder.items);
    }

    @Test
    void requestsFromInsideOnNextDoNotRecurse() {
        String[] pieces = Collections.nCopies(20_000, "x").toArray(new String[0]);
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger deepest = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        Flow.Subscriber<List<ByteBuffer>> oneByOne = new Flow.Subscriber<>() {
            Flow.Subscription s;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                s = subscription;
                s.request(1);
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                deepest.accumulateAndGet(depth.incrementAndGet(), Math::max);
                received.incrementAndGet();
                s.request(1);
                depth.decrementAndGet();
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        };
        new ChunkSubscription(ServedExchanges.of(false, 0, pieces), oneByOne).start();
        assertEquals(20_000, received.get());
        assertEquals(1, deepest.get(), "each request inside onNext returned before the next onNext");
    }

    @Test
    void recordedTimingWaitsForEachChunksOffset() {
        long gap = TimeUnit.MILLISECONDS.toNanos(40);
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        ReplayedCall call = new ReplayedCall(ServedExchanges.of(true, gap, "a", "b", "c"), null);
        call.send(REQUEST, (HttpResponse.BodyHandler<Void>) info -> HttpResponse.BodySubscribers.fromSubscriber(new Flow.Subscriber<List<ByteBuffer>>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                arrivals.add(System.nanoTime() - start);
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        }));
        assertEquals(3, arrivals.size());
        for (int i = 0; i < 3; i++) {
            // a lower bound only: the replay never hands a chunk over before its recorded offset
            assertTrue(arrivals.get(i) >= (i + 1) * gap, "chunk " + i + " at " + arrivals.get(i));
        }
    }

    @Test
    void sendAsyncCompletesOffTheCallersThread() throws Exception {
        AsyncCompletions.start(); // as JdkHttp.install does in replay mode
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        CompletableFuture<Object> future = new ReplayedCall(answer("hello"), null)
                .sendAsync(REQUEST, HttpResponse.BodyHandlers.ofString());
        Object response = future.get(10, TimeUnit.SECONDS);
        assertEquals("hello", ((HttpResponse<?>) response).body());
        CompletableFuture<Object> second = new ReplayedCall(answer("x"), null)
                .sendAsync(REQUEST, (HttpResponse.BodyHandler<String>) info -> {
                    completedOn.set(Thread.currentThread());
                    return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
                });
        second.get(10, TimeUnit.SECONDS);
        assertNotEquals(Thread.currentThread(), completedOn.get());
        assertTrue(completedOn.get().isDaemon());
    }

    @Test
    void refusalReachesTheCaller() {
        ReplayException refusal = new ReplayException("agentdbg replay: no more answers");
        ReplayedCall call = new ReplayedCall(null, refusal);
        call.send(REQUEST, HttpResponse.BodyHandlers.ofString());
        assertSame(refusal, call.failure());
        assertNull(call.response());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> new ReplayedCall(null, refusal).sendAsync(REQUEST, HttpResponse.BodyHandlers.ofString())
                        .get(10, TimeUnit.SECONDS));
        assertSame(refusal, e.getCause());
    }

    @Test
    void aThrowingHandlerFailsSendWithAnIOException() {
        ReplayedCall call = new ReplayedCall(answer("x"), null);
        call.send(REQUEST, (HttpResponse.BodyHandler<String>) info -> {
            throw new IllegalStateException("handler broke");
        });
        assertInstanceOf(java.io.IOException.class, call.failure());
        assertEquals("handler broke", call.failure().getCause().getMessage());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(condition.getAsBoolean());
    }

    /** Keeps what it receives as text; asks for {@code initial} items in onSubscribe. */
    private static final class Recorder implements HttpResponse.BodySubscriber<Void> {
        final List<String> items = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger completed = new AtomicInteger();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final long initial;
        volatile Flow.Subscription subscription;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            for (ByteBuffer b : item) {
                items.add(StandardCharsets.UTF_8.decode(b).toString());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error.set(throwable);
        }

        @Override
        public void onComplete() {
            completed.incrementAndGet();
        }
    }
}
