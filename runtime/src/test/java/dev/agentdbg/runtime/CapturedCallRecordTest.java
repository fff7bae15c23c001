package dev.agentdbg.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.bootstrap.ThreadRing;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.semantics.GenAiSemantics;
import dev.agentdbg.semantics.PriceTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A capturing call, from the bridge calls that advice makes to the JSON line the drainer writes. */
class CapturedCallRecordTest {
    record Message(String role, String content) {
    }

    record Request(String model, List<Message> messages, String apiKey) {
    }

    record Usage(int prompt_tokens, int completion_tokens) {
    }

    record Response(String id, String model, String text, Usage usage) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final SpanRings rings = new SpanRings(256, 256);
    private final MethodRegistry registry = new MethodRegistry();
    private MethodInfo llm;
    private MethodInfo handler;

    @BeforeEach
    void install() {
        Spans.install(rings, 1_795_307_412_345_678_000L, System.nanoTime(), 9);
        CallCapture.useMethods(registry);
        llm = registry.register("com.acme.OpenAiClient", "complete", "(Lcom/acme/Request;)Ljava/lang/Object;",
                "llm", "openai", "openai");
        llm.setCapture(new CaptureSpec(CaptureSettings.defaults(), 1, true, -1, 0, true));
        PriceTable prices = PriceTable.parse(Map.of("gpt-4o-mini", "0.15,0.075,0.60"), new ArrayList<>());
        llm.setSemantics(new GenAiSemantics("llm", llm.className(), llm.methodName(), null, Map.of(), prices));
        handler = registry.register("com.acme.Handler", "onComplete", "(Ljava/lang/Object;)V", "callback", "Handler", "h");
        handler.setCapture(new CaptureSpec(CaptureSettings.defaults(), 0, true, -1, CaptureSpec.OUTCOME_RESULT, false));
    }

    @AfterEach
    void uninstall() {
        Spans.uninstall();
        CallCapture.useMethods(null);
    }

