package dev.agentdbg.replay.http;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.replay.HeldHttpCall;
import dev.agentdbg.runtime.debug.EditableBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * A blocking {@code send} inside an {@code llm} call whose exit the debugger would stop at: the answer's
 * body is buffered (bounded by {@link #MAX_BYTES} and the agent's memory budget) instead of reaching the
 * application's handler; {@link #release}, on the caller's thread, takes the llm call's exit pause with the
 * body editable, then hands the bytes (edited or not) to the application's own handler as replay serves
 * recorded bytes, so the application's SDK parses the answer the user wrote. A body over the bound is
 * passed on as it arrives (shown by nobody, the pause then happens at the llm method's own exit).
 */
final class HeldAnswer extends HeldHttpCall implements EditableBody {
    /** Bodies up to this many bytes are held for editing; larger ones flow through. */
    static final int MAX_BYTES = 1 << 20;

    private final int frame;
    private final long spanId;
    private volatile HttpResponse.ResponseInfo info;
    private volatile HttpResponse.BodyHandler<?> appHandler;
    private volatile Buffer buffer;
    private volatile byte[] replacement;
    private Throwable failure;

    private HeldAnswer(int frame, long spanId) {
        this.frame = frame;
        this.spanId = spanId;
    }

    /** A hold for the calling thread's open llm call, or null when its exit would not stop (or no debugger). */
    static HeldAnswer begin() {
        int d = PauseGate.exitToHold("llm");
        return d < 0 ? null : new HeldAnswer(d, PauseGate.spanAt(d));
    }

    /** The handler the real call gets instead of the application's. */
    HttpResponse.BodyHandler<Object> handler(HttpResponse.BodyHandler<?> handler) {
        appHandler = handler;
        return responseInfo -> {
            info = responseInfo;
            Buffer b = new Buffer();
            buffer = b;
            return b;
        };
    }

    // ---- EditableBody: read by the debugger on the paused thread and the server thread ----

    @Override
    public byte[] body() {
        Buffer b = buffer;
        return b == null ? null : b.joined();
    }

    @Override
    public String notEditable() {
        return null; // an over-long body is never held (see Buffer), so a held one is editable
    }

    @Override
    public boolean json() {
        HttpResponse.ResponseInfo i = info;
        String type = i == null ? "" : i.headers().firstValue("content-type").orElse("");
        return type.toLowerCase(Locale.ROOT).contains("json");
    }

    @Override
    public void replace(byte[] body) {
        replacement = body;
    }

    // ---- HeldHttpCall ----

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public Object release(Object response) {
        if (!(response instanceof HttpResponse<?> r)) {
            return response;
        }
        Buffer b = buffer;
        try {
            Object body = r.body();
            if (body instanceof Passed passed) {
                return new HeldResponse<>(r, passed.body); // too long to hold: it went through as it arrived
            }
            if (b == null || body != b) {
                return response;
            }
            PauseGate.exitNow(frame, spanId, this); // the llm call's exit pause, with this body editable
            byte[] bytes = replacement != null ? replacement : b.joined();
            b.free();
            return new HeldResponse<>(r, serve(bytes));
        } catch (Throwable t) {
            AgentCounters.internalError("debug-held-answer", t);
            try { // the application must still get an answer of its own handler's type
                return new HeldResponse<>(r, serve(b == null ? new byte[0] : b.joined()));
            } catch (Throwable again) {
                failure = again instanceof IOException ? again : new IOException(String.valueOf(again.getMessage()), again);
                return null;
            }
        } finally {
            if (b != null) {
                b.free();
            }
        }
    }

    /** Hands {@code bytes} to the application's own handler, applied to the response head, and returns its body. */
    private Object serve(byte[] bytes) throws InterruptedException, ExecutionException {
        HttpResponse.BodySubscriber<?> subscriber = appHandler.apply(infoFor(bytes.length));
        new BytesSubscription(subscriber, bytes).start();
        return subscriber.getBody().toCompletableFuture().get();
    }

    /** The real head, with Content-Length giving the bytes actually served (an edit changes it). */
    private HttpResponse.ResponseInfo infoFor(int length) {
        HttpResponse.ResponseInfo real = info;
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> e : real.headers().map().entrySet()) {
            map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
        }
        if (map.containsKey("content-length")) {
            map.put("content-length", List.of(Integer.toString(length)));
        }
        return new ReplayedResponse.Info(real.statusCode(), HttpHeaders.of(map, (n, v) -> true), real.version());
    }

    /** The body of a response that was too long to hold: the application's own, made as it arrived. */
    private record Passed(Object body) {
    }

    /**
     * Takes the body one item at a time, copying it, until it ends (then the real call returns this hold as
     * its body) or passes {@link #MAX_BYTES} or the memory budget (then it hands what it has, and the rest,
     * to the application's subscriber, and completes with that subscriber's body).
     */
    private final class Buffer implements HttpResponse.BodySubscriber<Object>, Flow.Subscription {
        private final CompletableFuture<Object> done = new CompletableFuture<>();
        private final List<byte[]> chunks = new ArrayList<>();
        private long reserved;
        private Flow.Subscription upstream;
        /** Set once the body is too long: from then on items go to the application's subscriber. */
        private volatile HttpResponse.BodySubscriber<?> through;
        private boolean flushed;
        private boolean upstreamEnded;
        private Throwable upstreamError;

        @Override
        public CompletableFuture<Object> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            HttpResponse.BodySubscriber<?> app = through;
            if (app != null) {
                app.onNext(item);
                return;
            }
            long n = 0;
            for (ByteBuffer bb : item) {
                n += bb.remaining();
            }
            MemoryBudget budget = MemoryBudget.installed();
            if (total() + n > MAX_BYTES || (budget != null && !budget.tryReserve(n))) {
                passThrough(item);
                return;
            }
            synchronized (this) {
                reserved += n;
                for (ByteBuffer bb : item) {
                    byte[] copy = new byte[bb.remaining()];
                    bb.duplicate().get(copy);
                    chunks.add(copy);
                }
            }
            upstream.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            HttpResponse.BodySubscriber<?> app = through;
            if (app != null) {
                synchronized (this) {
                    if (!flushed) {
                        upstreamEnded = true;
                        upstreamError = throwable;
                        return;
                    }
                }
                app.onError(throwable);
                return;
            }
            free();
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            HttpResponse.BodySubscriber<?> app = through;
            if (app != null) {
                synchronized (this) {
                    if (!flushed) {
                        upstreamEnded = true;
                        return;
                    }
                }
                app.onComplete();
                return;
            }
            done.complete(this);
        }

        /** The body is too long to hold: the application's subscriber gets what came so far, then the rest. */
        private void passThrough(List<ByteBuffer> item) {
            synchronized (this) {
                for (ByteBuffer bb : item) {
                    byte[] copy = new byte[bb.remaining()];
                    bb.duplicate().get(copy);
                    chunks.add(copy); // not reserved: handed on at the application's first request
                }
            }
            HttpResponse.BodySubscriber<?> app = appHandler.apply(info);
            through = app;
            app.getBody().whenComplete((body, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(HeldAnswer.this.passed(body));
                }
            });
            app.onSubscribe(this);
        }

        // Flow.Subscription the application's subscriber gets once the body flows through.
        @Override
        public void request(long n) {
            byte[] first;
            boolean ended;
            Throwable error;
            synchronized (this) {
                if (flushed) {
                    first = null;
                } else {
                    flushed = true;
                    first = joinedLocked();
                    chunks.clear();
                    n--;
                }
                ended = upstreamEnded;
                error = upstreamError;
            }
            free();
            if (first != null) {
                through.onNext(List.of(ByteBuffer.wrap(first)));
                if (ended) {
                    if (error != null) {
                        through.onError(error);
                    } else {
                        through.onComplete();
                    }
                    return;
                }
            }
            if (n > 0) {
                upstream.request(n);
            }
        }

        @Override
        public void cancel() {
            upstream.cancel();
        }

        synchronized long total() {
            long t = 0;
            for (byte[] c : chunks) {
                t += c.length;
            }
            return t;
        }

        synchronized byte[] joined() {
            return joinedLocked();
        }

        private byte[] joinedLocked() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] c : chunks) {
                out.write(c, 0, c.length);
            }
            return out.toByteArray();
        }

        /** Gives the held bytes back to the memory budget (idempotent). */
        void free() {
            long r;
            synchronized (this) {
                r = reserved;
                reserved = 0;
            }
            MemoryBudget budget = MemoryBudget.installed();
            if (r > 0 && budget != null) {
                budget.release(r);
            }
        }
    }

    private Passed passed(Object body) {
        return new Passed(body);
    }

    /** Serves fixed bytes to a subscriber as one item, at its first request; then completes. */
    private static final class BytesSubscription implements Flow.Subscription {
        private final Flow.Subscriber<? super List<ByteBuffer>> subscriber;
        private final byte[] bytes;
        private final java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile boolean cancelled;

        BytesSubscription(Flow.Subscriber<? super List<ByteBuffer>> subscriber, byte[] bytes) {
            this.subscriber = subscriber;
            this.bytes = bytes;
        }

        void start() {
            subscriber.onSubscribe(this);
            if (bytes.length == 0 && sent.compareAndSet(false, true)) {
                subscriber.onComplete();
            }
        }

        @Override
        public void request(long n) {
            if (!sent.compareAndSet(false, true)) {
                return;
            }
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
            if (!cancelled) {
                subscriber.onNext(List.of(ByteBuffer.wrap(bytes.clone())));
            }
            if (!cancelled) {
                subscriber.onComplete();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
