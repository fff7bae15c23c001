package dev.agentdbg.analyzer;

import static dev.agentdbg.analyzer.OtlpFixtures.assertString;
import static dev.agentdbg.analyzer.OtlpFixtures.attributes;
import static dev.agentdbg.analyzer.OtlpFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code export --otlp-endpoint}: a real OTLP/HTTP receiver on 127.0.0.1 (the JDK's HttpServer) decodes each
 * request with the official OTLP proto classes, as a collector would.
 */
class ExportOtlpHttpTest {

    private static final Path DEMO = ExportOtlpJsonTest.DEMO;

    private HttpServer server;
    private final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Requests to answer 503 before accepting: the exporter must retry them. */
    private final AtomicInteger unavailable = new AtomicInteger();
    /** Answer every request with this status instead (401: a back-end that wants a key). */
    private volatile int refuseWith;

    /** Starts the receiver on a free loopback port; returns its base URL. */
    private String receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", this::handle);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            if (refuseWith != 0) {
                exchange.sendResponseHeaders(refuseWith, -1);
                return;
            }
            if (unavailable.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            received.add(ExportTraceServiceRequest.parseFrom(bytes));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void demoSpansArriveInBatchesWithTheirIdsParentsTimesAndAttributes() throws Exception {
        String url = receiver();
        Cli.Result r = Cli.run("export", DEMO.toString(), "--otlp-endpoint", url, "--batch-size", "10",
                "--otlp-header", "Authorization=Bearer test-token");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("exported 26 span(s) of run 20261202-010135-26066-ac42 as OTLP/HTTP, sent to "
                + url + "/v1/traces"), r.err());
        assertEquals(3, received.size(), "26 spans in batches of 10");
        assertTrue(contentTypes.stream().allMatch("application/x-protobuf"::equals), contentTypes.toString());
        assertTrue(authorizations.stream().allMatch("Bearer test-token"::equals), authorizations.toString());

        Map<String, OtlpFixtures.TraceSpan> expected = OtlpFixtures.traceSpans(DEMO);
        List<Span> spans = OtlpFixtures.spans(received);
        assertEquals(expected.keySet(), spans.stream().map(s -> hex(s.getSpanId()))
                .collect(java.util.stream.Collectors.toSet()));
        for (Span s : spans) {
            OtlpFixtures.TraceSpan t = expected.get(hex(s.getSpanId()));
            assertEquals(t.trace(), hex(s.getTraceId()));
            assertEquals(t.parent(), hex(s.getParentSpanId()));
            assertEquals(t.start(), s.getStartTimeUnixNano());
            assertEquals(t.end(), s.getEndTimeUnixNano());
        }
        Span llm = spans.stream().filter(s -> s.getName().equals("chat gpt-4o-mini")).findFirst().orElseThrow();
        Map<String, AnyValue> a = attributes(llm.getAttributesList());
        assertString("gpt-4o-mini", a, "gen_ai.request.model");
        assertTrue(a.get("gen_ai.usage.input_tokens").getIntValue() > 0);
        assertTrue(a.get("agentdbg.async").getBoolValue());
        Map<String, AnyValue> resource = attributes(received.get(0).getResourceSpans(0).getResource()
                .getAttributesList());
        assertString("agentdbg-demo", resource, "service.name");
    }

    @Test
    void aBatchTheEndpointCannotTakeYetIsRetried() throws Exception {
        String url = receiver();
        unavailable.set(1);
        Cli.Result r = Cli.run("export", Traces.sample().toString(), "--otlp-endpoint", url + "/v1/traces",
                "--service-name", "research");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, received.size(), "the 503 answered first, then the retry taken");
        assertEquals(13, OtlpFixtures.spans(received).size());
        assertString("research", attributes(received.get(0).getResourceSpans(0).getResource().getAttributesList()),
                "service.name");
    }

    @Test
    void anEndpointThatIsDownGivesOneLineAndExitCode3() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Cli.Result r = Cli.run("export", Traces.sample().toString(), "--otlp-endpoint", "http://127.0.0.1:" + port);
        assertEquals(3, r.exitCode(), r.err());
        assertEquals("agentdbg-analyzer export: cannot send spans to http://127.0.0.1:" + port + "/v1/traces: "
                + "connection refused; is an OTLP/HTTP receiver listening there?\n", r.err().replace("\r", ""));
        assertEquals("", r.out());
    }

    @Test
    void anEndpointThatRefusesTheSpansGivesItsAnswerAndExitCode3() throws Exception {
        String url = receiver();
        refuseWith = 401;
        Cli.Result r = Cli.run("export", Traces.sample().toString(), "--otlp-endpoint", url);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("agentdbg-analyzer export: cannot send spans to " + url + "/v1/traces: the "
                + "endpoint answered HTTP 401"), r.err());
        assertTrue(r.err().strip().endsWith("HTTP 401; does it need a key (--otlp-header)?"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void badEndpointOptionsAreOneLineAndExitCode2() {
        Cli.Result ftp = Cli.run("export", Traces.sample().toString(), "--otlp-endpoint", "ftp://127.0.0.1:1");
        assertEquals(2, ftp.exitCode());
        assertTrue(ftp.err().startsWith("agentdbg-analyzer export: --otlp-endpoint takes an http or https URL"),
                ftp.err());
        Cli.Result both = Cli.run("export", Traces.sample().toString(), "--otlp-endpoint", "http://127.0.0.1:1",
                "--format", "chrome");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("use one or the other"), both.err());
    }
}
