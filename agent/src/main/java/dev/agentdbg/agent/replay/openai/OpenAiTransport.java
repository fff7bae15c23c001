package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.replay.AsyncCompletions;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.OpenSpans;
import dev.agentdbg.replay.HttpExchange;
import dev.agentdbg.replay.HttpRecorder;
import dev.agentdbg.replay.HttpReplay;
import dev.agentdbg.replay.ReplayException;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.ServedExchange;

import java.util.concurrent.CompletableFuture;

/**
 * Record and replay at openai-java's transport boundary ({@code HttpClient.execute/executeAsync} of
 * the SDK's OkHttp client and of Spring AI's copy of it), called by the inlined advice. Recording
 * tees the request and the response body the SDK reads; replaying answers the request from the
 * recording without opening a socket, and the SDK parses the served bytes itself.
 */
public final class OpenAiTransport {
    /** The {@code client} written into exchange records. */
    public static final String CLIENT = "openai-java";

    private OpenAiTransport() {
    }

    /**
     * What the enter advice hands over when the real call is skipped: the value the method returns, or
     * the {@link ReplayException} it throws.
     */
    public static final class Skip {
        final Object value;
        final Throwable thrown;

        Skip(Object value, Throwable thrown) {
            this.value = value;
            this.thrown = thrown;
        }
    }

    /** A recording under way: the exchange begun on the caller's thread, whichever thread ends it. */
    static final class Recording {
        final SdkTypes types;
        final HttpExchange exchange;

        Recording(SdkTypes types, HttpExchange exchange) {
            this.types = types;
            this.exchange = exchange;
        }
    }

    /**
     * Before the real call: null (trace mode, not under an llm span, or the call goes live), a
     * {@link Recording}, or a {@link Skip} that answers the call from the recording.
     */
    public static Object enter(Object request, boolean async) {
        try {
            ReplaySettings settings = ReplayMode.settings();
            if (settings.recording()) {
                return record(request, settings);
            }
            if (settings.replaying()) {
                return replay(request, async, settings);
            }
            if (!async) {
                return HeldSdkAnswer.begin(request); // the live debugger: null unless an llm call's exit would stop
            }
        } catch (ReplayException e) {
            // Deliberate: the application learns that the recording cannot answer this call.
            return async ? new Skip(CompletableFuture.failedFuture(e), null) : new Skip(null, e);
        } catch (Throwable t) {
            AgentCounters.internalError("openai-java-enter", t);
        }
        return null;
    }

    /** After the call (or in place of it): what the method returns. */
    public static Object returned(Object state, Object returned, Throwable thrown, boolean async) {
        if (state instanceof Skip) {
            return ((Skip) state).value;
        }
        if (state instanceof HeldSdkAnswer) {
            return thrown != null || returned == null || async ? returned : ((HeldSdkAnswer) state).release(returned);
        }
        if (!(state instanceof Recording)) {
            return returned;
        }
        Recording r = (Recording) state;
        if (thrown != null || returned == null) {
            end(r.exchange, thrown);
            return returned;
        }
        if (async) {
            return recordAsync(r, (CompletableFuture<?>) returned);
        }
        return recordResponse(r, returned);
    }

    /** After the call (or in place of it): what the method throws, null for nothing. */
    public static Throwable thrown(Object state, Throwable thrown) {
        if (state instanceof Skip && ((Skip) state).thrown != null) {
            return ((Skip) state).thrown;
        }
        return thrown;
    }

    private static Object record(Object request, ReplaySettings settings) throws ReflectiveOperationException {
        if (OpenSpans.innermostOfKind("llm") == 0) {
            return null; // not the model's call: nothing read, nothing recorded
        }
        SdkTypes types = SdkTypes.of(request);
        SdkRequest r = SdkRequest.read(types, request, settings.recordMaxBytes());
        HttpExchange exchange = HttpRecorder.begin(CLIENT, r.method(), r.uri(), r.headers(), r.body(), r.bodyMissing());
        return exchange == null ? null : new Recording(types, exchange);
    }

    private static Object replay(Object request, boolean async, ReplaySettings settings)
            throws ReflectiveOperationException {
        if (!settings.kinds().contains("llm") || OpenSpans.innermostOfKind("llm") == 0) {
            return null;
        }
        SdkTypes types = SdkTypes.of(request); // resolved before anything is served, so a failure here goes live
        SdkRequest r = SdkRequest.read(types, request, settings.recordMaxBytes());
        ServedExchange served = HttpReplay.serve(CLIENT, r.method(), r.uri(), r.headers(), r.body());
        if (served == null) {
            return null;
        }
        Object response = SdkResponses.served(types, served);
        if (!async) {
            served.awaitHeaders();
            return new Skip(response, null);
        }
        CompletableFuture<Object> future = new CompletableFuture<>();
        Runnable complete = () -> {
            served.awaitHeaders();
            future.complete(response);
        };
        if (!AsyncCompletions.submit(complete)) {
            complete.run();
        }
        return new Skip(future, null);
    }

    private static Object recordResponse(Recording r, Object response) {
        try {
            return SdkResponses.recording(r.types, response, r.exchange);
        } catch (Throwable t) {
            AgentCounters.internalError("openai-java-record-response", t);
            end(r.exchange, t); // written as failed: replay reports the call as not servable
            return response;
        }
    }

    /**
     * The future handed to the SDK in place of the real one: completed with the recording response when
     * the real one completes (on OkHttp's thread); cancelling it cancels the real call.
     */
    private static Object recordAsync(Recording r, CompletableFuture<?> real) {
        CompletableFuture<Object> out = new CompletableFuture<>();
        real.whenComplete((response, failure) -> {
            if (failure != null || response == null) {
                end(r.exchange, failure);
                out.completeExceptionally(failure != null ? failure
                        : new IllegalStateException("the HTTP client completed its future without a response"));
                return;
            }
            Object handed = recordResponse(r, response);
            if (!out.complete(handed)) {
                closeQuietly(r.types, response); // cancelled in the meantime: nobody will read it
            }
        });
        out.whenComplete((response, failure) -> {
            if (out.isCancelled()) {
                real.cancel(false);
            }
        });
        return out;
    }

    private static void end(HttpExchange exchange, Throwable failure) {
        try {
            exchange.end(failure);
        } catch (Throwable t) {
            AgentCounters.internalError("openai-java-record-end", t);
        }
    }

    private static void closeQuietly(SdkTypes types, Object response) {
        try {
            types.responseClose.invoke(response);
        } catch (Throwable t) {
            // the response is abandoned either way
        }
    }
}
