package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one line of a trace into a record of the model, or the reason it cannot be used. It keeps no state, so
 * {@link TraceReader} runs it on several threads; everything that must happen in file order (the report, the
 * listener) is left to the reader, in the {@link Decoded} it returns.
 */
final class LineDecoder {

    /** Bytes of a skipped line handed to {@link TraceListener#skipped}: enough for a record's leading fields. */
    static final int HEAD_BYTES = 1024;

    /**
     * What one line held.
     *
     * @param type      the record type, or {@code null} for a line that is not a record
     * @param record    the model object for {@code type}; {@code null} for an unknown type or a skipped line
     * @param problem   why the line is skipped, or {@code null} when it is used
     * @param head      the skipped line's first bytes as text, else {@code null}
     * @param ignored   payload values left out of the record, described
     * @param badFields optional fields of the wrong type: record, field, problem, outcome
     */
    record Decoded(long number, String type, Object record, String problem, String head, List<String> ignored,
                   List<String[]> badFields) {

        boolean used() {
            return problem == null;
        }
    }

    private final LineParser lines;
    private final RecordParser parser = new RecordParser();

    LineDecoder(ObjectMapper mapper, boolean payloads) {
        this.lines = new LineParser(mapper, payloads);
    }

    /** Every line of {@code batch}, in order; one parser goes through them, a line it cannot take is parsed alone. */
    Decoded[] decode(LineBatch batch) {
        Decoded[] out = new Decoded[batch.size()];
        LineParser.Cursor cursor = lines.cursor(batch);
        try {
            for (int i = 0; i < out.length; i++) {
                Object parsed = batch.byteCount(i) > LineSource.MAX_LINE_BYTES ? LineParser.Cursor.ALONE
                        : cursor.next(i);
                out[i] = parsed == LineParser.Cursor.ALONE ? decode(batch, i) : interpret(batch, i, parsed);
            }
        } finally {
            cursor.close();
        }
        return out;
    }

    /** Line {@code i} of {@code batch}, parsed alone. */
    Decoded decode(LineBatch batch, int i) {
        if (batch.byteCount(i) > LineSource.MAX_LINE_BYTES) {
            String problem = "line longer than " + LineSource.MAX_LINE_BYTES + " bytes (" + batch.byteCount(i)
                    + "); not read";
            return skipped(batch, i, null, problem);
        }
        Object parsed;
        try {
            parsed = lines.parse(batch.data(), batch.offset(i), batch.length(i));
        } catch (JacksonException e) {
            return skipped(batch, i, null, batch.terminated(i)
                    ? "corrupt JSON (" + firstLine(e.getOriginalMessage()) + ")"
                    : "torn last line (no newline, " + batch.byteCount(i) + " bytes)");
        } catch (IOException e) {
            return skipped(batch, i, null, "unreadable (" + e.getMessage() + ")");
        }
        return interpret(batch, i, parsed);
    }

    /** What {@code parsed}, the JSON of line {@code i}, holds: a record of the model, or why the line is skipped. */
    private Decoded interpret(LineBatch batch, int i, Object parsed) {
        long number = batch.number(i);
        CallFields call = parsed instanceof CallFields c ? c : null;
        String type;
        JsonNode node = null;
        if (call != null) {
            type = call.type;
        } else {
            node = (JsonNode) parsed;
            String problem = node == null || node.isMissingNode() ? "empty line"
                    : !node.isObject() ? "not a JSON object"
                    : !node.path("type").isTextual() ? "record without a 'type'"
                    : null;
            if (problem != null) {
                return skipped(batch, i, null, problem);
            }
            type = node.get("type").asText();
            if (CallFields.isCall(type)) {
                call = CallFields.of(type, node);
            }
        }
        List<String> ignored = new ArrayList<>(0);
        // Held until the record is accepted: a record rejected later must not also count its fields.
        List<String[]> badFields = new ArrayList<>(0);
        FieldSink fields = (record, field, what, outcome) -> badFields.add(new String[] {record, field, what, outcome});
        try {
            Object model = call != null ? call(call, ignored, fields) : model(type, node, fields);
            return new Decoded(number, type, model, null, null, ignored, badFields);
        } catch (InvalidRecordException e) {
            return skipped(batch, i, type, "invalid " + type + " record: " + e.getMessage());
        }
    }

    private Object call(CallFields call, List<String> ignored, FieldSink fields) throws InvalidRecordException {
        return "span".equals(call.type) ? parser.span(call, ignored::add, fields)
                : parser.start(call, ignored::add, fields);
    }

    private Object model(String type, JsonNode node, FieldSink fields) throws InvalidRecordException {
        return switch (type) {
            case "run" -> parser.run(node, fields);
            case "method" -> parser.method(node, fields);
            case "stats" -> parser.stats(node, fields);
            case "agentError" -> parser.agentError(node, fields);
            case "class" -> parser.classSeen(node, fields);
            case "exchange" -> RecordingParser.exchange(node, fields);
            case "value" -> RecordingParser.value(node, fields);
            case "det" -> RecordingParser.det(node, fields);
            case "replayed" -> RecordingParser.replayed(node, fields);
            case "divergence" -> RecordingParser.divergence(node, fields);
            case "debug" -> DebugParser.debug(node, fields);
            // Newer agents may write record types this analyzer does not know: read past them.
            default -> null;
        };
    }

    private static Decoded skipped(LineBatch batch, int i, String type, String problem) {
        String head = new String(batch.data(), batch.offset(i), Math.min(HEAD_BYTES, batch.length(i)),
                StandardCharsets.UTF_8);
        return new Decoded(batch.number(i), type, null, problem, head, List.of(), List.of());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
