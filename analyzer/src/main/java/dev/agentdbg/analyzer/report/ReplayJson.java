package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.PlanEntry;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.replay.ReplayFacts;

/** The summary document's {@code replay} object: what a record or replay run recorded or served. */
final class ReplayJson {

    private ReplayJson() {
    }

    /** {@code null} for a run in trace mode. */
    static ObjectNode facts(ReplayFacts r) {
        if (r == null) {
            return null;
        }
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("mode", r.mode());
        n.put("replayOf", r.replayOf());
        ObjectNode recorded = n.putObject("recorded");
        recorded.put("exchanges", r.exchanges());
        recorded.put("exchangesUnservable", r.exchangesUnservable());
        recorded.put("values", r.values());
        recorded.put("valuesUnservable", r.valuesUnservable());
        recorded.put("deterministicSites", r.detSites());
        if (!r.isReplay()) {
            return n;
        }
        ObjectNode served = n.putObject("served");
        served.put("llmCalls", r.llmCalls());
        served.put("llmServed", r.llmServed());
        served.put("toolServed", r.toolServed());
        served.put("overrides", r.overrides());
        n.put("diverged", r.divergenceCount());
        ArrayNode divergences = n.putArray("divergences");
        for (Divergence d : r.divergences()) {
            ObjectNode dn = divergences.addObject();
            dn.put("call", d.call());
            dn.put("span", d.span() == 0 ? null : Span.hex(d.span()));
            dn.put("kind", d.kind());
            dn.put("key", d.key());
            ArrayNode head = dn.putArray("diffHead");
            d.diffHead().forEach(head::add);
            dn.put("diffLines", d.diffLines());
        }
        ArrayNode plan = n.putArray("plan");
        for (PlanEntry e : r.plan()) {
            ObjectNode pn = plan.addObject();
            pn.put("kind", e.kind());
            pn.put("key", e.key());
            pn.put("recorded", e.recorded());
            pn.put("served", e.served());
            pn.put("unservable", e.unservable());
            ArrayNode reasons = pn.putArray("reasons");
            e.reasons().forEach(reasons::add);
        }
        return n;
    }
}
