package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Set;

/**
 * Parses one trace line, once, with Jackson's streaming parser into a tree that leaves out the large values no
 * report of this reading shows.
 *
 * <p>Always left out: an exchange's request and response bodies and chunks, and a recorded value's serialized bytes,
 * which can be megabytes. Left out when the reading does not ask for payloads: a call's captured {@code args} and
 * {@code result}, which are most of a trace's bytes. A left-out value is skipped token by token, never decoded, so
 * a corrupt or torn line is still rejected like any other. Bodies leave a marker ({@code true}, or {@code null}
 * when the value was null) so readers can tell they were there; payloads leave nothing, except that {@code args}
 * of the wrong type is kept so the reader can still report it.
 */
final class LineParser {

    /** Left out of a {@code value} record. */
    private static final Set<String> VALUE_BODIES = Set.of("kryo");
    /** The objects of an {@code exchange} whose bodies are left out, and the bodies. */
    private static final Set<String> HOLDERS = Set.of("request", "response");
    private static final Set<String> BODIES = Set.of("body", "bodyBase64", "chunks");

    private final ObjectMapper mapper;
    private final ObjectReader values;
    private final boolean payloads;

    /**
     * @param mapper   parses what this class does not take apart itself (and any line that is not an object)
     * @param payloads whether calls keep their captured {@code args} and {@code result}
     */
    LineParser(ObjectMapper mapper, boolean payloads) {
        this.mapper = mapper;
        this.values = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.payloads = payloads;
    }

    /** The record; throws like {@link ObjectMapper#readTree(byte[])} on a line that is not JSON, or not only JSON. */
    Object parse(byte[] line, int length) throws IOException {
        return parse(line, 0, length);
    }

    /**
     * The record in {@code length} bytes of {@code line} from {@code offset}: {@link CallFields} for a call whose
     * type comes first (as the agent writes them), else a {@link JsonNode}.
     */
    Object parse(byte[] line, int offset, int length) throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(line, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                // Not an object: let the ordinary path say what it is.
                return mapper.readTree(line, offset, length);
            }
            Object record = record(p);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "Trailing token (of type " + p.currentToken() + ") found after value");
            }
            return record;
        }
    }

    /** The top-level object; which fields are left out depends on its {@code type}, which the agent writes first. */
    private Object record(JsonParser p) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        String type = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
                type = p.getText();
                if (node.isEmpty() && CallFields.isCall(type)) {
                    return call(p, new CallFields(type));
                }
                node.set(name, TextNode.valueOf(type));
            } else if ("value".equals(type) && VALUE_BODIES.contains(name)) {
                skip(p, node, name, value);
            } else if ("exchange".equals(type) && HOLDERS.contains(name) && value == JsonToken.START_OBJECT) {
                node.set(name, holder(p));
            } else if (!payloads && CallFields.isCall(type) && isPayload(name, value)) {
                p.skipChildren();
            } else {
                node.set(name, value(p, value));
            }
        }
        return ended(p, t, node);
    }

    /** Goes through the lines of {@code batch} with one parser; see {@link Cursor}. */
    Cursor cursor(LineBatch batch) {
        return new Cursor(batch);
    }

    /**
     * Parses a batch's lines in order with one parser, because creating a parser per line is a large part of what a
     * read allocates. It handles only the common case, a line that is one JSON object alone; for anything else
     * (an empty, corrupt or torn line, leading blanks, trailing tokens) it answers {@link #ALONE} and starts afresh
     * at the next line, and the caller parses that line alone with {@link #parse(byte[], int, int)}, so a damaged
     * line is judged exactly as on its own.
     */
    final class Cursor {

        /** The line must be parsed alone. */
        static final Object ALONE = new Object();

        private final LineBatch batch;
        private JsonParser p;
        private int origin;
        // The first token of the next line, read to check that nothing followed the record on its line.
        private JsonToken pending;

        private Cursor(LineBatch batch) {
            this.batch = batch;
        }

        /** Line {@code i} of the batch, parsed like {@link #parse}, or {@link #ALONE}; lines must come in order. */
        Object next(int i) {
            int start = batch.offset(i);
            int end = start + batch.length(i);
            try {
                if (p == null) {
                    p = mapper.getFactory().createParser(batch.data(), start, batch.used() - start);
                    origin = start;
                    pending = null;
                }
                JsonToken t = pending != null ? pending : p.nextToken();
                pending = null;
                if (t != JsonToken.START_OBJECT || origin + p.currentTokenLocation().getByteOffset() != start) {
                    return alone();
                }
                Object record = record(p);
                if (origin + p.currentLocation().getByteOffset() > end) {
                    return alone();
                }
                JsonToken next = p.nextToken();
                if (next != null && origin + p.currentTokenLocation().getByteOffset() <= end) {
                    return alone();
                }
                pending = next;
                if (next == null) {
                    close();
                }
                return record;
            } catch (IOException e) {
                return alone();
            }
        }

        private Object alone() {
            close();
            return ALONE;
        }

        void close() {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // Closing a parser over a byte array releases buffers only.
                }
                p = null;
            }
        }
    }

    /** The rest of a call's fields, straight into {@code call}: no tree for the record, none for what is skipped. */
    private CallFields call(JsonParser p, CallFields call) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (!CallFields.known(name) || !payloads && isPayload(name, value)) {
                p.skipChildren();
            } else {
                call.set(name, tree(p, value));
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "Unexpected token " + t + " in an object");
        }
        return call;
    }

    /**
     * The value at {@code t} as a tree, built here rather than by the mapper: a mapper call per value costs a
     * deserialization context, and calls carry a few small trees each. Depth is bounded by the parser's own
     * nesting limit.
     */
    private JsonNode tree(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                JsonToken f;
                while ((f = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    node.set(name, tree(p, p.nextToken()));
                }
                return ended(p, f, node);
            }
            case START_ARRAY -> {
                ArrayNode node = JsonNodeFactory.instance.arrayNode();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new JsonParseException(p, "Unexpected end of input in an array");
                    }
                    node.add(tree(p, e));
                }
                return node;
            }
            default -> {
                return value(p, t);
            }
        }
    }

    /** A payload that can be left out; {@code args} that is not an array stays, for the reader to report. */
    private static boolean isPayload(String name, JsonToken value) {
        return "result".equals(name) || "args".equals(name) && value == JsonToken.START_ARRAY;
    }

    /** An exchange's request or response without its bodies. */
    private ObjectNode holder(JsonParser p) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (BODIES.contains(name)) {
                skip(p, node, name, value);
            } else {
                node.set(name, value(p, value));
            }
        }
        return ended(p, t, node);
    }

    /** Never asking for the text leaves a string undecoded; skipChildren walks an array or object. */
    private static void skip(JsonParser p, ObjectNode node, String name, JsonToken value) throws IOException {
        p.skipChildren();
        node.set(name, value == JsonToken.VALUE_NULL ? NullNode.getInstance() : BooleanNode.TRUE);
    }

    private static ObjectNode ended(JsonParser p, JsonToken t, ObjectNode node) throws JsonParseException {
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "Unexpected token " + t + " in an object");
        }
        return node;
    }

    /** The value at {@code t}: the common scalars directly, the rest through the mapper (the same nodes either way). */
    private JsonNode value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> IntNode.valueOf(p.getIntValue());
                case LONG -> LongNode.valueOf(p.getLongValue());
                default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
            };
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.getInstance();
            default -> values.readTree(p);
        };
    }
}
