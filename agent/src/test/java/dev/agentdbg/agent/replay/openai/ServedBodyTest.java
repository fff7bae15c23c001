package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.replay.ReplayTestAccess;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replayed body hands the recorded pieces back as the socket did: in order, one per read, on time. */
class ServedBodyTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onePiecePerReadEmptyPiecesSkippedSmallBuffersSplitAPiece() {
        ServedBody body = new ServedBody(ReplayTestAccess.served(
                List.of(bytes("data: a\n\n"), new byte[0], bytes("data: b\n\n")), new long[] {0, 0, 0}, false));
        byte[] buffer = new byte[64];
        List<String> reads = new ArrayList<>();
        for (int n; (n = body.read(buffer, 0, buffer.length)) >= 0; ) {
            reads.add(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        assertEquals(List.of("data: a\n\n", "data: b\n\n"), reads);

        ServedBody small = new ServedBody(ReplayTestAccess.served(List.of(bytes("abcdef")), new long[] {0}, false));
        assertEquals(4, small.read(buffer, 0, 4));
        assertEquals(2, small.available());
        assertEquals('e', small.read());
        assertEquals(1, small.read(buffer, 0, 4));
        assertEquals(-1, small.read());
    }

    @Test
    void recordedTimingHandsAPieceOverNoSoonerThanItArrived() {
        long late = TimeUnit.MILLISECONDS.toNanos(150);
        ServedBody body = new ServedBody(ReplayTestAccess.served(List.of(bytes("first"), bytes("second")),
                new long[] {0, late}, true));
        long start = System.nanoTime();
        byte[] buffer = new byte[64];
        assertEquals(5, body.read(buffer, 0, buffer.length));
        assertEquals(6, body.read(buffer, 0, buffer.length));
        assertTrue(System.nanoTime() - start >= late, "the second piece waited for its recorded offset");
    }

    @Test
    void closedBodyEnds() {
        ServedBody body = new ServedBody(ReplayTestAccess.served(List.of(bytes("abc")), new long[] {0}, false));
        body.close();
        assertEquals(-1, body.read());
        assertEquals(0, body.available());
    }
}
