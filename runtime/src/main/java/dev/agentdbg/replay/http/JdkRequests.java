package dev.agentdbg.replay.http;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * Reads the body of a {@link HttpRequest} for recording and matching, only when the JDK itself holds
 * it as bytes: {@code BodyPublishers.ofString}, {@code ofByteArray} (whole or a slice) and {@code noBody}.
 * Those publishers copy their array on every subscription and deliver it synchronously, so subscribing
 * once more costs a copy and changes nothing. Any other publisher (a file, an input stream, an
 * iterable, the application's own) is never subscribed to: that could consume the application's
 * data or run its code, so its body is recorded as missing, with the reason.
 */
final class JdkRequests {
    /** The JDK's byte-holding publishers, by exact class name (their package is not exported, no subclass can pass). */
    private static final Set<String> BYTE_PUBLISHERS = Set.of(
            "jdk.internal.net.http.RequestPublishers$ByteArrayPublisher",
            "jdk.internal.net.http.RequestPublishers$StringPublisher",
            "jdk.internal.net.http.RequestPublishers$EmptyPublisher");

    private JdkRequests() {
    }

    /** The body read, or the reason it was not. */
    record Body(byte[] bytes, String missing) {
    }

    /**
     * The request's body. {@code HttpRequest}'s accessors are called as the JDK's own {@code send}
     * calls them a moment later (it copies the request); the publisher is only read when it is one of
     * the JDK's byte publishers.
     */
    static Body body(HttpRequest request, int maxBytes) {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty()) {
            return new Body(new byte[0], null);
        }
        HttpRequest.BodyPublisher p = publisher.get();
        String type = p.getClass().getName();
        if (!BYTE_PUBLISHERS.contains(type)) {
            return new Body(null, "the request body comes from " + type + "; agentdbg reads only the JDK's "
                    + "BodyPublishers.ofString, ofByteArray and noBody, since reading another publisher could "
                    + "consume the application's data");
        }
        long length = p.contentLength();
        if (length > maxBytes) {
            return new Body(null, "the request body has " + length + " bytes, more than agentdbg.record.maxBytes ("
                    + maxBytes + ")");
        }
        Collector collector = new Collector((int) Math.max(0, length));
        p.subscribe(collector);
        if (!collector.complete || collector.failure != null) {
            return new Body(null, "the JDK's body publisher did not hand its bytes over at once"
                    + (collector.failure != null ? " (" + collector.failure + ")" : ""));
        }
        return new Body(collector.bytes(), null);
    }

    /** Takes everything a JDK byte publisher delivers; they deliver synchronously within request(). */
    private static final class Collector implements Flow.Subscriber<ByteBuffer> {
        private byte[] buffer;
        private int size;
        private boolean complete;
        private Throwable failure;

        Collector(int expected) {
            buffer = new byte[expected];
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer item) {
            int n = item.remaining();
            if (size + n > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(size + n, buffer.length * 2));
            }
            item.duplicate().get(buffer, size, n);
            size += n;
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        byte[] bytes() {
            return size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, size);
        }
    }

    /** The request's headers as the application set them (the JDK adds Host, Content-Length, User-Agent later). */
    static java.util.Map<String, List<String>> headers(HttpRequest request) {
        return request.headers().map();
    }
}
