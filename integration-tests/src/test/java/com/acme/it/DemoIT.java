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
        // The critic's rule still names critique(), renamed review(): it never fires, on purpose.
        assertEquals("[\"critic\"]", stats.get("unmatchedRules").toString());
        JsonNode critic = trace.classes.stream()
                .filter(c -> c.get("class").asText().equals("com.acme.research.agents.CriticAgent")).findFirst()
                .orElseThrow(() -> new AssertionError("no class record of the critic: " + trace.classes));
        assertEquals("noMethod", critic.get("outcome").asText());
        assertEquals("[\"agents\",\"critic\"]", critic.get("rules").toString());
        assertEquals("[\"review\",\"asksForAmount\"]", critic.get("methods").toString());
        assertTrue(trace.classes.stream().anyMatch(c -> c.get("class").asText().endsWith(".PlannerAgent")
                && c.get("outcome").asText().equals("transformed")), trace.classes.toString());

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

    @Test
    void whyExplainsTheCriticThatNeverFired(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        new ChildJvm(Jdks.current())
                .agent("config=" + System.getProperty("agentdbg.demo.config") + ",output.dir=" + traces)
                .jar(ChildJvm.demoJar()).run(dir).assertSuccess();
        ChildJvm.Result why = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "why", traces.toString(), "critic", "--wide").run(dir.resolve("why"));
        assertEquals(0, why.exitCode(), why.stderr());
        assertTrue(why.stdout().contains("Verdict: NEVER INVOKED"), why.stdout());
        assertTrue(why.stdout().contains("the closest rule, critic, missed: method name differs: the rule wants critique"),
                why.stdout());
        assertTrue(why.stdout().contains("(closest: review)"), why.stdout());
    }

    private static void assertParent(Trace trace, String child, String parent) {
        List<JsonNode> spans = trace.spansOf(child);
        assertTrue(!spans.isEmpty());
        for (JsonNode span : spans) {
            assertEquals(parent, trace.methodName(trace.span(span.get("parent").asText())), child + " under " + parent);
        }
    }
}
