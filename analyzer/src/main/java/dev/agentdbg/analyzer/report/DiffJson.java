package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.diff.RunDiff;
import java.io.PrintWriter;

/** Renders the {@code diff} command's JSON document; its shape is documented in docs/analyzer.md. */
public final class DiffJson {

    private DiffJson() {
    }

    public static void render(RunDiff d, PrintWriter out) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("schema", JsonReport.SCHEMA);
        root.set("a", side(d.a()));
        root.set("b", side(d.b()));
        root.put("bReplaysA", d.isReplayOfA());
        root.put("sameCalls", d.sameCalls());
        ArrayNode notes = root.putArray("notes");
        d.notes().forEach(notes::add);
        RunDiff.Divergence v = d.divergence();
        if (v == null) {
            root.putNull("divergence");
        } else {
            ObjectNode n = root.putObject("divergence");
            n.put("trace", v.trace());
            n.put("traceA", v.traceA());
            n.put("traceB", v.traceB());
            n.put("why", v.why());
            ArrayNode path = n.putArray("path");
            v.path().forEach(path::add);
            n.put("a", v.a());
            n.put("b", v.b());
        }
        ArrayNode methods = root.putArray("methods");
        for (RunDiff.MethodRow m : d.methods()) {
            methods.addObject().put("method", m.method()).put("callsA", m.callsA()).put("callsB", m.callsB())
                    .put("delta", m.delta()).put("added", m.added()).put("removed", m.removed())
                    .put("p50NanosA", m.p50A()).put("p50NanosB", m.p50B())
                    .put("meanNanosA", m.meanA()).put("meanNanosB", m.meanB());
        }
        ArrayNode models = root.putArray("models");
        for (RunDiff.ModelRow m : d.models()) {
            models.addObject().put("model", m.model()).put("provider", m.provider())
                    .put("callsA", m.callsA()).put("callsB", m.callsB())
                    .put("inputTokensA", m.inputA()).put("inputTokensB", m.inputB())
                    .put("outputTokensA", m.outputA()).put("outputTokensB", m.outputB());
        }
        ArrayNode tools = root.putArray("toolChanges");
        for (RunDiff.ToolChange c : d.toolChanges()) {
            tools.addObject().put("method", c.method()).put("args", c.args()).put("resultA", c.resultA())
                    .put("resultB", c.resultB()).put("callsA", c.callsA()).put("callsB", c.callsB());
        }
        JsonReport.write(root, out);
    }

    private static ObjectNode side(RunDiff.Side s) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("runId", s.runId()).put("mode", s.mode()).put("replayOf", s.replayOf()).put("spans", s.spans())
                .put("keptSpans", s.keptSpans()).put("traces", s.traces()).put("cut", s.cut());
        ArrayNode notes = n.putArray("notes");
        s.notes().forEach(notes::add);
        return n;
    }
}
