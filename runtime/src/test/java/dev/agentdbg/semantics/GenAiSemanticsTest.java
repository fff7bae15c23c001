package dev.agentdbg.semantics;

import dev.agentdbg.capture.CapturedCall;
import dev.agentdbg.capture.ListSnapshot;
import dev.agentdbg.capture.MapSnapshot;
import dev.agentdbg.capture.ObjectSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenAiSemanticsTest {
    private static final PriceTable PRICES = PriceTable.parse(Map.of("gpt-4o-mini", "0.15,0.075,0.60",
            "claude-sonnet", "3,0.30,15,3.75"), new ArrayList<>());

    private static ObjectSnapshot object(String type, Object... fieldsAndValues) {
        ObjectSnapshot o = new ObjectSnapshot(type);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            o.fields.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return o;
    }

    private static MapSnapshot map(Object... keysAndValues) {
        MapSnapshot m = new MapSnapshot("java.util.LinkedHashMap");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.entries.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        m.totalSize = m.entries.size();
        return m;
    }

    private static ListSnapshot list(Object... elements) {
        ListSnapshot l = new ListSnapshot("java.util.List");
        l.elements.addAll(List.of(elements));
        l.totalSize = elements.length;
        return l;
    }

    private static CapturedCall call(Object request, Object response) {
        CapturedCall c = new CapturedCall(new Object[] {request});
        c.result = response;
        c.hasResult = true;
        return c;
    }

    private static Map<String, Object> llm(String className, CapturedCall call) {
        return new GenAiSemantics("llm", className, "complete", null, Map.of(), PRICES).attributes(call);
    }

    @Test
    void openAiWireFormatGivesModelUsageCachedAndReasoningTokensAndCost() {
        Object request = object("com.acme.ChatRequest", "model", "gpt-4o-mini", "temperature", 0.2,
                "max_tokens", 500L);
        Object response = map("id", "chatcmpl-7", "model", "gpt-4o-mini-2024-07-18",
                "choices", list(map("index", 0, "finish_reason", "tool_calls")),
                "usage", map("prompt_tokens", 1200, "completion_tokens", 300,
                        "prompt_tokens_details", map("cached_tokens", 1000),
                        "completion_tokens_details", map("reasoning_tokens", 120)));

        Map<String, Object> attrs = llm("com.acme.llm.OpenAiClient", call(request, response));

        assertEquals("chat", attrs.get(GenAiSemantics.OPERATION));
        assertEquals("openai", attrs.get(GenAiSemantics.PROVIDER));
        assertEquals("gpt-4o-mini", attrs.get(GenAiSemantics.REQUEST_MODEL));
        assertEquals("gpt-4o-mini-2024-07-18", attrs.get(GenAiSemantics.RESPONSE_MODEL));
        assertEquals("chatcmpl-7", attrs.get(GenAiSemantics.RESPONSE_ID));
        assertEquals(List.of("tool_calls"), attrs.get(GenAiSemantics.FINISH_REASONS));
        assertEquals(0.2, attrs.get(GenAiSemantics.TEMPERATURE));
        assertEquals(500L, attrs.get(GenAiSemantics.MAX_TOKENS));
        assertEquals(1200L, attrs.get(GenAiSemantics.INPUT_TOKENS));
        assertEquals(300L, attrs.get(GenAiSemantics.OUTPUT_TOKENS));
        assertEquals(1000L, attrs.get(GenAiSemantics.CACHE_READ));
        assertEquals(120L, attrs.get(GenAiSemantics.REASONING));
        // 200 fresh * 0.15 + 1000 cached * 0.075 + 300 out * 0.60, per million; the response model's
        // dated name is priced by its longest priced prefix.
        assertEquals((200 * 0.15 + 1000 * 0.075 + 300 * 0.60) / 1e6, (Double) attrs.get(GenAiSemantics.COST), 1e-12);
    }

    @Test
    void anthropicCacheTokensAreAddedToInputAndPricedAtTheirOwnRates() {
        Object response = map("id", "msg_1", "model", "claude-sonnet-4", "stop_reason", "end_turn",
                "usage", map("input_tokens", 100, "output_tokens", 50, "cache_read_input_tokens", 2000,
                        "cache_creation_input_tokens", 400));

        Map<String, Object> attrs = llm("com.acme.AnthropicClient", call(null, response));

        assertEquals("anthropic", attrs.get(GenAiSemantics.PROVIDER));
        assertEquals(2500L, attrs.get(GenAiSemantics.INPUT_TOKENS));
        assertEquals(2000L, attrs.get(GenAiSemantics.CACHE_READ));
        assertEquals(400L, attrs.get(GenAiSemantics.CACHE_CREATION));
        assertEquals(List.of("end_turn"), attrs.get(GenAiSemantics.FINISH_REASONS));
        double expected = (100 * 3 + 2000 * 0.30 + 400 * 3.75 + 50 * 15) / 1e6;
        assertEquals(expected, (Double) attrs.get(GenAiSemantics.COST), 1e-12);
    }

    @Test
    void configuredPathsWinOverHeuristicsAndListsCollectEveryElement() {
        Object response = object("dev.x.ChatResponse",
                "metadata", object("dev.x.Metadata", "modelName", "m-1",
                        "tokenUsage", object("dev.x.TokenUsage", "inputTokenCount", 7, "outputTokenCount", 3)),
                "choices", list(object("dev.x.Choice", "finishReason", "STOP"),
                        object("dev.x.Choice", "finishReason", "LENGTH")),
                "usage", map("prompt_tokens", 999));
        Map<String, AttributePath> paths = Map.of(
                GenAiSemantics.INPUT_TOKENS, AttributePath.parse("result.metadata.tokenUsage.inputTokenCount"),
                GenAiSemantics.OUTPUT_TOKENS, AttributePath.parse("result.metadata.tokenUsage.outputTokenCount"),
                GenAiSemantics.FINISH_REASONS, AttributePath.parse("result.choices[*].finishReason"),
                GenAiSemantics.OPERATION, AttributePath.parse("'embeddings'"),
                GenAiSemantics.RESPONSE_MODEL, AttributePath.parse("result.model | result.metadata.modelName"));

        Map<String, Object> attrs = new GenAiSemantics("llm", "dev.x.Model", "doChat", "acme", paths,
                PriceTable.EMPTY).attributes(call(null, response));

        assertEquals(7L, attrs.get(GenAiSemantics.INPUT_TOKENS));
        assertEquals(3L, attrs.get(GenAiSemantics.OUTPUT_TOKENS));
        assertEquals(List.of("stop", "length"), attrs.get(GenAiSemantics.FINISH_REASONS));
        assertEquals("embeddings", attrs.get(GenAiSemantics.OPERATION));
        assertEquals("m-1", attrs.get(GenAiSemantics.RESPONSE_MODEL), "the first alternative with a value");
        assertEquals("acme", attrs.get(GenAiSemantics.PROVIDER));
        assertFalse(attrs.containsKey(GenAiSemantics.COST), "no price table, no cost");
    }

    @Test
    void toolAndAgentSpansGetTheirOperationAndNoUsage() {
        CapturedCall call = call(object("x.Req", "usage", map("prompt_tokens", 5)), null);
        Map<String, Object> tool = new GenAiSemantics("tool", "x.WebSearch", "run", null, Map.of(),
                PRICES).attributes(call);
        Map<String, Object> agent = new GenAiSemantics("agent", "x.Planner", "run", null, Map.of(),
                PRICES).attributes(call);

        assertEquals("execute_tool", tool.get(GenAiSemantics.OPERATION));
        assertFalse(tool.containsKey(GenAiSemantics.TOOL_NAME), "the component is in the method record already");
        assertEquals("invoke_agent", agent.get(GenAiSemantics.OPERATION));
        assertFalse(agent.containsKey(GenAiSemantics.INPUT_TOKENS), "aggregated usage is never counted twice");
    }

    @Test
    void badPathsAndPricesAreRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributePath.parse("response.usage"));
        assertTrue(e.getMessage().contains("args[<n>], result or this"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AttributePath.parse("result.choices[x]"));
        List<String> problems = new ArrayList<>();
        PriceTable table = PriceTable.parse(Map.of("m", "cheap"), problems);
        assertTrue(table.isEmpty());
        assertTrue(problems.get(0).contains("agentdbg.price.m"), problems.toString());
        assertNull(PRICES.find("gpt-4"), "a shorter name is not a prefix match");
    }

    /** A tool that holds its credential in a field. */
    static final class KeyedTool {
        final String apiKey = "opensesame-TESTSECRET-field";
        final String label = "keyed";
    }

    @Test
    void aReceiverPathThroughASecretNamedFieldIsRedactedAndTheFieldNeverRead() {
        dev.agentdbg.capture.CaptureSpec spec = new dev.agentdbg.capture.CaptureSpec(
                dev.agentdbg.capture.CaptureSettings.defaults(), 0, false, -1, 0, false);
        spec.setReceiverPaths(new String[] {"this.apiKey", "this.label"});
        CapturedCall call = new CapturedCall(null);
        spec.captureReceiver(call, new KeyedTool());
        assertTrue(call.receiverValues[0] == dev.agentdbg.capture.Marker.REDACTED, String.valueOf(call.receiverValues[0]));
        Map<String, Object> attrs = new GenAiSemantics("tool", "x.KeyedTool", "call", null,
                Map.of("x", AttributePath.parse("this.apiKey"), "y", AttributePath.parse("this.label"),
                        GenAiSemantics.INPUT_TOKENS, AttributePath.parse("this.apiKey")), null).attributes(call);
        assertEquals("[REDACTED]", attrs.get("x"));
        assertEquals("keyed", attrs.get("y"));
        assertFalse(attrs.containsKey(GenAiSemantics.INPUT_TOKENS), attrs.toString());
    }
}
