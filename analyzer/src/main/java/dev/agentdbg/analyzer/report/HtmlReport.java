package dev.agentdbg.analyzer.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanAttributes;
import dev.agentdbg.analyzer.summary.Summary;
import java.io.BufferedReader;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the self-contained HTML report: the UI's source files (resources under {@code report/ui/}) inlined into
 * the page, and the run's data as one JSON document in a {@code <script type="application/json">} element.
 *
 * <p>The page's script reads that document through a data source ({@code report/ui/data.js}); the live debugger
 * will feed the same UI from a connection instead. The JSON shape is documented in docs/analyzer.md.
 */
public final class HtmlReport {

    /** Version of the embedded data's shape. */
    public static final int SCHEMA = 1;

    private static final String UI = "ui/";
    private static final String INLINE = "/*@inline ";
    private static final String DATA = "/*@data*/";

    /** What the page draws, besides the summary: chosen by the report command. */
    /**
     * @param otherTraces traces of the run not drawn, as the summary counted them (a trace whose root never ended
     *                    counts too, though it cannot be listed by its root)
     */
    public record Drawn(ReportSpans spans, boolean large, int maxSpans, long runSpans,
                        Map<String, List<String>> shownAs, long otherTraces) {
    }

    private HtmlReport() {
    }

    /** Writes the page to {@code out} (not closed). */
    public static void write(Summary summary, Drawn drawn, Writer out) throws IOException {
        try (BufferedReader template = resource("report.html")) {
            String line;
            while ((line = template.readLine()) != null) {
                String t = line.strip();
                if (t.startsWith(INLINE) && t.endsWith("*/")) {
                    inline(t.substring(INLINE.length(), t.length() - 2).strip(), out);
                } else if (t.contains(DATA)) {
                    int at = line.indexOf(DATA);
                    out.write(line, 0, at);
                    data(summary, drawn, new ScriptSafe(out));
                    out.write(line, at + DATA.length(), line.length() - at - DATA.length());
                    out.write('\n');
                } else {
                    out.write(line);
                    out.write('\n');
                }
            }
        }
        out.flush();
    }

