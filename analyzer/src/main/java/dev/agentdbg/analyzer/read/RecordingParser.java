package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.analyzer.model.DetValues;
import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.PlanEntry;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the records of record and replay mode ({@code exchange}, {@code value}, {@code det}, {@code replayed},
 * {@code divergence}, and the run record's {@code replayPlan}) into model objects, following docs/trace-format.md.
 *
 * <p>Bodies and serialized values are never kept: the reader has already left them out of the tree (see
 * {@link TraceReader}), and only what the reports show (call numbers, endpoints, keys, reasons) is read.
 */
final class RecordingParser {

    /** Lines of a divergence's diff kept for the summary; the trace has the rest. */
    static final int DIFF_HEAD_LINES = 4;
    private static final int DIFF_LINE_CHARS = 200;

    private RecordingParser() {
    }

    static Exchange exchange(JsonNode n, FieldSink fields) throws InvalidRecordException {
        Fields f = new Fields("exchange", fields);
        long call = RecordParser.number(n, "call");
        long span = n.hasNonNull("span") ? RecordParser.spanId(n, "span") : 0;
        JsonNode request = n.path("request");
        JsonNode response = n.path("response");
        String endpoint = f.text(n, "endpoint");
        if (endpoint == null) {
            String method = RecordParser.text(request, "method");
            endpoint = method == null ? "(unknown endpoint)" : method + " " + path(RecordParser.text(request, "url"));
        }
        Integer status = null;
        if (response.isObject()) {
            long s = new Fields("exchange response", fields).number(response, "status", -1);
            status = s < 0 ? 0 : (int) s;
        }
        String cut = f.text(n, "cut");
        boolean complete = f.bool(n, "complete") && cut == null;
        return new Exchange(call, span, f.text(n, "client"), endpoint, complete, cut, error(n.path("error")),
                status, RecordParser.text(request, "bodyMissing"));
    }

    static RecordedValue value(JsonNode n, FieldSink fields) throws InvalidRecordException {
        Fields f = new Fields("value", fields);
        long span = n.hasNonNull("span") ? RecordParser.spanId(n, "span") : 0;
        int method = f.integer(n, "method") == null ? -1 : f.integer(n, "method");
        String key = f.text(n, "key");
        if (key == null && method < 0) {
            throw new InvalidRecordException("neither 'key' nor 'method'");
        }
        // The reader drops the serialized value itself; it leaves a marker that it was there.
        boolean rebuildable = n.has("kryo") && !n.path("kryo").isNull();
        return new RecordedValue(span, method, f.text(n, "rule"), orDefault(f.text(n, "kind"), "custom"),
                key != null ? key : "method #" + method, orDefault(f.text(n, "outcome"), "return"),
                f.text(n, "class"), rebuildable, f.text(n, "unrebuildable"), f.text(n, "cut"));
    }

    static DetValues det(JsonNode n, FieldSink fields) {
        Fields f = new Fields("det", fields);
        String what = orDefault(f.text(n, "what"), "(unknown)");
        long values = n.path("values").size();
        return new DetValues(orDefault(f.text(n, "site"), "(unknown site)"), what,
                "uuid".equals(what) ? values / 2 : values);
    }

    static Replayed replayed(JsonNode n, FieldSink fields) throws InvalidRecordException {
        Fields f = new Fields("replayed", fields);
        return new Replayed(RecordParser.spanId(n, "span"), f.number(n, "call", 0), orDefault(f.text(n, "kind"), "llm"),
                orDefault(f.text(n, "source"), "recording"), f.text(n, "key"));
    }

    static Divergence divergence(JsonNode n, FieldSink fields) {
        Fields f = new Fields("divergence", fields);
        long span = 0;
        try {
            span = n.hasNonNull("span") ? RecordParser.spanId(n, "span") : 0;
        } catch (InvalidRecordException e) {
            f.report("span", "is not 16 lowercase hex digits", "ignored");
        }
        String diff = orDefault(f.text(n, "diff"), "");
        List<String> head = new ArrayList<>();
        List<String> all = diff.lines().toList();
        for (String line : all.subList(0, Math.min(DIFF_HEAD_LINES, all.size()))) {
            head.add(line.length() > DIFF_LINE_CHARS ? line.substring(0, DIFF_LINE_CHARS - 3) + "..." : line);
        }
        return new Divergence(f.number(n, "call", 0), span, orDefault(f.text(n, "kind"), "llm"), f.text(n, "key"),
                head, all.size());
    }

    /** The run record's {@code replayPlan}; empty when absent. */
    static List<PlanEntry> plan(JsonNode array, Fields f) {
        List<PlanEntry> out = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            f.report("replayPlan", "is not an array", "ignored");
            return out;
        }
        for (JsonNode e : array) {
            if (!e.isObject()) {
                f.report("replayPlan", "has an entry that is not an object", "entry ignored");
                continue;
            }
            out.add(new PlanEntry(orDefault(RecordParser.text(e, "kind"), "llm"),
                    orDefault(RecordParser.text(e, "key"), "(no key)"), f.number(e, "recorded", 0),
                    f.number(e, "served", 0), f.number(e, "unservable", 0), RecordParser.texts(e.path("reasons"))));
        }
        return out;
    }

    private static String error(JsonNode e) {
        if (!e.isObject()) {
            return null;
        }
        String type = RecordParser.text(e, "type");
        String message = RecordParser.text(e, "message");
        return (type == null ? "unknown error" : type) + (message == null ? "" : ": " + message);
    }

    /** The path of a URL, without scheme, host, port and query: what endpoints are named by. */
    private static String path(String url) {
        if (url == null) {
            return "?";
        }
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        String path = slash < 0 ? "/" : url.substring(slash);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
