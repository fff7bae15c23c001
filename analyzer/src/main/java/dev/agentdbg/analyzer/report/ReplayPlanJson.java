package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.replay.ReplayPlan;
import java.io.PrintWriter;
import java.util.List;

/**
 * Renders the {@code replay-plan --json} document. Each entry of {@code plan} has the fields of the {@code replayPlan}
 * a replay writes into its run record ({@code kind}, {@code key}, {@code recorded}, {@code served},
 * {@code unservable}, {@code reasons}) and a few more, so the plan and the replay's pre-flight can be compared.
 */
public final class ReplayPlanJson {

    private ReplayPlanJson() {
    }

    public static void render(ReplayPlan plan, String runId, String input, ReadReport read, List<String> notes,
                              PrintWriter out) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("schema", JsonReport.SCHEMA);
        ObjectNode in = root.putObject("input");
        in.put("path", input);
        in.put("runId", runId);
        ArrayNode files = in.putArray("files");
        for (ReadReport.FileRead f : read.files()) {
            files.addObject().put("path", f.path().toString()).put("part", f.part()).put("lines", f.lines());
        }
        in.put("linesSkipped", read.skippedTotal());
        root.put("mode", plan.run() == null ? null : plan.run().mode());
        ObjectNode settings = root.putObject("settings");
        ArrayNode kinds = settings.putArray("kinds");
        plan.kinds().forEach(kinds::add);
        settings.put("until", plan.until());
        ArrayNode entries = root.putArray("plan");
        for (ReplayPlan.Group g : plan.llm()) {
            group(entries.addObject(), g);
        }
        for (ReplayPlan.Group g : plan.values()) {
            group(entries.addObject(), g);
        }
        ArrayNode lost = root.putArray("lostLines");
        for (ReplayPlan.LostLine l : plan.lost()) {
            ObjectNode n = lost.addObject();
            n.put("file", l.file().toString());
            n.put("line", l.line());
            n.put("reason", l.reason());
            n.put("held", l.type());
            n.put("call", l.call() > 0 ? l.call() : null);
            n.put("key", l.key());
        }
        root.put("lostLinesTotal", plan.lostTotal());
        ArrayNode missing = root.putArray("missingCalls");
        plan.missing().forEach(missing::add);
        root.put("missingCallsTotal", plan.missingTotal());
        ArrayNode det = root.putArray("deterministic");
        plan.det().forEach(d -> det.addObject().put("what", d.what()).put("sites", d.sites())
                .put("values", d.values()));
        ArrayNode warnings = root.putArray("warnings");
        notes.forEach(warnings::add);
        read.notes().forEach(warnings::add);
        plan.notes().forEach(warnings::add);
        JsonReport.write(root, out);
    }

    private static void group(ObjectNode n, ReplayPlan.Group g) {
        n.put("kind", g.kind());
        n.put("key", g.key());
        n.put("rule", g.rule());
        n.put("recorded", g.recorded());
        n.put("replayable", g.replayable());
        n.put("served", g.served());
        n.put("unservable", g.unservable());
        n.put("live", g.live());
        n.put("liveReason", g.liveReason());
        ArrayNode reasons = n.putArray("reasons");
        g.notServed().forEach(reasons::add);
    }
}
