package dev.agentdbg.replay.http;

import dev.agentdbg.replay.AsyncCompletions;
import dev.agentdbg.replay.ReplayException;
import dev.agentdbg.replay.ReplayedHttpCall;
import dev.agentdbg.replay.ServedExchange;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A {@code send}/{@code sendAsync} that the replay answers instead of the network: the advice skips
 * the JDK's method and returns what this makes of the served exchange, or throws the replay's
 * refusal. Its methods never throw; the outcome is kept for the advice to hand back.
 */
public final class ReplayedCall extends ReplayedHttpCall {
    private final ServedExchange served;
    private final ReplayException refusal;
    private Object response;
    private Throwable failure;

    ReplayedCall(ServedExchange served, ReplayException refusal) {
        this.served = served;
        this.refusal = refusal;
    }

    @Override
    public Object response() {
        return response;
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    /** Serves the blocking call on the caller's thread; returns when the handler's body is ready, as the JDK's send does. */
    @Override
    public void send(Object request, Object handler) {
        send((HttpRequest) request, (HttpResponse.BodyHandler<?>) handler);
    }

    void send(HttpRequest request, HttpResponse.BodyHandler<?> handler) {
        if (refusal != null) {
            failure = refusal;
            return;
        }
        try {
            response = respond(request, handler).get();
        } catch (ExecutionException e) {
            failure = asSendFailure(e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            failure = e;
        } catch (Throwable t) {
            failure = asSendFailure(t);
        }
    }

    /** The future {@code sendAsync} returns, completed on an agent thread. */
    @Override
    public Object sendAsync(Object request, Object handler) {
        return sendAsync((HttpRequest) request, (HttpResponse.BodyHandler<?>) handler);
    }

    CompletableFuture<Object> sendAsync(HttpRequest request, HttpResponse.BodyHandler<?> handler) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        // Completed off the caller's thread, as the JDK's client threads do (see AsyncCompletions).
        Runnable complete = () -> {
            if (refusal != null) {
                result.completeExceptionally(refusal);
                return;
            }
            try {
                respond(request, handler).whenComplete((r, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e instanceof java.util.concurrent.CompletionException
                                && e.getCause() != null ? e.getCause() : e);
                    } else {
                        result.complete(r);
                    }
                });
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        };
        if (!AsyncCompletions.submit(complete)) {
            complete.run();
        }
        return result;
    }

    /** Applies the handler to the recorded head, feeds its subscriber, and completes with the response once its body is ready. */
    private <T> CompletableFuture<Object> respond(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        served.awaitHeaders();
        ReplayedResponse.Info info = ReplayedResponse.Info.of(served);
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        new ChunkSubscription(served, subscriber).start();
        return subscriber.getBody().toCompletableFuture()
                .thenApply(body -> new ReplayedResponse<>(request, info, body));
    }

    /** What the JDK's send throws for a failure: its own IOException, an unchecked exception wrapped in one. */
    private static Throwable asSendFailure(Throwable t) {
        if (t instanceof ReplayException || t instanceof Error) {
            return t;
        }
        if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return new IOException(String.valueOf(t.getMessage()), t);
    }
}
