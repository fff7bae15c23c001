package dev.agentdbg.replay;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A recorded answer being served to a replayed request: status, headers and the body in its
 * recorded pieces. With {@code agentdbg.replay.timing=recorded} each piece is handed over no sooner
 * than it arrived in the recorded run; by default, at once.
 */
public final class ServedExchange {
    private final int call;
    private final int status;
    private final Map<String, List<String>> headers;
    private final List<byte[]> chunks;
    private final long[] chunkAt;
    private final long headersAt;
    private final boolean recordedTiming;
    private final long startNanos = System.nanoTime();

    ServedExchange(int call, int status, Map<String, List<String>> headers, List<byte[]> chunks, long[] chunkAt,
                   long headersAt, boolean recordedTiming) {
        this.call = call;
        this.status = status;
        this.headers = headers;
        this.chunks = chunks;
        this.chunkAt = chunkAt;
        this.headersAt = headersAt;
        this.recordedTiming = recordedTiming;
    }

    /** This call's number among the replayed run's LLM calls (1-based). */
    public int call() {
        return call;
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public int chunkCount() {
        return chunks.size();
    }

    public byte[] chunk(int i) {
        return chunks.get(i);
    }

    /** The whole body, its pieces joined. */
    public byte[] body() {
        int n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        return all;
    }

    /** Waits, with recorded timing, until the response head arrived in the recorded run. */
    public void awaitHeaders() {
        awaitOffset(headersAt);
    }

    /** Waits, with recorded timing, until piece {@code i} arrived in the recorded run. */
    public void awaitChunk(int i) {
        awaitOffset(chunkAt[i]);
    }

    /** Waits until the whole body had arrived in the recorded run (timing=recorded). */
    public void awaitEnd() {
        if (chunkAt.length > 0) {
            awaitOffset(chunkAt[chunkAt.length - 1]);
        } else {
            awaitHeaders();
        }
    }

    private void awaitOffset(long offsetNanos) {
        if (!recordedTiming) {
            return;
        }
        long deadline = startNanos + offsetNanos;
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            if (Thread.currentThread().isInterrupted()) {
                return; // the application gave up waiting, as it could on a real socket
            }
        }
    }
}