    private List<JsonNode> drain() throws Exception {
        RecordEncoder encoder = new RecordEncoder(8, registry);
        List<JsonNode> records = new ArrayList<>();
        for (ThreadRing ring : rings.threadRings()) {
            ring.drain(slot -> {
                try {
                    LineBuffer line = encoder.span(slot);
                    records.add(json.readTree(new String(line.array(), 0, line.size(), StandardCharsets.UTF_8)));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, 1000);
        }
        return records;
    }

    private static Request request() {
        return new Request("gpt-4o-mini", List.of(new Message("user", "hi")), "sk-secret-0123456789abcdefXYZ");
    }

    @Test
    void argumentsResultAndGenAiAttributesAreWrittenWithTheSecretRedacted() throws Exception {
        Object state = Spans.state();
        int token = CallCapture.enter(state, llm.callSiteId(), new Object[] {request()});
        CallCapture.exit(state, token, new Response("chatcmpl-1", "gpt-4o-mini", "hello", new Usage(1000, 200)), null);

        List<JsonNode> records = drain();
        assertEquals(2, records.size(), "a start record and a span");
        JsonNode start = records.get(0);
        JsonNode span = records.get(1);
        assertEquals("start", start.path("type").asText());
        assertEquals("gpt-4o-mini", start.path("args").path(0).path("model").asText(), "a hung call shows its prompt");
        assertEquals("hi", span.path("args").path(0).path("messages").path(0).path("content").asText());
        assertEquals("[REDACTED]", span.path("args").path(0).path("apiKey").asText());
        assertEquals("hello", span.path("result").path("text").asText());
        JsonNode attrs = span.path("attrs");
        assertEquals("chat", attrs.path("gen_ai.operation.name").asText());
        assertEquals("openai", attrs.path("gen_ai.provider.name").asText());
        assertEquals(1000, attrs.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(200, attrs.path("gen_ai.usage.output_tokens").asLong());
        assertEquals((1000 * 0.15 + 200 * 0.60) / 1e6, attrs.path("agentdbg.cost.usd").asDouble(), 1e-12);
        assertFalse(span.toString().contains("sk-secret"), span.toString());
    }

    @Test
    void aReturnedFutureEndsTheSpanWhenItCompletesWithItsValueAsResult() throws Exception {
        CompletableFuture<Response> future = new CompletableFuture<>();
        Object state = Spans.state();
        int token = CallCapture.enter(state, llm.callSiteId(), new Object[] {request()});
        CallCapture.exit(state, token, future, null);
        assertEquals(1, drain().size(), "only the start record while the future is open");

        Thread.sleep(20);
        future.complete(new Response("chatcmpl-2", "gpt-4o-mini", "later", new Usage(10, 5)));
        List<JsonNode> records = drain();
        assertEquals(1, records.size());
        JsonNode span = records.get(0);
        assertEquals("later", span.path("result").path("text").asText());
        assertTrue(span.path("dur").asLong() >= 20_000_000L, "the span lasts until completion: " + span);
        assertEquals(0, CallCapture.openCalls());
    }

    @Test
    void aFutureCompletedBeforeTheCallReturnsGivesItsValueAsResult() throws Exception {
        Object state = Spans.state();
        int token = CallCapture.enter(state, llm.callSiteId(), new Object[] {request()});
        CallCapture.exit(state, token, CompletableFuture.completedFuture(
                new Response("chatcmpl-3", "gpt-4o-mini", "fast", new Usage(3, 1))), null);

        JsonNode span = drain().get(1);
        assertEquals("fast", span.path("result").path("text").asText(), span.toString());
        assertEquals(3, span.path("attrs").path("gen_ai.usage.input_tokens").asLong());
    }

    @Test
    void aStreamingCallEndsAtItsHandlersCallbackAndTheCallbackRunsUnderTheCallsParent() throws Exception {
        MethodInfo agent = registry.register("com.acme.Agent", "run", "()V", "agent", "Agent", "a");
        MethodInfo streaming = registry.register("com.acme.Client", "stream", "(Ljava/lang/Object;Ljava/lang/Object;)V",
                "llm", "openai", "s");
        streaming.setCapture(new CaptureSpec(CaptureSettings.defaults(), 1, true, 1, 0, false));
        Object handlerObject = new Object();

        Object state = Spans.state();
        int agentToken = Spans.enter(state, agent.callSiteId());
        int token = CallCapture.enter(state, streaming.callSiteId(), new Object[] {request(), handlerObject});
        CallCapture.exit(state, token, null, null);
        Spans.exit(state, agentToken, null);
        List<JsonNode> before = drain();
        assertTrue(before.stream().noneMatch(r -> r.path("type").asText().equals("span")
                && r.path("method").asInt() == streaming.id()), "not ended by its return");
        String agentSpan = before.stream().filter(r -> r.path("type").asText().equals("span")).findFirst()
                .orElseThrow().path("span").asText();

        Thread callbackThread = new Thread(() -> {
            int cb = CallCapture.callbackEnter(handler.callSiteId(), handlerObject, new Response("r", "m", "streamed", null));
            Object s = Spans.state();
            Spans.exit(s, Spans.enter(s, agent.callSiteId()), null); // the next step of the loop
            CallCapture.callbackExit(cb);
        });
        callbackThread.start();
        callbackThread.join();

        List<JsonNode> after = drain();
        JsonNode llmSpan = after.stream().filter(r -> r.path("method").asInt() == streaming.id()).findFirst().orElseThrow();
        assertEquals("streamed", llmSpan.path("result").path("text").asText());
        assertEquals(agentSpan, llmSpan.path("parent").asText());
        JsonNode next = after.stream().filter(r -> r.path("type").asText().equals("span")
                && r.path("method").asInt() == agent.id()).findFirst().orElseThrow();
        assertEquals(agentSpan, next.path("parent").asText(), "work in the callback belongs to the call's parent");
        assertTrue(next.path("async").asBoolean());
    }

    record ToolResult(boolean isError, String text) {
    }

    @Test
    void aResultThatSaysItFailedMakesAFailedSpan() throws Exception {
        MethodInfo tool = registry.register("com.acme.Tools", "run", "(Ljava/lang/String;)Ljava/lang/Object;",
                "tool", "tools", "t");
        tool.setCapture(new CaptureSpec(CaptureSettings.defaults(), 1, true, -1, 0, false));
        tool.setSemantics(new GenAiSemantics("tool", tool.className(), tool.methodName(), null, Map.of(),
                PriceTable.EMPTY, dev.agentdbg.semantics.AttributePath.parse("result.isError")));

        Object state = Spans.state();
        CallCapture.exit(state, CallCapture.enter(state, tool.callSiteId(), new Object[] {"a"}),
                new ToolResult(true, "division by zero"), null);
        CallCapture.exit(state, CallCapture.enter(state, tool.callSiteId(), new Object[] {"b"}),
                new ToolResult(false, "42"), null);

        List<JsonNode> spans = drain().stream().filter(r -> r.path("type").asText().equals("span")).toList();
        assertEquals("error", spans.get(0).path("status").asText());
        assertEquals("result.isError is true", spans.get(0).path("error").path("message").asText());
        assertEquals("division by zero", spans.get(0).path("result").path("text").asText());
        assertEquals("ok", spans.get(1).path("status").asText());
    }

    @Test
    void captureCreatesNoSpansEvenWhenItMayCallTheApplicationsToString() throws Exception {
        MethodInfo inner = registry.register("com.acme.Formatter", "format", "()V", "tool", "Formatter", "f");
        MethodInfo outer = registry.register("com.acme.Tools", "take", "(Ljava/lang/Object;)V", "tool", "tools", "t");
        outer.setCapture(new CaptureSpec(CaptureSettings.defaults().withCallToString(true), 1, false, -1, 0, false));
        Object chatty = new Object() {
            @Override
            public String toString() {
                // An instrumented method called from inside capture: it must not become a span.
                Object s = Spans.state();
                Spans.exit(s, Spans.enter(s, inner.callSiteId()), null);
                return "chatty";
            }
        };

        Object state = Spans.state();
        CallCapture.exit(state, CallCapture.enter(state, outer.callSiteId(), new Object[] {chatty}), null, null);

        List<JsonNode> records = drain();
        assertTrue(records.stream().noneMatch(r -> r.path("method").asInt() == inner.id()), records.toString());
        JsonNode span = records.stream().filter(r -> r.path("type").asText().equals("span")).findFirst().orElseThrow();
        assertEquals("chatty", span.path("args").path(0).asText(), "toString was allowed by the rule");
    }

    @Test
    void whenTooMuchWaitsToBeWrittenCallsAreTracedWithoutCaptureUntilTheWriterCatchesUp() throws Exception {
        dev.agentdbg.capture.CaptureBudget.setLimit(1024);
        long skippedBefore = dev.agentdbg.capture.CaptureBudget.skipped();
        try {
            Object state = Spans.state();
            String prompt = "p".repeat(100_000); // kept by reference: 100 KB held until written
            for (int i = 0; i < 3; i++) {
                CallCapture.exit(state, CallCapture.enter(state, llm.callSiteId(),
                        new Object[] {new Request("gpt-4o-mini", List.of(new Message("user", prompt)), "k")}),
                        new Response("r" + i, "gpt-4o-mini", "ok", new Usage(1, 1)), null);
            }
            List<JsonNode> spans = drain().stream().filter(r -> r.path("type").asText().equals("span")).toList();
            assertEquals(3, spans.size(), "every call is still traced");
            assertTrue(spans.get(0).has("args"));
            assertTrue(spans.get(1).path("captureSkipped").asBoolean(), spans.get(1).toString());
            assertFalse(spans.get(1).has("args"));
            assertEquals(skippedBefore + 2, dev.agentdbg.capture.CaptureBudget.skipped());
            assertEquals(0, dev.agentdbg.capture.CaptureBudget.inFlight(), "written payloads are released");

            CallCapture.exit(state, CallCapture.enter(state, llm.callSiteId(), new Object[] {request()}),
                    new Response("r", "gpt-4o-mini", "again", new Usage(1, 1)), null);
            JsonNode after = drain().stream().filter(r -> r.path("type").asText().equals("span")).findFirst().orElseThrow();
            assertEquals("again", after.path("result").path("text").asText(), "captured again once written");
        } finally {
            dev.agentdbg.capture.CaptureBudget.setLimit(dev.agentdbg.capture.CaptureBudget.DEFAULT_LIMIT);
        }
    }
}
