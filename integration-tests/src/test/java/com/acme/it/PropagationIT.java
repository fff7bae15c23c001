package com.acme.it;

import com.acme.it.apps.PropagationApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spans of work handed to other threads stay children of the span that handed it over. */
class PropagationIT {
    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void everyHandOverKeepsTheParent(Path java, @TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.rule.agent.match=com.acme.it.apps.PropagationApp$PropagationAgent#via*",
                "agentdbg.rule.agent.kind=agent",
                "agentdbg.rule.tool.match=com.acme.it.apps.PropagationApp$AsyncTool#work",
                "agentdbg.rule.tool.kind=tool", ""));
        ChildJvm.Result result = new ChildJvm(java).agent("config=" + config).main(PropagationApp.class).run(dir)
                .assertSuccess();
        assertTrue(result.stdout().contains("propagation app done"));
        Trace trace = Trace.readSingleRun(traces);
        JsonNode stats = trace.finalStats();
        assertEquals(0, stats.get("internalErrors").asInt(), trace.agentErrors.toString());
        assertEquals(0, stats.get("transformFailures").asInt(), trace.agentErrors.toString());

        boolean virtualThreads = trace.runs.get(0).at("/jvm/version").asText().split("\\.")[0].compareTo("21") >= 0
                && !trace.runs.get(0).at("/jvm/version").asText().startsWith("17");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("viaExecute", 1);
        expected.put("viaSubmit", 2);
        expected.put("viaInvokeAll", 3);
        expected.put("viaScheduled", 2);
        expected.put("viaForkJoin", 3);
        expected.put("viaCompletableFuture", 3);
        expected.put("viaThread", 1);
        expected.put("viaContinuation", 2);
        if (virtualThreads) {
            expected.put("viaVirtualThreads", 2);
        }
        // Parallel streams and fork/join tasks: the caller and the pool's workers share the work, so
        // children are async when a worker ran them and plain when the caller did.
        for (String mixed : List.of("viaParallelStream", "viaForkJoinTask")) {
            JsonNode agent = trace.spansOf("PropagationAgent#" + mixed).get(0);
            List<JsonNode> children = childrenOf(trace, agent);
            assertEquals(mixed.equals("viaParallelStream") ? 8 : 4, children.size(), mixed + ": tool spans under the agent");
            for (JsonNode child : children) {
                assertEquals(agent.get("trace"), child.get("trace"), mixed);
            }
        }
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            List<JsonNode> agentSpans = trace.spansOf("PropagationAgent#" + e.getKey());
            assertEquals(1, agentSpans.size(), e.getKey());
            JsonNode agent = agentSpans.get(0);
            List<JsonNode> children = childrenOf(trace, agent);
            assertEquals((int) e.getValue(), children.size(), e.getKey() + ": tool spans under the agent span");
            for (JsonNode child : children) {
                assertEquals(agent.get("trace"), child.get("trace"), e.getKey() + ": same trace");
                assertTrue(child.path("async").asBoolean(), e.getKey() + ": marked async " + child);
            }
            assertFalse(agent.path("async").asBoolean(), "the agent span itself ran on its caller's thread");
        }

        // Nothing leaked into work submitted later with no span open.
        List<JsonNode> tools = trace.spansOf("AsyncTool#work");
        long roots = tools.stream().filter(s -> !s.has("parent")).count();
        assertEquals(4, roots, "the four tasks submitted with no span open are roots");
        for (JsonNode tool : tools) {
            if (!tool.has("parent")) {
                assertFalse(tool.path("async").asBoolean());
            }
        }

        // Eight concurrent runs on one shared pool: eight separate trees of three tasks each.
        List<JsonNode> runs = trace.spansOf("PropagationAgent#viaSharedPool");
        assertEquals(8, runs.size());
        assertEquals(8, runs.stream().map(r -> r.get("trace").asText()).distinct().count(), "one trace per run");
        for (JsonNode run : runs) {
            List<JsonNode> children = childrenOf(trace, run);
            assertEquals(3, children.size(), "each run keeps its own three tasks");
            for (JsonNode child : children) {
                assertEquals(run.get("trace"), child.get("trace"));
            }
        }
        int handedOver = expected.values().stream().mapToInt(Integer::intValue).sum() + 8 * 3 + 8 + 4;
        assertEquals(handedOver + 4, tools.size(), "every task ran exactly once and was traced once");
    }

    private static List<JsonNode> childrenOf(Trace trace, JsonNode parent) {
        return trace.spans.stream()
                .filter(s -> parent.get("span").equals(s.get("parent")))
                .toList();
    }
}
