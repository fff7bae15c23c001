package com.acme.it;

import com.acme.it.apps.HangingApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A call that never returns is visible in the trace of a JVM that had to be killed. */
class UnfinishedCallsIT {
    @Test
    void hungLlmCallShowsAsRunningAfterSigkill(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.rule.agent.match=com.acme.it.apps.HangingApp$HangingAgent#runTask",
                "agentdbg.rule.agent.kind=agent",
                "agentdbg.rule.llm.subtypeOf=com.acme.it.apps.ChatClient",
                "agentdbg.rule.llm.methods=complete",
                "agentdbg.rule.llm.kind=llm",
                "agentdbg.rule.tools.subtypeOf=com.acme.it.apps.Tool",
                "agentdbg.rule.tools.kind=tool", ""));
        Process process = new ChildJvm(Jdks.current()).agent("config=" + config).main(HangingApp.class).start(dir);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(dir.resolve("stdout.txt")).contains("calling the model")) {
                assertTrue(process.isAlive() && System.nanoTime() < deadline, "the app never reached the LLM call");
                Thread.sleep(50);
            }
            Thread.sleep(800); // past a flush interval: the start records are on disk
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        Trace trace = Trace.readSingleRun(traces);
        assertEquals(1, trace.spans.size(), "only the tool call finished");
        assertEquals("Calculator#call", trace.methodName(trace.spans.get(0)));
        assertEquals(3, trace.starts.size(), "agent, tool and llm calls began");
        List<String> unfinished = trace.starts.stream()
                .filter(s -> trace.span(s.get("span").asText()) == null)
                .map(s -> trace.methods.get(s.get("method").asInt()).get("method").asText())
                .toList();
        assertEquals(List.of("runTask", "complete"), unfinished);
        JsonNode agentStart = trace.starts.get(0);
        JsonNode llmStart = trace.starts.get(2);
        assertEquals(agentStart.get("span"), llmStart.get("parent"), "the hung call's parent is the agent call");
        assertEquals(agentStart.get("span"), trace.spans.get(0).get("parent"));

        ChildJvm.Result summary = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "summary", traces.toString()).run(dir.resolve("summary"));
        assertEquals(0, summary.exitCode(), summary.stderr());
        String out = summary.stdout();
        assertTrue(out.contains("RUNNING"), out);
        assertTrue(out.contains("StuckChatClient.complete"), out);
        assertTrue(out.contains("Unfinished calls (2)"), out);
    }
}
