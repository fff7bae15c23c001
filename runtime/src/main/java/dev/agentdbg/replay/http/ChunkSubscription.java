package dev.agentdbg.replay.http;

import dev.agentdbg.replay.ServedExchange;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds a served answer's recorded chunks to a body subscriber, one chunk per {@code onNext}, only as
 * far as the subscriber has asked (request(n)). No lock: whichever thread asks drains, and a request
 * made while another thread (or the same one, from inside onNext) is draining only adds demand and
 * leaves the delivery to that drain (the "work in progress" counter), so recursion is bounded and
 * signals never overlap. With {@code agentdbg.replay.timing=recorded} each chunk waits for its
 * recorded offset on the draining thread, as a reader waits on a socket.
 */
final class ChunkSubscription implements Flow.Subscription {
    private final ServedExchange served;
    private final Flow.Subscriber<? super List<ByteBuffer>> subscriber;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    /** The first non-positive request, as text; null while every request was valid. */
    private volatile String badRequest;
    /** Owned by the draining thread; the wip counter's increments and decrements publish them to the next drainer. */
    private int next;
    private boolean done;

    ChunkSubscription(ServedExchange served, Flow.Subscriber<? super List<ByteBuffer>> subscriber) {
        this.served = served;
        this.subscriber = subscriber;
    }

    /** Calls onSubscribe, then delivers what was asked for meanwhile (a request inside onSubscribe delivers after it returns). */
    void start() {
        wip.set(1);
        try {
            subscriber.onSubscribe(this);
        } catch (RuntimeException | Error e) {
            cancelled = true;
            throw e;
        }
        drainLoop();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = "request(" + n + ")"; // Flow rule 3.9: signalled as onError by the drain
        } else {
            requested.getAndAccumulate(n, (have, more) -> have + more < 0 ? Long.MAX_VALUE : have + more);
        }
        if (wip.getAndIncrement() == 0) {
            drainLoop();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    private void drainLoop() {
        int missed = 1;
        try {
            for (;;) {
                deliver();
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            // The subscriber threw: Flow rule 2.13 says it must not; stop serving it and let the thrower see it.
            done = true;
            cancelled = true;
            throw e;
        }
    }

    private void deliver() {
        if (done) {
            return;
        }
        if (cancelled) {
            done = true;
            return;
        }
        if (badRequest != null) {
            done = true;
            subscriber.onError(new IllegalArgumentException(badRequest + ": demand must be positive"));
            return;
        }
        int count = served.chunkCount();
        while (next < count && requested.get() > 0) {
            served.awaitChunk(next);
            if (cancelled) {
                done = true;
                return;
            }
            if (requested.get() != Long.MAX_VALUE) {
                requested.decrementAndGet();
            }
            // A copy for each delivery: the subscriber owns the buffer and may change it.
            ByteBuffer buffer = ByteBuffer.wrap(served.chunk(next).clone());
            next++;
            subscriber.onNext(List.of(buffer));
            if (cancelled) {
                done = true;
                return;
            }
        }
        if (next >= count) {
            done = true;
            subscriber.onComplete();
        }
    }
}
