package dev.agentdbg.bootstrap;

import dev.agentdbg.capture.CapturedCall;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls that returned but are not over: a streaming request whose answer arrives later through a
 * handler, or a CompletableFuture not yet completed. Their span is written when they end, from
 * whichever thread ends them. Bounded: beyond {@link #MAX} open calls the span is written at
 * return instead (its start record still shows when it began).
 */
final class PendingCalls {
    static final int MAX = 10_000;

    /** One call waiting for its end; also the future's completion callback. */
    static final class Pending implements java.util.function.BiConsumer<Object, Throwable> {
        final long traceHi;
        final long traceLo;
        final long spanId;
        final long parentId;
        final int methodId;
        final long threadId;
        final String threadName;
        final long startNanos;
        final CapturedCall call;
        final dev.agentdbg.capture.CaptureSpec spec;

        Pending(long traceHi, long traceLo, long spanId, long parentId, int methodId, long threadId,
                String threadName, long startNanos, CapturedCall call, dev.agentdbg.capture.CaptureSpec spec) {
            this.traceHi = traceHi;
            this.traceLo = traceLo;
            this.spanId = spanId;
            this.parentId = parentId;
            this.methodId = methodId;
            this.threadId = threadId;
            this.threadName = threadName;
            this.startNanos = startNanos;
            this.call = call;
            this.spec = spec;
        }

        /** The future completed (on whatever thread completed it). */
        @Override
        public void accept(Object value, Throwable failure) {
            OPEN.decrementAndGet();
            CallCapture.endPending(this, value, unwrap(failure));
        }

        private static Throwable unwrap(Throwable t) {
            if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
                return t.getCause();
            }
            return t;
        }
    }

    /** Identity of the callback object, without calling its hashCode or equals. */
    private static final class Key {
        final Object target;
        final int hash;

        Key(Object target) {
            this.target = target;
            this.hash = System.identityHashCode(target);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).target == target;
        }
    }

    private static final ConcurrentHashMap<Key, Pending> BY_CALLBACK = new ConcurrentHashMap<>();
    private static final AtomicInteger OPEN = new AtomicInteger();

    private PendingCalls() {
    }

    /** @return false when too many calls are open; the caller then ends the span at once */
    static boolean reserve() {
        if (OPEN.incrementAndGet() > MAX) {
            OPEN.decrementAndGet();
            return false;
        }
        return true;
    }

    static void awaitCallback(Object callbackTarget, Pending pending) {
        BY_CALLBACK.put(new Key(callbackTarget), pending);
    }

    /** @return the call that {@code callbackTarget} ends, removed; null when it ends none */
    static Pending takeForCallback(Object callbackTarget) {
        if (BY_CALLBACK.isEmpty()) {
            return null;
        }
        Pending p = BY_CALLBACK.remove(new Key(callbackTarget));
        if (p != null) {
            OPEN.decrementAndGet();
        }
        return p;
    }

    /** Calls still open (for the final stats). */
    static int open() {
        return OPEN.get();
    }
}
