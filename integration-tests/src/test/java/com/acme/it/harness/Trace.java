package com.acme.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A trace run read back from disk, with the look-ups tests need. Fails on any unparseable line. */
public final class Trace {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<Path> files;
    public final List<JsonNode> records = new ArrayList<>();
    public final List<JsonNode> runs = new ArrayList<>();
    public final Map<Integer, JsonNode> methods = new HashMap<>();
    public final List<JsonNode> spans = new ArrayList<>();
    /** {@code start} records: calls of agent, llm and tool methods, written when they begin. */
    public final List<JsonNode> starts = new ArrayList<>();
    public final List<JsonNode> stats = new ArrayList<>();
    public final List<JsonNode> agentErrors = new ArrayList<>();
    /** {@code class} records: classes the agent saw near a rule, and what became of them. */
    public final List<JsonNode> classes = new ArrayList<>();
    /** Deterministic values recorded per call site (record mode with agentdbg.replay.deterministic). */
    public final List<JsonNode> dets = new ArrayList<>();
    /** Record and replay's records: exchange, value, det, replayed, divergence. */
    public final List<JsonNode> replayRecords = new ArrayList<>();
    /** The live debugger's {@code debug} records: pauses, releases, warnings, edits, breakpoint changes. */
    public final List<JsonNode> debug = new ArrayList<>();
    /** Record/replay: recorded HTTP exchanges, served calls and request divergences. */
    public final List<JsonNode> exchanges = new ArrayList<>();
    public final List<JsonNode> replayed = new ArrayList<>();
    public final List<JsonNode> divergences = new ArrayList<>();
    /** Record/replay: recorded tool values. */
    public final List<JsonNode> recordedValues = new ArrayList<>();

    private Trace(List<Path> files) throws IOException {
        this.files = files;
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (IOException e) {
                        throw new AssertionError("line " + n + " of " + f + " is not JSON: " + line, e);
                    }
                    records.add(node);
                    switch (node.path("type").asText()) {
                        case "run" -> runs.add(node);
                        case "method" -> methods.put(node.get("id").asInt(), node);
                        case "span" -> spans.add(node);
                        case "start" -> starts.add(node);
                        case "stats" -> stats.add(node);
                        case "agentError" -> agentErrors.add(node);
                        case "class" -> classes.add(node);
                        case "debug" -> debug.add(node);
                        case "det" -> { dets.add(node); replayRecords.add(node); }
                        case "exchange" -> { exchanges.add(node); replayRecords.add(node); }
                        case "replayed" -> { replayed.add(node); replayRecords.add(node); }
                        case "divergence" -> { divergences.add(node); replayRecords.add(node); }
                        case "value" -> { recordedValues.add(node); replayRecords.add(node); }
                        default -> fail("unknown record type in " + f + ": " + line);
                    }
                }
            }
        }
    }

    /** Reads the only run in {@code dir} (all its parts, in order). */
    public static Trace readSingleRun(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted(Trace::byPart).collect(Collectors.toList());
        }
        assertTrue(!files.isEmpty(), "no trace file in " + dir);
        long runIds = files.stream().map(p -> p.getFileName().toString().split("\\.")[0]).distinct().count();
        assertEquals(1, runIds, "expected one run in " + dir + ": " + files);
        return new Trace(files);
    }

    private static int byPart(Path a, Path b) {
        return Integer.compare(part(a), part(b));
    }

    private static int part(Path p) {
        String[] pieces = p.getFileName().toString().split("\\.");
        return pieces.length == 3 ? Integer.parseInt(pieces[1]) : 0;
    }

    public JsonNode finalStats() {
        List<JsonNode> finals = stats.stream().filter(s -> s.path("final").asBoolean()).toList();
        assertEquals(1, finals.size(), "exactly one final stats record");
        assertTrue(records.get(records.size() - 1) == finals.get(0), "final stats is the last line");
        return finals.get(0);
    }

    /** The method record for {@code Class#method} (simple or full class name). */
    public JsonNode method(String classAndMethod) {
        String[] parts = classAndMethod.split("#");
        List<JsonNode> found = methods.values().stream()
                .filter(m -> m.get("method").asText().equals(parts[1]))
                .filter(m -> {
                    String c = m.get("class").asText();
                    return c.equals(parts[0]) || c.endsWith("." + parts[0]) || c.endsWith("$" + parts[0]);
                })
                .toList();
        assertEquals(1, found.size(), "one method record for " + classAndMethod + ", found " + found);
        return found.get(0);
    }

    public List<JsonNode> spansOf(String classAndMethod) {
        int id = method(classAndMethod).get("id").asInt();
        return spans.stream().filter(s -> s.get("method").asInt() == id).toList();
    }

    public JsonNode span(String spanId) {
        return spans.stream().filter(s -> s.get("span").asText().equals(spanId)).findFirst().orElse(null);
    }

    /** The method record of a span's parent span, or null for a root. */
    public JsonNode parentMethod(JsonNode span) {
        if (!span.has("parent")) {
            return null;
        }
        JsonNode parent = span(span.get("parent").asText());
        assertTrue(parent != null, "parent span " + span.get("parent") + " is in the trace");
        return methods.get(parent.get("method").asInt());
    }

    public String methodName(JsonNode span) {
        JsonNode m = methods.get(span.get("method").asInt());
        String c = m.get("class").asText();
        return c.substring(Math.max(c.lastIndexOf('.'), c.lastIndexOf('$')) + 1) + "#" + m.get("method").asText();
    }

    /** The kind of the method a span or start record belongs to. */
    public String kind(JsonNode record) {
        return methods.get(record.get("method").asInt()).get("kind").asText();
    }

    /** Spans of one kind, in start order. */
    public List<JsonNode> spansOfKind(String kind) {
        return spans.stream().filter(s -> kind.equals(kind(s)))
                .sorted(java.util.Comparator.comparingLong(s -> s.get("start").asLong())).toList();
    }

    /** The spans whose parent is {@code parent}, in start order. */
    public List<JsonNode> children(JsonNode parent) {
        String id = parent.get("span").asText();
        return spans.stream().filter(s -> id.equals(s.path("parent").asText(null)))
                .sorted(java.util.Comparator.comparingLong(s -> s.get("start").asLong())).toList();
    }

    /** {@code [Class#method, ...]} of some spans, for assertion messages. */
    public String names(List<JsonNode> some) {
        return some.stream().map(this::methodName).toList().toString();
    }

    /** The elements of a JSON array as text. */
    public static List<String> texts(JsonNode array) {
        assertTrue(array.isArray(), "a list: " + array);
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** The record/replay records of one type ({@code exchange}, {@code replayed}, ...), in file order. */
    public List<JsonNode> replayRecords(String type) {
        return replayRecords.stream().filter(r -> type.equals(r.path("type").asText())).toList();
    }

    /** The one span of a list that must hold exactly one. */
    public static JsonNode single(List<JsonNode> some) {
        assertEquals(1, some.size(), some.toString());
        return some.get(0);
    }

    /** Asserts the agent had no trouble: no internal error, drop or transform failure. @return the final stats */
    public JsonNode assertAgentHealthy() {
        JsonNode stats = finalStats();
        assertEquals(0, stats.get("internalErrors").asInt(), agentErrors.toString());
        assertEquals(0, stats.get("dropped").asInt(), stats.toString());
        assertEquals(0, stats.get("transformFailures").asInt(), agentErrors.toString());
        assertTrue(agentErrors.isEmpty(), agentErrors.toString());
        return stats;
    }
}
