package dev.agentdbg.analyzer.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanError;
import java.util.Iterator;
import java.util.Map;

/**
 * One span of {@code spans_excerpt.jsonl}: the trace's span record with its method resolved, and every string
 * longer than {@link #MAX_STRING} characters cut to its start plus a marker. Values are only copied from the trace
 * (already redacted by the agent) and cut, never added to.
 */
public final class Excerpt {

    /** Strings longer than this (characters) are cut. */
    public static final int MAX_STRING = 2048;
    /** A span line longer than this (characters) loses its args and result, replaced by a marker. */
    public static final int MAX_LINE = 16 * 1024;
    /** Array elements and object fields kept per container; the rest are counted in a marker. */
    static final int MAX_ELEMENTS = 50;
    static final String MARKER = "...[agentdbg bundle: cut, %d chars in all]";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Excerpt() {
    }

    /** The excerpt of {@code span} as one JSON line (no newline). */
    public static String line(Span span, MethodInfo method) {
        ObjectNode n = NODES.objectNode();
        n.put("type", "span");
        n.put("trace", span.trace());
        n.put("span", span.idHex());
        n.put("parent", span.parentHex());
        n.put("name", CallNames.label(method, span.attrs()));
        n.put("class", method.className());
        n.put("method", method.method());
        n.put("kind", method.kind());
        n.put("component", method.component());
        n.put("source", method.sourceLocation());
        n.put("thread", span.thread());
        n.put("start", span.start());
        n.put("dur", span.dur());
        n.put("status", span.isError() ? "error" : "ok");
        if (span.async()) {
            n.put("async", true);
        }
        if (span.isError()) {
            n.set("error", error(span.error()));
        }
        if (!span.attrs().isEmpty()) {
            ObjectNode attrs = n.putObject("attrs");
            span.attrs().asMap().forEach((k, v) -> attrs.set(k, cut(v)));
        }
        if (!span.args().isEmpty()) {
            ArrayNode args = n.putArray("args");
            span.args().forEach(a -> args.add(cut(a)));
        }
        if (span.result() != null) {
            n.set("result", cut(span.result()));
        }
        String text = n.toString();
        if (text.length() > MAX_LINE && (n.has("args") || n.has("result"))) {
            int payload = (n.has("args") ? n.get("args").toString().length() : 0)
                    + (n.has("result") ? n.get("result").toString().length() : 0);
            n.remove("args");
            n.remove("result");
            n.put("payloadCut", "args and result left out: " + payload + " chars after cutting strings");
            text = n.toString();
        }
        return text;
    }

    private static ObjectNode error(SpanError e) {
        ObjectNode n = NODES.objectNode();
        n.put("type", e.type());
        n.set("message", e.message() == null ? NODES.nullNode() : cut(TextNode.valueOf(e.message())));
        ArrayNode stack = n.putArray("stack");
        e.stack().forEach(stack::add);
        if (e.framesOmitted() > 0) {
            n.put("framesOmitted", e.framesOmitted());
        }
        if (e.causeType() != null) {
            n.putObject("cause").put("type", e.causeType())
                    .set("message", e.causeMessage() == null ? NODES.nullNode()
                            : cut(TextNode.valueOf(e.causeMessage())));
        }
        return n;
    }

    /** {@code value} with long strings cut and long containers shortened, at any depth. */
    public static JsonNode cut(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return TextNode.valueOf(cut(value.asText()));
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            int i = 0;
            for (JsonNode e : value) {
                if (i++ == MAX_ELEMENTS) {
                    out.add(String.format("...[agentdbg bundle: cut, %d elements in all]", value.size()));
                    break;
                }
                out.add(cut(e));
            }
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = NODES.objectNode();
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (i++ == MAX_ELEMENTS) {
                    out.put("...", String.format("[agentdbg bundle: cut, %d fields in all]", value.size()));
                    break;
                }
                out.set(f.getKey(), cut(f.getValue()));
            }
            return out;
        }
        return value;
    }

    /** {@code text} itself, or its first {@link #MAX_STRING} characters and a marker that gives its length. */
    public static String cut(String text) {
        if (text == null || text.length() <= MAX_STRING) {
            return text;
        }
        int end = MAX_STRING;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + String.format(MARKER, text.length());
    }

    /** A payload value as one short line for the narrative, or {@code null}. */
    static String preview(JsonNode value, int max) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String s = value.isTextual() ? value.asText() : value.toString();
        s = s.replaceAll("\\s+", " ").strip();
        return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }

}
