package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * {@code profile_summary.json} of a bundle: the pieces of the summary document ({@link JsonReport}) for the selected
 * spans: run, wall, span counts, LLM totals, breakdowns, slowest spans and errors. The timeline, the unfinished calls
 * and the parallel work are left out.
 */
public final class BundleJson {

    private BundleJson() {
    }

    /** @param selection the selection in words */
    public static String profile(Summary scope, String selection, long selectedSpans) {
        ObjectNode summary = JsonReport.toJson(scope);
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("schema", JsonReport.SCHEMA);
        root.put("selection", selection);
        root.put("selectedSpans", selectedSpans);
        for (String key : new String[] {"run", "wall", "agentStats", "warnings", "spans", "llm", "breakdown",
            "slowest", "errors"}) {
            JsonNode v = summary.get(key);
            root.set(key, v);
        }
        ObjectNode run = (ObjectNode) root.get("run");
        if (run != null) {
            // The configuration is in the trace; it says nothing about the failure and is left out for brevity.
            run.remove("config");
        }
        StringWriter text = new StringWriter();
        JsonReport.write(root, new PrintWriter(text));
        return text.toString();
    }
}
