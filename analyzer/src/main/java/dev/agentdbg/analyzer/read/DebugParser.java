package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.analyzer.model.DebugEvent;

/** Reads a {@code debug} record (the live debugger's pauses, releases, warnings, edits); every field is optional. */
final class DebugParser {
    private DebugParser() {
    }

    static DebugEvent debug(JsonNode n, FieldSink fields) {
        Fields f = new Fields("debug", fields);
        long span = 0;
        try {
            span = n.hasNonNull("span") ? RecordParser.spanId(n, "span") : 0;
        } catch (InvalidRecordException e) {
            f.report("span", "is not 16 lowercase hex digits", "ignored");
        }
        String event = f.text(n, "event");
        return new DebugEvent(event == null ? "?" : event, f.number(n, "time", 0), span, f.text(n, "thread"),
                f.text(n, "at"), f.text(n, "breakpoint"), f.text(n, "command"), f.text(n, "reason"),
                f.number(n, "pausedNanos", -1), f.text(n, "text"), f.text(n, "target"), f.text(n, "before"),
                f.text(n, "after"));
    }
}
