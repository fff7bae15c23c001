package dev.agentdbg.replay.http;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.replay.HttpExchange;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Wraps the application's {@link HttpResponse.BodyHandler} in record mode: the response head goes
 * into the exchange when the handler is applied, and every list of buffers the body subscriber
 * receives is copied into it (positions untouched) before the application's subscriber gets it.
 */
final class RecordingBodyHandler<T> implements HttpResponse.BodyHandler<T> {
    private final HttpExchange exchange;
    private final HttpResponse.BodyHandler<T> handler;

    RecordingBodyHandler(HttpExchange exchange, HttpResponse.BodyHandler<T> handler) {
        this.exchange = exchange;
        this.handler = handler;
    }

    @Override
    public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
        try {
            exchange.head(info.statusCode(), info.headers().map());
        } catch (Throwable t) {
            AgentCounters.internalError("record-http-head", t);
        }
        HttpResponse.BodySubscriber<T> subscriber;
        try {
            subscriber = handler.apply(info);
        } catch (RuntimeException | Error e) {
            exchange.end(e);
            throw e;
        }
        return subscriber == null ? null : new Tee<>(exchange, subscriber);
    }

    /** Passes everything on to the application's subscriber, keeping a copy of the body. */
    private static final class Tee<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpExchange exchange;
        private final HttpResponse.BodySubscriber<T> subscriber;

        Tee(HttpExchange exchange, HttpResponse.BodySubscriber<T> subscriber) {
            this.exchange = exchange;
            this.subscriber = subscriber;
        }

        @Override
        public CompletionStage<T> getBody() {
            return subscriber.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            try {
                exchange.chunk(item);
            } catch (Throwable t) {
                AgentCounters.internalError("record-http-chunk", t);
            }
            subscriber.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            end(throwable);
            subscriber.onError(throwable);
        }

        @Override
        public void onComplete() {
            end(null);
            subscriber.onComplete();
        }

        private void end(Throwable thrown) {
            try {
                exchange.end(thrown);
            } catch (Throwable t) {
                AgentCounters.internalError("record-http-end", t);
            }
        }
    }
}
