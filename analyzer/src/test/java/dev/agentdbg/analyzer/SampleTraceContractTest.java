package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The golden sample is the contract both the agent and the analyzer test against, so it must follow
 * docs/trace-format.md to the letter; these checks fail if someone edits it carelessly.
 */
class SampleTraceContractTest {

    private static final Set<String> KINDS = Set.of("agent", "llm", "tool", "retrieval", "chain", "custom");

    @Test
    void everyLineIsOneCompleteJsonObject() throws Exception {
        byte[] bytes = Files.readAllBytes(Traces.sample());
        assertEquals('\n', bytes[bytes.length - 1], "the last line must end with a newline");
        for (JsonNode record : Traces.sampleRecords()) {
            assertTrue(record.isObject());
            assertTrue(record.path("type").isTextual(), "every record has a type: " + record);
        }
    }

    @Test
    void runRecordComesFirstAndItsTimesAgree() {
        JsonNode run = Traces.sampleRecords().get(0);
        assertEquals("run", run.path("type").asText());
        assertEquals(1, run.path("schema").asInt());
        assertEquals(0, run.path("part").asInt());
        assertTrue(run.path("runId").asText().matches("\\d{8}-\\d{6}-\\d+-[0-9a-f]{4}"));
        Instant start = Instant.parse(run.path("start").asText());
        assertEquals(start.getEpochSecond() * 1_000_000_000L + start.getNano(), run.path("startNanos").asLong());
        assertEquals(run.path("pid").asText(), run.path("runId").asText().split("-")[2], "the run id carries the pid");
    }

    @Test
    void methodsAreDescribedBeforeUseAndOneIsNeverCalled() {
        Set<Integer> described = new HashSet<>();
        Set<Integer> used = new HashSet<>();
        for (JsonNode r : Traces.sampleRecords()) {
            switch (r.path("type").asText()) {
                case "method" -> {
                    assertTrue(described.add(r.path("id").asInt()), "method ids are unique");
                    assertTrue(KINDS.contains(r.path("kind").asText()), "known kind: " + r);
                    assertTrue(r.path("class").isTextual() && r.path("method").isTextual()
                            && r.path("desc").asText().startsWith("(") && r.path("component").isTextual()
                            && r.path("rule").isTextual());
                }
                case "span", "start" -> {
                    assertTrue(described.contains(r.path("method").asInt()), "method record precedes use: " + r);
                    used.add(r.path("method").asInt());
                }
                default -> {
                }
            }
        }
        Set<Integer> neverCalled = new HashSet<>(described);
        neverCalled.removeAll(used);
        assertEquals(1, neverCalled.size(), "exactly one instrumented method is never called");
    }

    @Test
    void spansHaveValidIdsAndFinishInOrderInsideTheirParents() {
        List<JsonNode> spans = spans();
        Map<String, JsonNode> byId = new HashMap<>();
        long lastEnd = Long.MIN_VALUE;
        for (JsonNode s : spans) {
            assertTrue(s.path("trace").asText().matches("[0-9a-f]{32}") && !s.path("trace").asText().matches("0+"));
            assertTrue(s.path("span").asText().matches("[0-9a-f]{16}") && !s.path("span").asText().matches("0+"));
            if (s.has("parent")) {
                assertTrue(s.path("parent").asText().matches("[0-9a-f]{16}"));
                assertFalse(byId.containsKey(s.path("parent").asText()), "a child is written before its parent");
            }
            assertTrue(s.path("dur").asLong() > 0);
            long end = s.path("start").asLong() + s.path("dur").asLong();
            assertTrue(end >= lastEnd, "spans are written in the order they finish: " + s);
            lastEnd = end;
            assertNull(byId.put(s.path("span").asText(), s), "span ids are unique");
        }
        for (JsonNode s : spans) {
            if (s.has("parent")) {
                JsonNode parent = byId.get(s.path("parent").asText());
                assertNotNull(parent, "every parent is in the sample: " + s);
                assertEquals(parent.path("trace").asText(), s.path("trace").asText());
                assertTrue(s.path("start").asLong() >= parent.path("start").asLong());
                assertTrue(s.path("start").asLong() + s.path("dur").asLong()
                        <= parent.path("start").asLong() + parent.path("dur").asLong(), "child inside parent: " + s);
            }
        }
    }

    @Test
    void failedSpanCarriesTheWholeErrorAndIsRetried() {
        List<JsonNode> webSearches = new ArrayList<>();
        for (JsonNode s : spans()) {
            if (s.path("method").asInt() == 5) {
                webSearches.add(s);
            }
        }
        assertEquals(2, webSearches.size());
        JsonNode failed = webSearches.get(0);
        assertEquals("error", failed.path("status").asText());
        JsonNode error = failed.path("error");
        assertEquals("java.io.IOException", error.path("type").asText());
        assertTrue(error.path("message").isTextual());
        assertTrue(error.path("stack").size() > 0 && error.path("framesOmitted").asInt() > 0);
        assertEquals("java.net.SocketException", error.path("cause").path("type").asText());
        assertEquals("ok", webSearches.get(1).path("status").asText());
        assertTrue(webSearches.get(1).path("start").asLong() > failed.path("start").asLong() + failed.path("dur").asLong());
    }

    @Test
    void finalStatsCloseTheFileAndAgreeWithIt() throws Exception {
        List<JsonNode> records = Traces.sampleRecords();
        JsonNode stats = records.get(records.size() - 1);
        assertEquals("stats", stats.path("type").asText());
        assertTrue(stats.path("final").asBoolean());
        assertEquals(spans().size(), stats.path("spans").asInt());
        assertEquals(0, stats.path("dropped").asInt());
        assertEquals("[\"legacy-tools\"]", stats.path("unmatchedRules").toString());
        long statsLine = Traces.sampleLines().get(Traces.sampleLines().size() - 1).getBytes(StandardCharsets.UTF_8).length + 1;
        assertEquals(Files.size(Traces.sample()) - statsLine, stats.path("bytes").asLong(),
                "bytes counts everything written before the stats line, as the agent does");
        assertEquals(12, stats.path("starts").asInt());
        assertEquals(0, stats.path("droppedStarts").asInt());
        Instant at = Instant.parse(stats.path("at").asText());
        long endNanos = stats.path("endNanos").asLong();
        assertEquals(endNanos / 1000, at.getEpochSecond() * 1_000_000L + at.getNano() / 1000, "at and endNanos agree");
        for (JsonNode s : spans()) {
            assertTrue(s.path("start").asLong() + s.path("dur").asLong() <= endNanos);
        }
    }

    private static List<JsonNode> spans() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : Traces.sampleRecords()) {
            if ("span".equals(r.path("type").asText())) {
                out.add(r);
            }
        }
        return out;
    }
}
