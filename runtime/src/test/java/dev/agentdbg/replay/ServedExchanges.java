package dev.agentdbg.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds served exchanges for tests of the client adapters (the constructor is the replay's own). */
public final class ServedExchanges {
    private ServedExchanges() {
    }

    /** A 200 answer in these text pieces, each recorded {@code gapNanos} after the one before when {@code recordedTiming}. */
    public static ServedExchange of(boolean recordedTiming, long gapNanos, String... pieces) {
        List<byte[]> chunks = new ArrayList<>();
        long[] at = new long[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            chunks.add(pieces[i].getBytes(StandardCharsets.UTF_8));
            at[i] = (i + 1) * gapNanos;
        }
        return new ServedExchange(1, 200, Map.of("Content-Type", List.of("text/plain"), "content-length", List.of("1")),
                chunks, at, 0, recordedTiming);
    }
}
