package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code summary} on the golden sample, checked the way a user reads the report. */
class SampleSummaryTest {

    private static String text;
    private static JsonNode json;

    @BeforeAll
    static void runSummary() {
        Cli.Result result = Cli.run("summary", Traces.sample().toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        text = result.out();
        Cli.Result jsonResult = Cli.run("summary", Traces.sample().toString(), "--json");
        assertEquals(0, jsonResult.exitCode(), jsonResult.err());
        json = Traces.parse(jsonResult.out());
    }

    @Test
    void runInfoAndAgentStatsAreShown() {
        assertTrue(text.startsWith("agentdbg summary of run " + Traces.RUN_ID + "\n"));
        assertTrue(text.contains("command               com.acme.research.ResearchDemo --topic \"JVM agents\""));
        assertTrue(text.contains("process               pid 4242 on build-7"));
        assertTrue(text.contains("JVM                   17.0.15 (Debian, OpenJDK 64-Bit Server VM)"));
        assertTrue(text.contains("wall duration         6.092 s (first span start -> final stats)"));
        assertTrue(text.contains("lines skipped         0"));
        assertTrue(text.contains("config warnings       unknown configuration key 'agentdbg.bufer.size'"));
        assertTrue(text.contains("spans written         13"));
        assertTrue(text.contains("unmatched rules       legacy-tools"));
        assertFalse(text.contains("Warnings"), "a clean run has no warnings section");
    }

    @Test
    void spanCountsByKind() {
        assertEquals(Map.of("agent", 3, "llm", 4, "tool", 5, "chain", 1),
                Traces.JSON.convertValue(json.path("spans").path("byKind"), Map.class));
        assertTrue(text.contains("Spans by kind (13 spans, 1 failed)"));
        assertTrue(Pattern.compile("(?m)^  tool\\s+5\\s+1$").matcher(text).find());
    }

    @Test
    void timelineNestsCallsUnderTheirCallers() {
        JsonNode traces = json.path("timeline").path("traces");
        assertEquals(2, traces.size());
        assertEquals(Traces.TRACE_1, traces.get(0).path("trace").asText(), "traces in start order");
        List<String> tree = new ArrayList<>();
        for (JsonNode line : traces.get(0).path("lines")) {
            tree.add("  ".repeat(line.path("depth").asInt()) + line.path("name").asText());
        }
        assertEquals(List.of(
                "PlannerAgent.run",
                "  OpenAiClient.complete",
                "  CalculatorTool.run",
                "  FileReaderTool.run",
                "  WebSearchTool.search",
                "  WebSearchTool.search",
                "  ResearchChain.execute",
                "  SummarizerAgent.run",
                "    OpenAiClient.complete",
                "  OpenAiClient.complete"), tree);
        // The same tree, as printed: indentation grows under the sub-agent.
        assertTrue(Pattern.compile("(?m)^ +2180\\.455 +2\\.452 s +SummarizerAgent\\.run +agent +summarizer +ok\\n"
                + " +2181\\.020 +2\\.431 s +  OpenAiClient\\.complete +llm +openai +ok$").matcher(text).find(), text);
        assertTrue(Pattern.compile("(?m)^ +1258\\.045 +310\\.2 ms +WebSearchTool\\.search +tool +web-search"
                + " +ERROR IOException$").matcher(text).find());
        JsonNode second = traces.get(1).path("lines");
        assertEquals(3, second.size());
        assertEquals("PlannerAgent.run", second.get(0).path("name").asText());
        assertEquals("agent", second.get(0).path("kind").asText());
    }

    @Test
    void plannerSelfTimeIsItsDurationMinusItsDirectChildren() {
        long plannerDur = 0;
        long childrenDur = 0;
        for (JsonNode r : Traces.sampleRecords()) {
            if (Traces.PLANNER_SPAN.equals(r.path("span").asText())) {
                plannerDur = r.path("dur").asLong();
            }
            if (Traces.PLANNER_SPAN.equals(r.path("parent").asText())) {
                childrenDur += r.path("dur").asLong();
            }
        }
        long expectedSelf = plannerDur - childrenDur;
        assertEquals(212_062_161L, expectedSelf, "the sample itself changed");
        JsonNode slowest = json.path("slowest").get(0);
        assertEquals(Traces.PLANNER_SPAN, slowest.path("span").asText());
        assertEquals(expectedSelf, slowest.path("selfNanos").asLong());
        // The second planner run (trace 2) adds its own self time to the method's row.
        JsonNode plannerRow = row(json.path("breakdown").path("byMethod"), "PlannerAgent.run");
        assertEquals(expectedSelf + 5_098_489L, plannerRow.path("selfNanos").asLong());
        assertEquals(5_057_118_653L + 879_044_316L, plannerRow.path("totalNanos").asLong());
        assertTrue(Pattern.compile("(?m)^  PlannerAgent\\.run +agent +planner +2 +0 +5936\\.163 +217\\.161 ").matcher(text).find());
    }

    @Test
    void percentilesAreExactForSmallGroups() {
        JsonNode llm = row(json.path("breakdown").path("byKind"), "llm");
        // Four llm calls; nearest rank: p50 is the 2nd smallest, p95 the largest.
        assertEquals(873_554_020L, llm.path("p50Nanos").asLong());
        assertEquals(2_430_664_120L, llm.path("p95Nanos").asLong());
        assertEquals(llm.path("totalNanos").asLong(), llm.path("selfNanos").asLong(), "llm calls have no children");
    }

    @Test
    void slowestSpansAreListedLongestFirst() {
        JsonNode slowest = json.path("slowest");
        assertEquals(10, slowest.size());
        List<String> names = new ArrayList<>();
        long previous = Long.MAX_VALUE;
        for (JsonNode s : slowest) {
            assertTrue(s.path("durationNanos").asLong() <= previous);
            previous = s.path("durationNanos").asLong();
            names.add(s.path("name").asText());
        }
        assertEquals(List.of("PlannerAgent.run", "SummarizerAgent.run", "OpenAiClient.complete"), names.subList(0, 3));
        Matcher first = Pattern.compile("(?m)^ +1 +5\\.057 s +212\\.1 ms +PlannerAgent\\.run ").matcher(text);
        assertTrue(first.find(), text);
        Cli.Result top3 = Cli.run("summary", Traces.sample().toString(), "--json", "--top", "3");
        assertEquals(0, top3.exitCode(), top3.err());
        assertEquals(3, Traces.parse(top3.out()).path("slowest").size());
    }

    @Test
    void theFailedWebSearchIsListedWithItsException() {
        JsonNode errors = json.path("errors");
        assertEquals(1, errors.path("total").asInt());
        JsonNode failed = errors.path("listed").get(0);
        assertEquals("WebSearchTool.search", failed.path("name").asText());
        assertEquals("web-search", failed.path("component").asText());
        assertEquals("java.io.IOException", failed.path("error").path("type").asText());
        assertEquals("java.net.SocketException", failed.path("error").path("cause").path("type").asText());
        JsonNode group = errors.path("groups").get(0);
        assertEquals("WebSearchTool.search", group.path("name").asText());
        assertEquals("java.io.IOException", group.path("type").asText());
        assertEquals(1, group.path("count").asInt());

        assertTrue(text.contains("Errors (1 failed span(s))"));
        assertTrue(text.contains("WebSearchTool.search  (tool, web-search)  trace 4bf92f35  at +1.258 s"));
        assertTrue(text.contains("java.io.IOException: connection reset while reading results from search.acme.dev"));
        assertTrue(text.contains("top frame  jdk.internal.net.http.HttpClientImpl.send(HttpClientImpl.java:586)"));
        assertTrue(text.contains("in method  com.acme.research.tools.WebSearchTool.search(WebSearchTool.java:31)"));
        assertTrue(text.contains("caused by  java.net.SocketException: Connection reset"));
        assertTrue(Pattern.compile("(?m)^ +1 +WebSearchTool\\.search +java\\.io\\.IOException +connection reset")
                .matcher(text).find());
    }

    @Test
    void theMethodNeverCalledIsNamed() {
        assertEquals("VectorStoreRetriever.retrieve", json.path("neverCalled").get(0).path("name").asText());
        assertTrue(text.contains("Instrumented but never called (1)"));
    }

    @Test
    void jsonCarriesTheSameFactsAsTheText() {
        assertEquals(1, json.path("schema").asInt());
        assertEquals(Traces.RUN_ID, json.path("run").path("runId").asText());
        assertEquals(13, json.path("spans").path("total").asInt());
        assertEquals(6_092_102_531L, json.path("wall").path("durationNanos").asLong());
        assertEquals(0, json.path("input").path("linesSkipped").asInt());
        assertEquals(0, json.path("warnings").size());
        assertTrue(json.path("agentStats").path("final").asBoolean());
        // Every per-kind total printed in the text equals the JSON value in milliseconds.
        Map<String, String> printed = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^  (agent|llm|tool|chain) +\\d+ +\\d+ +([0-9.]+) ").matcher(text);
        while (m.find()) {
            printed.put(m.group(1), m.group(2));
        }
        assertEquals(4, printed.size(), text);
        for (JsonNode row : json.path("breakdown").path("byKind")) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.3f", row.path("totalNanos").asLong() / 1e6),
                    printed.get(row.path("name").asText()));
        }
    }

    private static JsonNode row(JsonNode rows, String name) {
        for (JsonNode r : rows) {
            if (name.equals(r.path("name").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row " + name + " in " + rows);
    }
}
