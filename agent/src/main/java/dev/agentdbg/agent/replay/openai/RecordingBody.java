package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.replay.HttpExchange;

import java.io.IOException;
import java.io.InputStream;

/**
 * The response body the SDK reads while recording: every byte it reads is handed to the exchange as it
 * arrives, one piece per read, so a streamed (SSE) answer is recorded chunk by chunk with its timing.
 * The exchange ends at the end of the stream, on a read failure, or when the stream is closed.
 * Nothing is read that the SDK did not ask for.
 */
final class RecordingBody extends InputStream {
    private final InputStream in;
    private final HttpExchange exchange;

    RecordingBody(InputStream in, HttpExchange exchange) {
        this.in = in;
        this.exchange = exchange;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (IOException | RuntimeException | Error e) {
            end(e);
            throw e;
        }
        if (b < 0) {
            end(null);
        } else {
            record(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException | RuntimeException | Error e) {
            end(e);
            throw e;
        }
        if (n < 0) {
            end(null);
        } else {
            record(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes are read through this stream, so that the recording holds them too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            end(null);
        }
    }

    private void record(byte[] buffer, int offset, int n) {
        try {
            exchange.chunk(buffer, offset, n);
        } catch (Throwable t) {
            AgentCounters.internalError("openai-java-record-chunk", t);
        }
    }

    void end(Throwable failure) {
        try {
            exchange.end(failure);
        } catch (Throwable t) {
            AgentCounters.internalError("openai-java-record-end", t);
        }
    }
}
