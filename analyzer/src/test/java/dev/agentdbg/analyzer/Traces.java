package dev.agentdbg.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The golden sample trace and helpers to derive damaged, rotated or renamed copies of it in a test folder. */
final class Traces {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN_ID = "20261122-003012-4242-a1b2";
    static final String TRACE_1 = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACE_2 = "0af7651916cd43dd8448eb211c80319c";
    static final String PLANNER_SPAN = "53995c3f42cd8ad8";

    private Traces() {
    }

    static Path sample() {
        String dir = System.getProperty("agentdbg.docs.dir");
        if (dir == null) {
            throw new IllegalStateException("system property agentdbg.docs.dir is not set (see analyzer/pom.xml)");
        }
        return Path.of(dir, "sample-trace.jsonl");
    }

    /** The sample's lines, without their newlines. */
    static List<String> sampleLines() {
        try {
            return Files.readAllLines(sample(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> sampleRecords() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : sampleLines()) {
            out.add(parse(line));
        }
        return out;
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String type(String line) {
        return parse(line).path("type").asText();
    }

    /** Writes each line followed by a newline, as the agent does. */
    static Path write(Path file, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A copy of a record line with some fields replaced. */
    static String with(String line, String field, Object value) {
        ObjectNode node = (ObjectNode) parse(line);
        node.set(field, JSON.valueToTree(value));
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
