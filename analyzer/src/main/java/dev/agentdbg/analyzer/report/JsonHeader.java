package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.summary.Summary;
import java.util.List;

/** The start that the commands' JSON documents share: schema, what was read, and the warnings so far. */
final class JsonHeader {

    private JsonHeader() {
    }

    /** A document with {@code schema}, {@code input} and {@code warnings} (the input's notes, the reader's). */
    static ObjectNode document(Summary.Selection sel, ReadReport read, List<String> notes) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("schema", JsonReport.SCHEMA);
        ObjectNode input = root.putObject("input");
        input.put("path", sel.input().toString());
        input.put("runId", sel.runId());
        ArrayNode others = input.putArray("otherRuns");
        sel.otherRunIds().forEach(others::add);
        input.put("linesSkipped", read.skippedTotal());
        ArrayNode skipped = input.putArray("skippedLines");
        for (SkippedLine l : read.skipped()) {
            skipped.addObject().put("file", l.file().toString()).put("line", l.line()).put("reason", l.reason());
        }
        ArrayNode warnings = root.putArray("warnings");
        notes.forEach(warnings::add);
        read.notes().forEach(warnings::add);
        return root;
    }
}
