package dev.agentdbg.analyzer;

import static dev.agentdbg.analyzer.OtlpFixtures.assertString;
import static dev.agentdbg.analyzer.OtlpFixtures.attributes;
import static dev.agentdbg.analyzer.OtlpFixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --format otlp-json}, read back with the official OTLP proto classes through protobuf's JsonFormat. */
class ExportOtlpJsonTest {

    static final Path DEMO = Path.of("src/test/resources/demo/20261202-010135-26066-ac42.jsonl");

    @TempDir
    Path dir;

    @Test
    void demoSpansKeepTheirIdsParentsAndTimesInBatchedLines() {
        Cli.Result r = Cli.run("export", DEMO.toString(), "--batch-size", "10");
        assertEquals(0, r.exitCode(), r.err());
        List<ExportTraceServiceRequest> requests = OtlpFixtures.parseJsonLines(r.out());
        assertEquals(3, requests.size(), "26 spans in lines of 10");
        assertEquals(3, r.out().split("\n").length, "one request per line");

        ResourceSpans rs = requests.get(0).getResourceSpans(0);
        Map<String, AnyValue> resource = attributes(rs.getResource().getAttributesList());
        assertString("agentdbg-demo", resource, "service.name");
        assertString("20261202-010135-26066-ac42", resource, "agentdbg.run.id");
        assertEquals(26066, resource.get("process.pid").getIntValue());
        assertEquals("dev.agentdbg", rs.getScopeSpans(0).getScope().getName());

        Map<String, OtlpFixtures.TraceSpan> expected = OtlpFixtures.traceSpans(DEMO);
        List<Span> spans = OtlpFixtures.spans(requests);
        assertEquals(expected.size(), spans.size());
        for (Span s : spans) {
            OtlpFixtures.TraceSpan t = expected.get(id(s.getSpanId()));
            assertTrue(t != null, "a span of the trace: " + id(s.getSpanId()));
            assertEquals(t.trace(), id(s.getTraceId()));
            assertEquals(t.parent(), s.getParentSpanId().isEmpty() ? "" : id(s.getParentSpanId()));
            assertEquals(t.start(), s.getStartTimeUnixNano());
            assertEquals(t.end(), s.getEndTimeUnixNano());
            assertEquals("error".equals(t.status()) ? Status.StatusCode.STATUS_CODE_ERROR
                    : Status.StatusCode.STATUS_CODE_UNSET, s.getStatus().getCode(), t.span());
        }
        assertTrue(spans.stream().filter(s -> s.getParentSpanId().isEmpty()).count() >= 2, "the roots of each trace");
    }

    @Test
    void llmSpansCarryTheGenAiAttributesAndToolSpansTheirConventionalName() {
        List<Span> spans = OtlpFixtures.spans(OtlpFixtures.parseJsonLines(Cli.run("export", DEMO.toString()).out()));
        Span llm = spans.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT).findFirst().orElseThrow();
        assertEquals("chat gpt-4o", llm.getName());
        Map<String, AnyValue> a = attributes(llm.getAttributesList());
        assertString("chat", a, "gen_ai.operation.name");
        assertString("openai", a, "gen_ai.provider.name");
        assertString("gpt-4o", a, "gen_ai.request.model");
        assertEquals(339, a.get("gen_ai.usage.input_tokens").getIntValue());
        assertEquals(45, a.get("gen_ai.usage.output_tokens").getIntValue());
        assertEquals("tool_calls", a.get("gen_ai.response.finish_reasons").getArrayValue().getValues(0).getStringValue());
        assertEquals(0.0012975, a.get("agentdbg.cost.usd").getDoubleValue(), 1e-12);
        assertString("com.acme.research.llm.OpenAiClient.complete", a, "code.function.name");
        assertString("llm", a, "agentdbg.kind");
        assertString("main", a, "thread.name");

