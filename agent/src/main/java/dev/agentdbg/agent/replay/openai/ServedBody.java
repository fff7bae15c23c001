package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.replay.ServedExchange;

import java.io.InputStream;

/**
 * A replayed response body: the recorded pieces in order, at most one piece per read so that a
 * streamed answer reaches the SDK chunk by chunk, each no sooner than it arrived in the recorded run
 * when {@code agentdbg.replay.timing=recorded}. One reader at a time, as with a socket's stream.
 */
final class ServedBody extends InputStream {
    private final ServedExchange served;
    private int next;
    private byte[] current = new byte[0];
    private int position;
    private boolean closed;

    ServedBody(ServedExchange served) {
        this.served = served;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return closed ? 0 : current.length - position;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Moves to the next non-empty piece when the current one is used up; false at the end. */
    private boolean fill() {
        while (!closed && position == current.length) {
            if (next == served.chunkCount()) {
                return false;
            }
            served.awaitChunk(next);
            current = served.chunk(next++);
            position = 0;
        }
        return !closed;
    }
}
