package com.acme.it.reliability;

import com.acme.it.apps.LockedPayloadApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, item 2: capture never takes an application's monitor. A tool gets a Vector, Hashtable,
 * StringBuffer, synchronized wrappers, a Stack and Properties while another application thread holds
 * each one's monitor for 20 s: every call returns while the monitors are still held, and the trace
 * shows their content (read by fields).
 */
class CaptureNeverBlocksIT {
    @Test
    void aToolWhoseArgumentsMonitorsAreHeldReturnsAtOnceAndItsContentIsCaptured(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.of(dir, traces,
                "agentdbg.rule.sink.match=com.acme.it.apps.LockedPayloadApp$Sink",
                "agentdbg.rule.sink.kind=tool");

        ChildJvm.Result run = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(LockedPayloadApp.class).run(dir);

        run.assertSuccess();
        assertTrue(run.stdout().contains("all-returned=true"), "a capture waited for a monitor:\n" + run.stdout());
        assertTrue(run.stdout().contains("held-during-calls=true"), run.stdout());

        Trace trace = Trace.readSingleRun(traces);
        trace.assertAgentHealthy();
        List<JsonNode> takes = new ArrayList<>(trace.spansOf("LockedPayloadApp$Sink#take"));
        assertEquals(8, takes.size(), trace.names(takes));
        // Calls run on one thread each, in order: the spans' start times give the order.
        takes.sort((a, b) -> Long.compare(a.get("start").asLong(), b.get("start").asLong()));
        assertEquals("[\"v1\",\"v2\"]", arg(takes.get(0)).toString());
        assertEquals("one", arg(takes.get(1)).get("h1").asText(), arg(takes.get(1)).toString());
        assertEquals("buffered text \u00e9\u4e16", arg(takes.get(2)).asText());
        assertEquals("plain latin", arg(takes.get(3)).asText());
        assertEquals("[\"s1\",\"s2\"]", arg(takes.get(4)).toString());
        assertEquals("one", arg(takes.get(5)).get("m1").asText(), arg(takes.get(5)).toString());
        assertEquals("[\"st1\"]", arg(takes.get(6)).toString());
        assertEquals("one", arg(takes.get(7)).get("p1").asText(), arg(takes.get(7)).toString());
    }

    private static JsonNode arg(JsonNode span) {
        return span.get("args").get(0);
    }
}
