package com.acme.it;

import com.acme.it.apps.RulesApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of rule, in a real JVM under the built agent jar, on JDK 17 and JDK 25. */
class RulesIT {
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void everyRuleKindProducesTheExpectedSpans(Path java, @TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.rule.agents.match=com.acme.it.apps.*Agent#run*",
                "agentdbg.rule.agents.kind=agent",
                "agentdbg.rule.agents.component=research",
                "agentdbg.rule.llm.match=com.acme.it.apps.ChatClient#complete",
                "agentdbg.rule.llm.kind=llm",
                "agentdbg.rule.llm.component=chat",
                "agentdbg.rule.tools.subtypeOf=com.acme.it.apps.Tool",
                "agentdbg.rule.tools.kind=tool",
                "agentdbg.rule.steps.annotatedWith=com.acme.it.apps.Step",
                "agentdbg.rule.steps.kind=chain",
                "agentdbg.rule.unused.match=com.acme.nowhere.**",
                "agentdbg.rule.unused.kind=retrieval",
                ""));

        ChildJvm.Result result = new ChildJvm(java).agent("config=" + config).main(RulesApp.class).run(dir)
                .assertSuccess();
        assertTrue(result.stdout().contains("rules app done"), result.stdout());
        assertTrue(result.stderr().contains("[agentdbg] recording to"), result.stderr());
        assertFalse(result.stderr().contains("sun.misc.Unsafe"), "no JDK deprecation warnings caused by us: " + result.stderr());
        assertFalse(result.stderr().contains("Exception"), result.stderr());

        Trace trace = Trace.readSingleRun(traces);
        JsonNode stats = trace.finalStats();

        // Exactly the methods the rules describe, nothing else.
        Set<String> instrumented = trace.methods.values().stream()
                .map(m -> m.get("class").asText() + "#" + m.get("method").asText()).collect(Collectors.toSet());
        assertEquals(Set.of(
                "com.acme.it.apps.ResearchAgent#runTask",
                "com.acme.it.apps.ResearchAgent#runSubtask",
                "com.acme.it.apps.ChatClient#complete",
                "com.acme.it.apps.Calculator#call",
                "com.acme.it.apps.ResearchAgent$1#call",
                "com.acme.it.apps.FlakyTool#call",
                "com.acme.it.apps.LateTool#call",
                "com.acme.it.apps.IsolatedTool#call",
                "com.acme.it.apps.DeepTool#call",
                "com.acme.it.apps.PromptBuilder#build"), instrumented);
        assertEquals(10, stats.get("methodsInstrumented").asInt());
        assertEquals(9, stats.get("classesTransformed").asInt(), "only classes with traced methods are transformed");
        assertEquals(0, stats.get("transformFailures").asInt());
        assertEquals(0, stats.get("internalErrors").asInt());
        assertEquals(List.of("unused"), toList(stats.get("unmatchedRules")));

        // Call counts.
        assertEquals(2, trace.spansOf("ResearchAgent#runTask").size());
        assertEquals(2, trace.spansOf("ResearchAgent#runSubtask").size());
        assertEquals(4, trace.spansOf("ChatClient#complete").size());
        assertEquals(2, trace.spansOf("Calculator#call").size());
        assertEquals(2, trace.spansOf("ResearchAgent$1#call").size());
        assertEquals(4, trace.spansOf("FlakyTool#call").size());
        assertEquals(2, trace.spansOf("PromptBuilder#build").size());
        assertEquals(1, trace.spansOf("LateTool#call").size());
        assertEquals(1, trace.spansOf("IsolatedTool#call").size());
        assertEquals(1, trace.spansOf("DeepTool#call").size(), "an indirect subtype is traced");
        assertEquals(21, trace.spans.size());
        assertEquals(21, stats.get("spans").asInt());
        assertEquals(0, stats.get("dropped").asInt());

        // Kinds and components.
        assertEquals("agent", trace.method("ResearchAgent#runTask").get("kind").asText());
        assertEquals("research", trace.method("ResearchAgent#runTask").get("component").asText());
        assertEquals("llm", trace.method("ChatClient#complete").get("kind").asText());
        assertEquals("tool", trace.method("Calculator#call").get("kind").asText());
        assertEquals("Calculator", trace.method("Calculator#call").get("component").asText());
        assertEquals("ResearchAgent$1", trace.method("ResearchAgent$1#call").get("component").asText());
        assertEquals("chain", trace.method("PromptBuilder#build").get("kind").asText());
        assertEquals("ResearchAgent.java", trace.method("ResearchAgent#runTask").get("file").asText());
        assertTrue(trace.method("ResearchAgent#runTask").get("line").asInt() > 1);

        // Parent links: everything under the agent span that called it.
        for (String child : List.of("PromptBuilder#build", "Calculator#call", "ResearchAgent$1#call",
                "FlakyTool#call", "ResearchAgent#runSubtask")) {
            for (JsonNode span : trace.spansOf(child)) {
                assertEquals("com.acme.it.apps.ResearchAgent", trace.parentMethod(span).get("class").asText());
                assertEquals("runTask", trace.parentMethod(span).get("method").asText(), child);
            }
        }
        long llmUnderSubtask = trace.spansOf("ChatClient#complete").stream()
                .filter(s -> trace.parentMethod(s).get("method").asText().equals("runSubtask")).count();
        assertEquals(2, llmUnderSubtask, "the sub-task's LLM call is under the sub-task");
        for (JsonNode root : trace.spansOf("ResearchAgent#runTask")) {
            assertFalse(root.has("parent"));
        }
        assertNull(trace.parentMethod(trace.spansOf("LateTool#call").get(0)));

        // Same trace within a task, different traces across tasks.
        Set<String> taskTraces = trace.spansOf("ResearchAgent#runTask").stream()
                .map(s -> s.get("trace").asText()).collect(Collectors.toSet());
        assertEquals(2, taskTraces.size());
        for (JsonNode span : trace.spans) {
            if (span.has("parent")) {
                assertEquals(trace.span(span.get("parent").asText()).get("trace").asText(), span.get("trace").asText());
            }
        }

        // The failing tool call has its exception; the retry succeeded.
        List<JsonNode> flaky = trace.spansOf("FlakyTool#call");
        assertEquals(2, flaky.stream().filter(s -> s.get("status").asText().equals("error")).count());
        JsonNode failure = flaky.stream().filter(s -> s.get("status").asText().equals("error")).findFirst().get();
        assertEquals("java.io.UncheckedIOException", failure.at("/error/type").asText());
        assertTrue(failure.at("/error/message").asText().contains("connection reset by search backend"));
        assertEquals("java.io.IOException", failure.at("/error/cause/type").asText());
        assertTrue(failure.at("/error/stack/0").asText().startsWith("com.acme.it.apps.FlakyTool.call(FlakyTool.java:"));

        // Calls of agent, llm and tool methods also have a start record, written before their span.
        Set<String> startEventKinds = Set.of("agent", "llm", "tool");
        long expectedStarts = trace.spans.stream()
                .filter(sp -> startEventKinds.contains(trace.methods.get(sp.get("method").asInt()).get("kind").asText()))
                .count();
        assertEquals(expectedStarts, trace.starts.size());
        assertEquals(19, expectedStarts, "21 spans minus the 2 chain (@Step) calls");
        assertEquals(expectedStarts, stats.get("starts").asLong());
        assertEquals(0, stats.get("droppedStarts").asLong());
        for (JsonNode start : trace.starts) {
            JsonNode span = trace.span(start.get("span").asText());
            assertTrue(span != null, "a finished call has its span record: " + start);
            assertEquals(span.get("trace"), start.get("trace"));
            assertEquals(span.get("parent"), start.get("parent"));
            assertEquals(span.get("method"), start.get("method"));
            assertEquals(span.get("start"), start.get("start"));
            assertTrue(trace.records.indexOf(start) < trace.records.indexOf(span), "start before span");
        }

        // Ids well-formed and unique; timings sane.
        Set<String> spanIds = new HashSet<>();
        for (JsonNode span : trace.spans) {
            assertTrue(TRACE_ID.matcher(span.get("trace").asText()).matches(), span.toString());
            assertTrue(SPAN_ID.matcher(span.get("span").asText()).matches(), span.toString());
            assertFalse(span.get("trace").asText().matches("0+"));
            assertTrue(spanIds.add(span.get("span").asText()), "duplicate span id " + span);
            assertTrue(span.get("dur").asLong() >= 0);
            assertEquals("main", span.get("thread").asText());
            if (span.has("parent")) {
                JsonNode parent = trace.span(span.get("parent").asText());
                assertTrue(span.get("start").asLong() >= parent.get("start").asLong(), "child starts after parent");
                assertTrue(span.get("start").asLong() + span.get("dur").asLong()
                        <= parent.get("start").asLong() + parent.get("dur").asLong(), "child ends before parent");
            }
        }
        long runStart = trace.runs.get(0).get("startNanos").asLong();
        long first = trace.spans.stream().mapToLong(s -> s.get("start").asLong()).min().getAsLong();
        assertTrue(first > runStart && first - runStart < 60_000_000_000L, "spans are on the run's time line");
    }

    private static List<String> toList(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
