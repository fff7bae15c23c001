package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --format chrome} on the demo: the trace-event structure Perfetto and chrome://tracing read. */
class ExportChromeTest {

    @TempDir
    Path dir;

    private List<JsonNode> events(String... extra) throws Exception {
        Path out = dir.resolve("demo.trace.json");
        List<String> args = new ArrayList<>(List.of("export", ExportOtlpJsonTest.DEMO.toString(), "--format",
                "chrome", "-o", out.toString()));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = Traces.JSON.readTree(Files.readString(out));
        assertEquals("ms", root.path("displayTimeUnit").asText());
        List<JsonNode> events = new ArrayList<>();
        root.path("traceEvents").forEach(events::add);
        return events;
    }

    private static List<JsonNode> ph(List<JsonNode> events, String ph) {
        return events.stream().filter(e -> ph.equals(e.path("ph").asText())).toList();
    }

    @Test
    void oneNamedTrackPerThreadAndOneCompleteEventPerSpan() throws Exception {
        List<JsonNode> events = events();
        List<JsonNode> spans = ph(events, "X");
        assertEquals(26, spans.size());
        Map<Long, String> threads = new HashMap<>();
        for (JsonNode m : ph(events, "M")) {
            if (m.path("name").asText().equals("thread_name")) {
                String before = threads.put(m.path("tid").asLong(), m.path("args").path("name").asText());
                assertEquals(null, before, "one thread_name per track");
            }
        }
        assertEquals(Set.of("main", "tool-pool-1", "tool-pool-2", "llm-stream-1"), Set.copyOf(threads.values()));
        for (JsonNode x : spans) {
            assertTrue(threads.containsKey(x.path("tid").asLong()), "a named track: " + x);
            assertEquals(26066, x.path("pid").asLong());
            assertTrue(x.path("ts").isNumber() && x.path("ts").asDouble() >= 0, x.toString());
            assertTrue(x.path("dur").isNumber() && x.path("dur").asDouble() >= 0, x.toString());
            assertTrue(x.path("args").path("span").asText().length() == 16, x.toString());
        }
        Map<String, Long> tidByName = threads.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        assertTrue(spans.stream().anyMatch(x -> x.path("tid").asLong() == tidByName.get("tool-pool-1")
                && x.path("name").asText().equals("ToolExecutor.execute")));
    }

    @Test
    void llmSpansShowTheirModelAndTokens() throws Exception {
        List<JsonNode> llm = ph(events(), "X").stream().filter(x -> x.path("cat").asText().equals("llm")).toList();
        assertEquals(7, llm.size());
        for (JsonNode x : llm) {
            JsonNode args = x.path("args");
            assertTrue(args.path("model").asText().startsWith("gpt-4o"), args.toString());
            assertTrue(args.path("input_tokens").asLong() > 0, args.toString());
            assertTrue(args.path("output_tokens").asLong() > 0, args.toString());
        }
    }

    @Test
    void asyncHandOversAreFlowsFromTheParentsTrackToTheChildsSlice() throws Exception {
        List<JsonNode> events = events();
        List<JsonNode> spans = ph(events, "X");
        Map<Long, JsonNode> starts = new HashMap<>();
        ph(events, "s").forEach(s -> starts.put(s.path("id").asLong(), s));
        List<JsonNode> finishes = ph(events, "f");
        long asyncSpans = spans.stream().filter(x -> x.path("args").path("async").asBoolean()).count();
        assertEquals(7, asyncSpans);
        assertEquals(asyncSpans, finishes.size(), "every async span of the demo has its arrow");
        assertEquals(starts.size(), finishes.size());
        Map<String, JsonNode> bySpan = new HashMap<>();
        spans.forEach(x -> bySpan.put(x.path("args").path("span").asText(), x));
        for (JsonNode f : finishes) {
            JsonNode s = starts.get(f.path("id").asLong());
            assertEquals("e", f.path("bp").asText());
            assertNotEquals(s.path("tid").asLong(), f.path("tid").asLong(), "across threads");
            assertEquals(s.path("ts").decimalValue(), f.path("ts").decimalValue());
            JsonNode child = spans.stream().filter(x -> x.path("tid").asLong() == f.path("tid").asLong()
                    && x.path("ts").decimalValue().equals(f.path("ts").decimalValue())).findFirst().orElseThrow();
            JsonNode parent = bySpan.get(child.path("args").path("parent").asText());
            assertEquals(parent.path("tid").asLong(), s.path("tid").asLong(), "the arrow leaves the parent's track");
            double at = s.path("ts").asDouble();
            assertTrue(parent.path("ts").asDouble() <= at, "inside the parent's slice");
        }
    }

    @Test
    void filtersApplyToo() throws Exception {
        List<JsonNode> spans = ph(events("--thread", "main"), "X");
        assertEquals(13, spans.size(), "the demo's spans on main");
        assertTrue(spans.stream().allMatch(x -> x.path("tid").asLong() == 1), "main's track only");
    }
}
