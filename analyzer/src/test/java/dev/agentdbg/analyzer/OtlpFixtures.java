package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads exports back with the official OTLP proto classes, and the spans a trace file holds, to compare them. */
final class OtlpFixtures {

    /** What a trace file says about one span, read with Jackson straight from its line. */
    record TraceSpan(String trace, String span, String parent, long start, long end, String status, JsonNode line) {
    }

    private OtlpFixtures() {
    }

    /** Every span record of {@code file}, by span id, in file order. */
    static Map<String, TraceSpan> traceSpans(Path file) {
        Map<String, TraceSpan> spans = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                JsonNode n = Traces.JSON.readTree(line);
                if ("span".equals(n.path("type").asText())) {
                    long start = n.path("start").asLong();
                    spans.put(n.path("span").asText(), new TraceSpan(n.path("trace").asText(),
                            n.path("span").asText(), n.path("parent").asText(""), start,
                            start + n.path("dur").asLong(), n.path("status").asText(), n));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }

    /**
     * Each line parsed by protobuf's JsonFormat into an ExportTraceServiceRequest, strictly (an unknown field
     * fails). OTLP JSON writes ids as hex where proto3 JSON expects base64; hex digits are base64 characters, so
     * JsonFormat reads them as other bytes, and {@link #id} turns those back into the hex that was written.
     */
    static List<ExportTraceServiceRequest> parseJsonLines(String text) {
        List<ExportTraceServiceRequest> requests = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
            try {
                JsonFormat.parser().merge(line, b);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("not an ExportTraceServiceRequest: " + e.getMessage() + "\n" + line, e);
            }
            requests.add(b.build());
        }
        return requests;
    }

    /** An id as written in OTLP JSON (hex), from the bytes JsonFormat decoded it into as base64. */
    static String id(ByteString jsonDecoded) {
        return Base64.getEncoder().encodeToString(jsonDecoded.toByteArray());
    }

    /** An id of a binary (protobuf) request, as hex. */
    static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    static List<Span> spans(List<ExportTraceServiceRequest> requests) {
        List<Span> spans = new ArrayList<>();
        for (ExportTraceServiceRequest r : requests) {
            for (ResourceSpans rs : r.getResourceSpansList()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    spans.addAll(ss.getSpansList());
                }
            }
        }
        return spans;
    }

    static Map<String, AnyValue> attributes(List<KeyValue> kvs) {
        Map<String, AnyValue> map = new LinkedHashMap<>();
        kvs.forEach(kv -> map.put(kv.getKey(), kv.getValue()));
        return map;
    }

    static void assertString(String expected, Map<String, AnyValue> attrs, String key) {
        assertEquals(expected, attrs.containsKey(key) ? attrs.get(key).getStringValue() : null, key + " in " + attrs);
    }
}
