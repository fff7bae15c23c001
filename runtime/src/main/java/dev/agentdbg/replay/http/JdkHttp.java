package dev.agentdbg.replay.http;

import dev.agentdbg.replay.AsyncCompletions;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.OpenSpans;
import dev.agentdbg.replay.HttpExchange;
import dev.agentdbg.replay.HttpRecorder;
import dev.agentdbg.replay.HttpReplay;
import dev.agentdbg.replay.JdkHttpHooks;
import dev.agentdbg.replay.ReplayException;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.ServedExchange;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The java.net.http adapter behind {@link JdkHttpHooks} (record and replay modes only), defined under
 * the platform class loader, which sees {@code java.net.http}. {@link #begin} runs first on the
 * caller's thread, inside the {@code llm} span: it returns an {@link HttpExchange} to record into, a
 * {@link ReplayedCall} that replaces the real call, or null (not an LLM call, or this call goes live).
 */
public final class JdkHttp implements JdkHttpHooks.Hook {
    /** The {@code client} of this adapter's exchange records. */
    public static final String CLIENT = "java.net.http";

    /** Installs the adapter into {@link JdkHttpHooks}, where the advice finds it. */
    public static void install() {
        if (ReplayMode.replaying()) {
            AsyncCompletions.start();
        }
        JdkHttpHooks.install(new JdkHttp());
    }

    @Override
    public Object begin(Object request) {
        return request instanceof HttpRequest r ? beginRequest(r) : null;
    }

    static Object beginRequest(HttpRequest request) {
        ReplaySettings settings = ReplayMode.settings();
        boolean replayed = settings.replaying() && settings.kinds().contains("llm");
        if (request == null) {
            return null;
        }
        if (!settings.recording() && !replayed) {
            return HeldAnswer.begin(); // the live debugger: null unless an llm call's exit would stop
        }
        if (OpenSpans.innermostOfKind("llm") == 0) {
            return null; // read nothing of requests that are not the model's
        }
        JdkRequests.Body body = JdkRequests.body(request, settings.recordMaxBytes());
        if (settings.recording()) {
            return HttpRecorder.begin(CLIENT, request.method(), request.uri(), JdkRequests.headers(request),
                    body.bytes(), body.missing());
        }
        try {
            ServedExchange served = HttpReplay.serve(CLIENT, request.method(), request.uri(),
                    JdkRequests.headers(request), body.bytes());
            return served == null ? null : new ReplayedCall(served, null);
        } catch (ReplayException refused) {
            return new ReplayedCall(null, refused);
        }
    }

    /** The handler the real call gets: the application's, wrapped to record the response when {@code call} is an exchange. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Object handler(Object call, Object handler) {
        if (call instanceof HttpExchange exchange && handler instanceof HttpResponse.BodyHandler h) {
            return new RecordingBodyHandler(exchange, h);
        }
        if (call instanceof HeldAnswer held && handler instanceof HttpResponse.BodyHandler h) {
            return held.handler(h);
        }
        return handler;
    }

    /** After a recorded {@code send}: a call that threw before (or while) its body arrived ends the exchange with that failure. */
    @Override
    public void sent(Object call, Throwable thrown) {
        if (call instanceof HttpExchange exchange && thrown != null) {
            exchange.end(thrown);
        }
    }

    /** After a recorded {@code sendAsync}: a future that fails before any body arrived ends the exchange. */
    @Override
    public void sentAsync(Object call, Object future, Throwable thrown) {
        if (!(call instanceof HttpExchange exchange)) {
            return;
        }
        if (thrown != null) {
            exchange.end(thrown);
        } else if (future instanceof CompletableFuture<?> f) {
            // A failed future: the exchange had no body to end it (connect refused, time-out). A JDK
            // future; whenComplete is its own lock-free code.
            f.whenComplete((response, failure) -> {
                if (failure != null) {
                    try {
                        exchange.end(failure instanceof java.util.concurrent.CompletionException
                                && failure.getCause() != null ? failure.getCause() : failure);
                    } catch (Throwable t) {
                        AgentCounters.internalError("record-http-end", t);
                    }
                }
            });
        }
    }
}
