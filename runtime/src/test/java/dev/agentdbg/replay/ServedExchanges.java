package dev.agentdbg.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds served and recorded exchanges for tests of the client adapters (the constructor is the replay's own). */
public final class ServedExchanges {
    private ServedExchanges() {
    }

    /** An exchange being recorded, outside any span (the adapters' tests feed it directly). */
    public static HttpExchange recording(String requestBody) {
        return new HttpExchange(1, 0x1234L, "java.net.http", "POST", java.net.URI.create("http://127.0.0.1:9/v1/chat"),
                Map.of("Authorization", List.of("Bearer sk-secret-0123456789"), "Content-Type", List.of("application/json")),
                requestBody.getBytes(StandardCharsets.UTF_8), null, 1 << 20);
    }

    /** The exchange's trace record as JSON text, written as the drainer writes it. */
    public static String json(SideRecord record) throws java.io.IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", record.type());
            record.writeFields(json, dev.agentdbg.capture.Redactor.current());
            json.writeEndObject();
        }
        return out.toString();
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
