package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The golden recording follows docs/trace-format.md ("Record and replay records") field by field: the runtime's
 * tests read the same file (runtime/src/test/resources/golden/recording.jsonl), so both sides agree on the format.
 */
class RecordingContractTest {

    private static final String SPAN_ID = "[0-9a-f]{16}";

    @Test
    void theRuntimesCopyIsTheSameFile() throws Exception {
        Path runtimeCopy = Path.of(System.getProperty("agentdbg.docs.dir"), "..", "runtime", "src", "test",
                "resources", "golden", "recording.jsonl");
        assertEquals(Files.readString(Recordings.golden()), Files.readString(runtimeCopy),
                "copy analyzer/src/test/resources/golden/recording.jsonl to runtime/src/test/resources/golden/");
    }

    @Test
    void everyRecordHasTheDocumentedFields() {
        List<String> lines = Recordings.goldenLines();
        JsonNode run = Traces.parse(lines.get(0));
        assertEquals("run", run.path("type").asText());
        assertEquals("record", run.path("mode").asText());
        assertEquals("record", run.path("config").path("agentdbg.mode").asText());
        Map<Integer, JsonNode> methods = new HashMap<>();
        int exchanges = 0;
        int values = 0;
        int dets = 0;
        for (String line : lines) {
            assertFalse(line.contains("Authorization") || line.contains("sk-"), "no secret in a recording: " + line);
            JsonNode n = Traces.parse(line);
            switch (n.path("type").asText()) {
                case "method" -> methods.put(n.path("id").asInt(), n);
                case "exchange" -> {
                    exchange(n, ++exchanges);
                }
                case "value" -> {
                    value(n, methods);
                    values++;
                }
                case "det" -> {
                    det(n);
                    dets++;
                }
                default -> {
                }
            }
        }
        assertEquals(4, exchanges);
        assertEquals(3, values);
        assertEquals(2, dets);
    }

    private static void exchange(JsonNode n, int expectedCall) {
        assertEquals(expectedCall, n.path("call").asInt(), "calls are numbered from 1 in order");
        assertTrue(n.path("span").asText().matches(SPAN_ID), n.toString());
        assertTrue(Set.of("java.net.http", "openai-java").contains(n.path("client").asText()), n.toString());
        assertEquals(Recordings.ENDPOINT, n.path("endpoint").asText());
        JsonNode req = n.path("request");
        assertEquals("POST", req.path("method").asText());
        assertTrue(req.path("url").asText().endsWith("/v1/chat/completions"));
        assertTrue(req.path("headers").path("Content-Type").isArray());
        assertEquals(1, (req.has("body") ? 1 : 0) + (req.has("bodyBase64") ? 1 : 0) + (req.has("bodyMissing") ? 1 : 0),
                "exactly one of body, bodyBase64, bodyMissing: " + req);
        assertTrue(n.path("complete").isBoolean());
        JsonNode resp = n.path("response");
        if (n.has("error")) {
            assertTrue(resp.isMissingNode(), "a call that failed without a response has none");
            assertFalse(n.path("complete").asBoolean());
            assertTrue(n.path("error").path("type").isTextual() && n.path("error").path("message").isTextual());
            return;
        }
        assertTrue(resp.path("status").isInt());
        assertTrue(resp.path("headers").isObject());
        long at = resp.path("headersAt").asLong();
        assertTrue(at > 0);
        assertTrue(resp.path("chunks").size() > 0);
        for (JsonNode c : resp.path("chunks")) {
            assertTrue(c.path("at").asLong() >= at, "chunks arrive after the headers, in order: " + c);
            at = c.path("at").asLong();
            assertEquals(1, (c.has("text") ? 1 : 0) + (c.has("base64") ? 1 : 0), c.toString());
            if (c.has("base64")) {
                Base64.getDecoder().decode(c.path("base64").asText());
            }
        }
        assertEquals(!n.path("complete").asBoolean(), n.has("cut"), "an incomplete recording says why: " + n);
    }

    private static void value(JsonNode n, Map<Integer, JsonNode> methods) {
        assertTrue(n.path("span").asText().matches(SPAN_ID), n.toString());
        JsonNode m = methods.get(n.path("method").asInt());
        assertTrue(m != null, "a value's method record comes first: " + n);
        assertEquals(m.path("class").asText() + "#" + m.path("method").asText() + m.path("desc").asText(),
                n.path("key").asText());
        assertEquals(m.path("rule").asText(), n.path("rule").asText());
        assertEquals(m.path("kind").asText(), n.path("kind").asText());
        assertTrue(Set.of("return", "throw").contains(n.path("outcome").asText()));
        assertTrue(n.path("class").isTextual());
        assertEquals(1, (n.has("kryo") ? 1 : 0) + (n.has("unrebuildable") ? 1 : 0) + (n.has("cut") ? 1 : 0),
                "exactly one of kryo, unrebuildable, cut: " + n);
        if (n.has("kryo")) {
            Base64.getDecoder().decode(n.path("kryo").asText());
        }
        if (n.has("unrebuildable")) {
            assertTrue(n.path("unrebuildable").asText().startsWith(n.path("class").asText() + ": "), n.toString());
        }
    }

    private static void det(JsonNode n) {
        assertTrue(n.path("site").asText().matches("[\\w.$]+#[\\w$<>]+:\\d+"), n.toString());
        assertTrue(Set.of("currentTimeMillis", "nanoTime", "instant", "localDateTime", "uuid", "randomSeed",
                "randomSource")
                .contains(n.path("what").asText()), n.toString());
        for (JsonNode v : n.path("values")) {
            assertTrue(v.isIntegralNumber() && v.canConvertToLong(), n.toString());
        }
        if ("uuid".equals(n.path("what").asText())) {
            assertEquals(0, n.path("values").size() % 2, "a UUID is two longs: " + n);
        }
    }
}