    private static BufferedReader resource(String name) {
        InputStream in = HtmlReport.class.getResourceAsStream(UI + name);
        if (in == null) {
            throw new IllegalStateException("missing UI resource " + UI + name);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Copies a UI source file; one holding a closing tag would end its element early, so that is a bug here. */
    private static void inline(String name, Writer out) throws IOException {
        try (BufferedReader in = resource(name)) {
            String line;
            while ((line = in.readLine()) != null) {
                String lower = line.toLowerCase();
                if (lower.contains("</script") || lower.contains("</style")) {
                    throw new IllegalStateException(UI + name + " contains a closing script or style tag");
                }
                out.write(line);
                out.write('\n');
            }
        }
    }

    private static void data(Summary summary, Drawn drawn, Writer out) throws IOException {
        long t0 = summary.wall().start();
        JsonGenerator g = JsonReport.MAPPER.getFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeStringField("format", "agentdbg-report");
        g.writeNumberField("schema", SCHEMA);
        ObjectNode summaryJson = JsonReport.toJson(summary);
        // The page draws its own timeline from the spans below; the summary's text-sized one would repeat it.
        summaryJson.remove("timeline");
        g.writeFieldName("summary");
        JsonReport.MAPPER.writeTree(g, summaryJson);
        g.writeFieldName("llm");
        JsonReport.MAPPER.writeTree(g, LlmJson.toJson(summary));

        ReportSpans spans = drawn.spans();
        g.writeObjectFieldStart("view");
        g.writeNumberField("t0Nanos", t0);
        g.writeNumberField("endOffsetNanos", summary.wall().end() - t0);
        g.writeBooleanField("large", drawn.large());
        g.writeNumberField("maxSpans", drawn.maxSpans());
        g.writeNumberField("runSpans", drawn.runSpans());
        g.writeNumberField("notDrawn", spans.notDrawn());
        g.writeEndObject();

        g.writeObjectFieldStart("methods");
        for (MethodInfo m : spans.methods().values()) {
            g.writeObjectFieldStart(Integer.toString(m.id()));
            g.writeStringField("class", m.className());
            g.writeStringField("method", m.method());
            g.writeStringField("kind", m.kind());
            g.writeStringField("component", m.component());
            g.writeStringField("source", m.sourceLocation());
            g.writeEndObject();
        }
        g.writeEndObject();

        g.writeObjectFieldStart("traces");
        for (Map.Entry<String, List<String>> e : drawn.shownAs().entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String why : e.getValue()) {
                g.writeString(why);
            }
            g.writeEndArray();
        }
        g.writeEndObject();

        g.writeArrayFieldStart("spans");
        for (Span s : spans.spans()) {
            span(g, s, spans.method(s.method()), t0, s.isError() ? "error" : "ok");
            String served = summary.servedFrom(s);
            if (served != null) {
                g.writeStringField("replayed", served);
            }
            if (!s.args().isEmpty()) {
                g.writeArrayFieldStart("args");
                for (JsonNode a : s.args()) {
                    JsonReport.MAPPER.writeTree(g, a);
                }
                g.writeEndArray();
            }
            if (s.result() != null) {
                g.writeFieldName("result");
                JsonReport.MAPPER.writeTree(g, s.result());
            }
            if (s.isError()) {
                g.writeFieldName("error");
                JsonReport.MAPPER.writeTree(g, JsonReport.error(s.error()));
            }
            g.writeEndObject();
        }
        long end = summary.wall().end();
        for (CallStart c : spans.unfinished()) {
            span(g, c.asSpan(Math.max(0, end - c.start())), spans.method(c.method()), t0, "running");
            if (!c.args().isEmpty()) {
                g.writeArrayFieldStart("args");
                for (JsonNode a : c.args()) {
                    JsonReport.MAPPER.writeTree(g, a);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();

        g.writeObjectFieldStart("otherTraces");
        g.writeNumberField("total", Math.max(drawn.otherTraces(), spans.listed().size()));
        g.writeArrayFieldStart("listed");
        for (ReportSpans.ListedTrace t : spans.listed()) {
            span(g, t.root(), t.method(), t0, t.root().isError() ? "error" : "ok");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
    }

    /** Opens a span's object and writes its fields but the payload; times are nanoseconds from the run's start. */
    private static void span(JsonGenerator g, Span s, MethodInfo m, long t0, String status) throws IOException {
        g.writeStartObject();
        g.writeStringField("trace", s.trace());
        g.writeStringField("id", s.idHex());
        g.writeStringField("parent", s.parentHex());
        g.writeNumberField("method", s.method());
        g.writeStringField("name", CallNames.label(m, s.attrs()));
        g.writeStringField("kind", m.kind());
        g.writeStringField("thread", s.thread());
        g.writeNumberField("start", s.start() - t0);
        g.writeNumberField("dur", s.dur());
        g.writeStringField("status", status);
        if (s.async()) {
            g.writeBooleanField("async", true);
        }
        SpanAttributes attrs = s.attrs();
        if (!attrs.isEmpty()) {
            g.writeObjectFieldStart("attrs");
            for (Map.Entry<String, JsonNode> a : attrs.asMap().entrySet()) {
                g.writeFieldName(a.getKey());
                JsonReport.MAPPER.writeTree(g, a.getValue());
            }
            g.writeEndObject();
        }
    }

    /**
     * Escapes {@code <} as {@code \u003c}: inside a script element the JSON must never read as {@code </script>} or
     * {@code <!--}. In JSON a {@code <} can only stand inside a string, where the escape means the same character.
     */
    static final class ScriptSafe extends FilterWriter {

        ScriptSafe(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            if (c == '<') {
                out.write("\\u003c");
            } else {
                out.write(c);
            }
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            int from = off;
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '<') {
                    out.write(buf, from, i - from);
                    out.write("\\u003c");
                    from = i + 1;
                }
            }
            out.write(buf, from, off + len - from);
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            write(s.toCharArray(), off, len);
        }

        /** The page's writer belongs to the caller: closing the JSON leaves it open. */
        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
