package dev.agentdbg.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helper: snapshots written through {@link PayloadWriter} as UTF-8 JSON, and parsed back. */
final class CaptureJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    private CaptureJson() {
    }

    /** One snapshot as JSON text, with a fresh budget. */
    static String write(Object snapshot, CaptureSettings s) {
        return new String(bytes(snapshot, s), StandardCharsets.UTF_8);
    }

    /** UTF-8 bytes of one snapshot's JSON, with a fresh budget. */
    static byte[] bytes(Object snapshot, CaptureSettings s) {
        PayloadWriter writer = new PayloadWriter(s);
        return generate(g -> writer.write(g, snapshot, writer.newBudget()));
    }

    /** UTF-8 bytes of the arguments array's JSON. */
    static byte[] argsBytes(Object[] args, CaptureSettings s) {
        PayloadWriter writer = new PayloadWriter(s);
        return generate(g -> writer.writeArgs(g, args, writer.newBudget()));
    }

    /** Captures {@code value} with {@code s}, writes it, parses it back: proves the JSON is valid. */
    static JsonNode roundTrip(Object value, CaptureSettings s) {
        return parse(write(ObjectWalker.snapshot(value, s), s));
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not valid JSON: " + json, e);
        }
    }

    static JsonNode parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] generate(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
