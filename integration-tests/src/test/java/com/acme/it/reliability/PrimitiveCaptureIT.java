package com.acme.it.reliability;

import com.acme.it.apps.PrimitiveToolApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tool whose parameters and result are all primitive is captured without boxing on the
 * application thread (see the allocation figures in docs/performance.md); the trace shows the
 * same values, types and start records as any captured call.
 */
class PrimitiveCaptureIT {
    @Test
    void primitiveArgumentsAndResultsAreCapturedExactly(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.of(dir, traces,
                "agentdbg.rule.numbers.match=com.acme.it.apps.PrimitiveToolApp$Numbers",
                "agentdbg.rule.numbers.kind=tool");

        ChildJvm.Result run = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(PrimitiveToolApp.class).run(dir);

        run.assertSuccess();
        assertTrue(run.stdout().contains("sum=116"), run.stdout());
        Trace trace = Trace.readSingleRun(traces);
        trace.assertAgentHealthy();

        JsonNode mix = Trace.single(trace.spansOf("PrimitiveToolApp$Numbers#mix"));
        assertEquals("[40,1.5,true,\"A\"]", mix.get("args").toString());
        assertEquals(107, mix.get("result").asLong());
        JsonNode mixStart = trace.starts.stream().filter(s -> s.get("span").equals(mix.get("span"))).findFirst()
                .orElseThrow();
        assertEquals("[40,1.5,true,\"A\"]", mixStart.get("args").toString());
        assertFalse(mixStart.has("result"));

        JsonNode add = Trace.single(trace.spansOf("PrimitiveToolApp$Numbers#add"));
        assertEquals("[1,2,3]", add.get("args").toString());
        assertEquals(6, add.get("result").asInt());
        JsonNode half = Trace.single(trace.spansOf("PrimitiveToolApp$Numbers#half"));
        assertEquals("[5.0]", half.get("args").toString());
        assertEquals(2.5, half.get("result").asDouble());
        JsonNode touch = Trace.single(trace.spansOf("PrimitiveToolApp$Numbers#touch"));
        assertEquals("[9]", touch.get("args").toString());
        assertFalse(touch.has("result"), touch.toString());

        JsonNode fail = Trace.single(trace.spansOf("PrimitiveToolApp$Numbers#fail"));
        assertEquals("error", fail.get("status").asText());
        assertEquals("[7]", fail.get("args").toString());
        assertTrue(fail.get("error").toString().contains("code 7"), fail.toString());
        assertFalse(fail.has("result"), fail.toString());
    }
}
