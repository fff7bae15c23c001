package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads {@code exchange} and {@code value} lines without building their bodies: an exchange's request body and
 * response chunks, and a value's serialized bytes, can be megabytes, and no report shows them. The line is still
 * parsed to its end, so a corrupt or torn one is rejected like any other; a left-out value is replaced by
 * {@code true}, so readers can tell that it was there.
 */
final class RecordingLines {

    private static final byte[][] PREFIXES = {
        "{\"type\":\"exchange\"".getBytes(StandardCharsets.UTF_8),
        "{\"type\":\"value\"".getBytes(StandardCharsets.UTF_8)};
    /** Left out of the record itself ({@code value}). */
    private static final Set<String> TOP_BODIES = Set.of("kryo");
    /** The objects whose bodies are left out ({@code exchange}), and the bodies. */
    private static final Set<String> HOLDERS = Set.of("request", "response");
    private static final Set<String> BODIES = Set.of("body", "bodyBase64", "chunks");

    private RecordingLines() {
    }

    /** Whether the line starts like an exchange or value record as the agent writes them (type first, compact). */
    static boolean holdsBodies(byte[] line, int length) {
        for (byte[] prefix : PREFIXES) {
            if (length >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length)) {
                return true;
            }
        }
        return false;
    }

    /** The record without its bodies; throws like {@link ObjectMapper#readTree(byte[])} on a line that is not JSON. */
    static JsonNode readWithoutBodies(ObjectMapper mapper, byte[] line, int length) throws IOException {
        ObjectReader values = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser p = mapper.getFactory().createParser(line, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                // Not an object after all: let the ordinary path say what it is.
                return mapper.readTree(line, 0, length);
            }
            ObjectNode record = object(p, values, TOP_BODIES, HOLDERS);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "Trailing token (of type " + p.currentToken()
                        + ") found after value");
            }
            return record;
        }
    }

    /** The object the parser is at (its START_OBJECT read), leaving out {@code skip} and reading {@code holders}. */
    private static ObjectNode object(JsonParser p, ObjectReader values, Set<String> skip, Set<String> holders)
            throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (skip.contains(name)) {
                // Never asking for the text leaves a string undecoded; skipChildren walks an array or object.
                p.skipChildren();
                node.set(name, value == JsonToken.VALUE_NULL ? JsonNodeFactory.instance.nullNode() : BooleanNode.TRUE);
            } else if (holders.contains(name) && value == JsonToken.START_OBJECT) {
                node.set(name, object(p, values, BODIES, Set.of()));
            } else {
                node.set(name, values.readTree(p));
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "Unexpected token " + t + " in an object");
        }
        return node;
    }
}
