package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams the files of a run line by line and hands each record to a {@link TraceListener}.
 *
 * <p>Only one line is held at a time, so memory does not grow with the file. A line that cannot be used
 * is skipped and reported with its file and line number, and reading goes on, as the format requires.
 */
public final class TraceReader {

    // Trailing tokens matter: two records glued together by a torn write must not pass as the first one.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final RecordParser parser = new RecordParser();

    /** Reads every part of {@code run}, in part order. */
    public ReadReport read(RunFiles run, TraceListener listener) throws BadInputException {
        ReadReport report = new ReadReport();
        for (TraceFile file : run.parts()) {
            readFile(file, listener, report);
        }
        return report;
    }

    private void readFile(TraceFile file, TraceListener listener, ReadReport report) throws BadInputException {
        try (InputStream in = Files.newInputStream(file.path());
             LineSource lines = new LineSource(in)) {
            boolean sawRecord = false;
            while (lines.next()) {
                JsonNode node = parse(lines, file, report, listener);
                if (node == null) {
                    continue;
                }
                String type = node.get("type").asText();
                if (!sawRecord && !"run".equals(type)) {
                    report.note(file.path().getFileName() + " does not start with a run record");
                }
                sawRecord = true;
                try {
                    long line = lines.number();
                    // Held until the record is accepted: a record rejected later must not also count its fields.
                    List<String[]> badFields = new ArrayList<>(0);
                    dispatch(type, node, file, listener,
                            reason -> report.ignoreValue(file.path(), line, reason),
                            (record, field, problem, outcome) -> badFields.add(
                                    new String[] {record, field, problem, outcome}));
                    for (String[] b : badFields) {
                        report.badField(b[0], b[1], b[2], b[3], file.path(), line);
                    }
                    report.record();
                } catch (InvalidRecordException e) {
                    String reason = "invalid " + type + " record: " + e.getMessage();
                    report.skip(file.path(), lines.number(), reason);
                    listener.skipped(new SkippedLine(file.path(), lines.number(), reason), type, head(lines));
                }
            }
            report.fileRead(file, lines.number());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file.path() + ": " + TraceLocator.cause(e));
        }
    }

    /** The line as a JSON object with a textual {@code type}, or {@code null} after reporting why it is skipped. */
    private static JsonNode parse(LineSource lines, TraceFile file, ReadReport report, TraceListener listener) {
        String problem;
        if (lines.tooLong()) {
            problem = "line longer than " + LineSource.MAX_LINE_BYTES + " bytes (" + lines.byteCount() + "); not read";
        } else {
            try {
                JsonNode node = RecordingLines.holdsBodies(lines.bytes(), lines.length())
                        ? RecordingLines.readWithoutBodies(MAPPER, lines.bytes(), lines.length())
                        : MAPPER.readTree(lines.bytes(), 0, lines.length());
                if (node == null || node.isMissingNode()) {
                    problem = "empty line";
                } else if (!node.isObject()) {
                    problem = "not a JSON object";
                } else if (!node.path("type").isTextual()) {
                    problem = "record without a 'type'";
                } else {
                    return node;
                }
            } catch (JacksonException e) {
                problem = lines.terminated()
                        ? "corrupt JSON (" + firstLine(e.getOriginalMessage()) + ")"
                        : "torn last line (no newline, " + lines.byteCount() + " bytes)";
            } catch (IOException e) {
                problem = "unreadable (" + e.getMessage() + ")";
            }
        }
        report.skip(file.path(), lines.number(), problem);
        listener.skipped(new SkippedLine(file.path(), lines.number(), problem), null, head(lines));
        return null;
    }

    /** Bytes of a skipped line handed to {@link TraceListener#skipped}: enough for a record's leading fields. */
    static final int HEAD_BYTES = 1024;

    private static String head(LineSource lines) {
        return new String(lines.bytes(), 0, Math.min(HEAD_BYTES, lines.length()), StandardCharsets.UTF_8);
    }

    private void dispatch(String type, JsonNode node, TraceFile file, TraceListener listener,
                          Consumer<String> ignored, FieldSink fields) throws InvalidRecordException {
        switch (type) {
            case "run" -> listener.run(parser.run(node, fields), file);
            case "method" -> listener.method(parser.method(node, fields));
            case "span" -> listener.span(parser.span(node, ignored, fields));
            case "start" -> listener.start(parser.start(node, ignored, fields));
            case "stats" -> listener.stats(parser.stats(node, fields));
            case "agentError" -> listener.agentError(parser.agentError(node, fields));
            case "class" -> listener.classSeen(parser.classSeen(node, fields));
            case "exchange" -> listener.exchange(RecordingParser.exchange(node, fields));
            case "value" -> listener.value(RecordingParser.value(node, fields));
            case "det" -> listener.det(RecordingParser.det(node, fields));
            case "replayed" -> listener.replayed(RecordingParser.replayed(node, fields));
            case "divergence" -> listener.divergence(RecordingParser.divergence(node, fields));
            default -> {
                // Newer agents may write record types this analyzer does not know: ignore them.
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }

    /** Reads the first line of a file as a JSON object, or {@code null}; used to identify files cheaply. */
    static JsonNode firstRecord(InputStream in) throws IOException {
        try (LineSource lines = new LineSource(in)) {
            if (!lines.next() || lines.tooLong()) {
                return null;
            }
            try {
                JsonNode node = MAPPER.readTree(lines.bytes(), 0, lines.length());
                return node != null && node.isObject() ? node : null;
            } catch (JacksonException e) {
                return null;
            }
        }
    }
}
