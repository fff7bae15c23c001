package com.acme.it;

import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job: the research demo under the agent with its own properties file, then the analyzer. */
class DemoIT {
    @Test
    void demoTraceHasTheWholeAgentTreeAndTheAnalyzerSummarisesIt(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        ChildJvm.Result demo = new ChildJvm(Jdks.current())
                .agent("config=" + System.getProperty("agentdbg.demo.config") + ",output.dir=" + traces)
                .jar(ChildJvm.demoJar()).run(dir).assertSuccess();
        assertTrue(demo.stdout().contains("demo finished"), demo.stdout());

        Trace trace = Trace.readSingleRun(traces);
        Map<String, Long> calls = trace.spans.stream()
                .collect(Collectors.groupingBy(trace::methodName, Collectors.counting()));
        assertEquals(Map.of(
                "PlannerAgent#run", 2L,
                "SummarizerAgent#run", 2L,
                "PromptBuilder#build", 2L,
                "PromptBuilder#buildSummary", 2L,
                "OpenAiClient#complete", 5L,
                "OpenAiClient#streamComplete", 2L,
                "ToolExecutor#execute", 5L,
                "CalculatorTool#run", 2L,
                "FileReaderTool#run", 2L,
                "WebSearchTool#run", 2L), calls);

        JsonNode stats = trace.finalStats();
        assertEquals(26, stats.get("spans").asInt());
        assertEquals(0, stats.get("dropped").asInt());
        assertEquals(0, stats.get("internalErrors").asInt());
        assertEquals(10, stats.get("methodsInstrumented").asInt());
        assertEquals(0, stats.get("unmatchedRules").size());

        // The tree: planner -> llm / tool executor -> tool; planner -> summarizer -> llm.
        for (JsonNode planner : trace.spansOf("PlannerAgent#run")) {
            assertTrue(!planner.has("parent"));
        }
        assertParent(trace, "SummarizerAgent#run", "PlannerAgent#run");
        assertParent(trace, "ToolExecutor#execute", "PlannerAgent#run");
        assertParent(trace, "WebSearchTool#run", "ToolExecutor#execute");
        assertParent(trace, "PromptBuilder#buildSummary", "SummarizerAgent#run");
        assertParent(trace, "OpenAiClient#complete", "PlannerAgent#run");
        assertParent(trace, "OpenAiClient#streamComplete", "SummarizerAgent#run");

        // Tools ran in parallel on the tool pool, the summary streamed on its reader thread: each is
        // marked async, in its parent's trace, on its own thread.
        for (String handedOver : List.of("ToolExecutor#execute", "OpenAiClient#streamComplete")) {
            for (JsonNode span : trace.spansOf(handedOver)) {
                JsonNode parent = trace.span(span.get("parent").asText());
                assertTrue(span.path("async").asBoolean(), handedOver + " is async: " + span);
                assertEquals(parent.get("trace"), span.get("trace"));
                assertTrue(!span.get("thread").equals(parent.get("thread")), handedOver + " ran on another thread");
            }
        }
        assertTrue(trace.spansOf("ToolExecutor#execute").stream().map(s -> s.get("thread").asText()).distinct().count() == 2,
                "the tool pool's two threads both ran tools");

        // The web search failed once, then the retry under the same executor span succeeded.
        List<JsonNode> searches = trace.spansOf("WebSearchTool#run");
        assertEquals("error", searches.get(0).get("status").asText());
        assertEquals("java.io.IOException", searches.get(0).at("/error/type").asText());
        assertEquals("connection reset by search backend", searches.get(0).at("/error/message").asText());
        assertEquals("ok", searches.get(1).get("status").asText());
        assertEquals(searches.get(0).get("parent"), searches.get(1).get("parent"));

        ChildJvm.Result summary = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "summary", traces.toString()).run(dir.resolve("summary"));
        assertEquals(0, summary.exitCode(), summary.stderr());
        String out = summary.stdout();
        for (String expected : List.of("PlannerAgent.run", "SummarizerAgent.run", "OpenAiClient.complete",
                "WebSearchTool.run", "java.io.IOException", "connection reset by search backend")) {
            assertTrue(out.contains(expected), "summary mentions " + expected + ":\n" + out);
        }
    }

    private static void assertParent(Trace trace, String child, String parent) {
        List<JsonNode> spans = trace.spansOf(child);
        assertTrue(!spans.isEmpty());
        for (JsonNode span : spans) {
            assertEquals(parent, trace.methodName(trace.span(span.get("parent").asText())), child + " under " + parent);
        }
    }
}