        Span tool = spans.stream().filter(s -> s.getName().equals("execute_tool calculator")).findFirst().orElseThrow();
        assertString("calculator", attributes(tool.getAttributesList()), "gen_ai.tool.name");
        assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, tool.getKind());
        Span executor = spans.stream().filter(s -> s.getName().equals("ToolExecutor.execute")).findFirst().orElseThrow();
        Map<String, AnyValue> e = attributes(executor.getAttributesList());
        assertTrue(e.get("agentdbg.async").getBoolValue(), "handed to a pool thread");
        assertTrue(e.get("thread.name").getStringValue().startsWith("tool-pool-"));
    }

    @Test
    void aFailedSpanHasStatusErrorAndAnExceptionEvent() {
        Cli.Result r = Cli.run("export", Traces.sample().toString(), "--status", "error");
        assertEquals(0, r.exitCode(), r.err());
        List<Span> spans = OtlpFixtures.spans(OtlpFixtures.parseJsonLines(r.out()));
        assertEquals(1, spans.size(), "the sample's one failed span");
        Span failed = spans.get(0);
        assertEquals("4ebbd0c6d548d393", id(failed.getSpanId()));
        assertEquals(Status.StatusCode.STATUS_CODE_ERROR, failed.getStatus().getCode());
        assertTrue(failed.getStatus().getMessage().startsWith("java.io.IOException: connection reset"));
        assertString("java.io.IOException", attributes(failed.getAttributesList()), "error.type");
        assertEquals(1, failed.getEventsCount());
        Span.Event event = failed.getEvents(0);
        assertEquals("exception", event.getName());
        assertEquals(failed.getEndTimeUnixNano(), event.getTimeUnixNano());
        Map<String, AnyValue> e = attributes(event.getAttributesList());
        assertString("java.io.IOException", e, "exception.type");
        String stack = e.get("exception.stacktrace").getStringValue();
        assertTrue(stack.contains("\n\tat com.acme.research.tools.WebSearchTool.search(WebSearchTool.java:31)"), stack);
    }

    @Test
    void aCallThatNeverEndedIsExportedAsRunningToTheEndOfTheRun() throws Exception {
        List<String> lines = new ArrayList<>(Traces.sampleLines());
        String plannerSpan = lines.stream().filter(l -> l.contains("\"type\":\"span\"")
                && l.contains("\"span\":\"" + Traces.PLANNER_SPAN + "\"")).findFirst().orElseThrow();
        lines.remove(plannerSpan);
        Path file = Traces.write(dir.resolve("killed.jsonl"), lines);
        Cli.Result r = Cli.run("export", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("(1 unfinished)"), r.err());
        List<Span> spans = OtlpFixtures.spans(OtlpFixtures.parseJsonLines(r.out()));
        Span planner = spans.stream().filter(s -> id(s.getSpanId()).equals(Traces.PLANNER_SPAN)).findFirst()
                .orElseThrow();
        assertTrue(attributes(planner.getAttributesList()).get("agentdbg.unfinished").getBoolValue());
        long lastEnd = spans.stream().mapToLong(Span::getEndTimeUnixNano).max().orElseThrow();
        assertEquals(lastEnd, planner.getEndTimeUnixNano(), "runs to the last instant the trace shows");
    }

    @Test
    void filtersNarrowTheSpansAndOutputGoesToTheFileGiven() throws Exception {
        Path out = dir.resolve("llm.otlp.jsonl");
        Cli.Result r = Cli.run("export", DEMO.toString(), "--kind", "llm", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out(), "nothing on stdout when writing a file");
        assertTrue(r.err().startsWith("exported 7 span(s) of run 20261202-010135-26066-ac42 as otlp-json, written to "),
                r.err());
        List<Span> spans = OtlpFixtures.spans(OtlpFixtures.parseJsonLines(Files.readString(out)));
        assertEquals(7, spans.size());
        assertTrue(spans.stream().allMatch(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT));
        assertFalse(Files.exists(dir.resolve("llm.otlp.jsonl.part")));
    }

    @Test
    void aDirectoryOfRunsExportsTheOneChosen() {
        Path demoDir = DEMO.getParent();
        Cli.Result newest = Cli.run("export", demoDir.toString());
        assertEquals(0, newest.exitCode(), newest.err());
        assertTrue(newest.err().contains("of run 20261202-010143-26161-e351"), "the newest, the replay: " + newest.err());
        Cli.Result chosen = Cli.run("export", demoDir.toString(), "--run", "20261202-010135-26066-ac42");
        Map<String, Integer> byRun = new HashMap<>();
        for (ExportTraceServiceRequest req : OtlpFixtures.parseJsonLines(chosen.out())) {
            String run = attributes(req.getResourceSpans(0).getResource().getAttributesList())
                    .get("agentdbg.run.id").getStringValue();
            byRun.merge(run, req.getResourceSpans(0).getScopeSpans(0).getSpansCount(), Integer::sum);
        }
        assertEquals(Map.of("20261202-010135-26066-ac42", 26), byRun);
    }
}
