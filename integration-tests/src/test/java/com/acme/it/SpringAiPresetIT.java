package com.acme.it;

import com.acme.it.apps.springai.SpringAiApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code agentdbg.presets=spring-ai} alone, no rules of the user's: a Spring AI 2.0 ChatClient call
 * with one tool round-trip against a scripted OpenAI stub reads agent -> llm, tool, llm, with the
 * model, exact token counts (cached and reasoning ones too, counted once), cost, the tool's
 * arguments and result, and no trace of the API key.
 */
class SpringAiPresetIT {
    @Test
    void chatClientToolRoundTrip(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.presets=spring-ai",
                "agentdbg.price.gpt-4o-mini=0.15,0.075,0.60",
                ""));

        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(SpringAiApp.class).run(dir).assertSuccess();
        assertTrue(result.stdout().contains("answer: It is sunny in Paris, 21 C."), result.stdout());
        assertFalse(result.stderr().contains("Exception"), result.stderr());

        Trace trace = Trace.readSingleRun(traces);
        JsonNode stats = trace.assertAgentHealthy();
        for (JsonNode unmatched : stats.path("unmatchedRules")) {
            assertFalse(unmatched.asText().startsWith("spring-ai"), "every preset rule matched: " + stats);
        }

        // The tree: one ChatClient call; under it the two model requests and, between them, the two
        // tools the first response asked for, each once (no tool span nested in another).
        List<JsonNode> agents = trace.spansOfKind("agent");
        List<JsonNode> llms = trace.spansOfKind("llm");
        List<JsonNode> tools = trace.spansOfKind("tool");
        assertEquals(1, agents.size(), "one agent span: " + names(trace));
        assertEquals(2, llms.size(), "one llm span per chat-completions request: " + names(trace));
        assertEquals(2, tools.size(), "one tool span per tool call: " + names(trace));
        assertEquals(5, trace.spans.size(), "nothing else is traced: " + names(trace));
        assertEquals(5, trace.starts.size(), "agent, llm and tool calls wrote start records");

        JsonNode agent = agents.get(0);
        assertEquals("DefaultCallResponseSpec#content", trace.methodName(agent));
        assertFalse(agent.has("parent"), "the ChatClient call is the root");
        List<JsonNode> children = trace.children(agent);
        assertEquals(List.of("OpenAiChatModel#call", "MethodToolCallback#call", "LocalTimeTool#call",
                        "OpenAiChatModel#call"),
                children.stream().map(trace::methodName).toList(), "agent -> llm, tool, tool, llm in time order");
        for (JsonNode child : children) {
            assertEquals(agent.get("span"), child.get("parent"), trace.methodName(child) + " is a child of the agent");
            assertEquals(agent.get("trace"), child.get("trace"));
            assertEquals("ok", child.get("status").asText());
        }
        JsonNode weatherTool = children.get(1);
        JsonNode timeTool = children.get(2);

        // Rules, classes and components from the preset.
        JsonNode agentMethod = methodOf(trace, agent);
        assertEquals("ChatClient", agentMethod.get("component").asText());
        assertEquals("spring-ai.chat-client", agentMethod.get("rule").asText());
        for (JsonNode llm : llms) {
            JsonNode m = methodOf(trace, llm);
            assertEquals("org.springframework.ai.openai.OpenAiChatModel", m.get("class").asText());
            assertEquals("spring-ai.openai-chat-model", m.get("rule").asText());
        }
        JsonNode weatherMethod = methodOf(trace, weatherTool);
        assertEquals("org.springframework.ai.tool.method.MethodToolCallback", weatherMethod.get("class").asText());
        assertEquals("(Ljava/lang/String;Lorg/springframework/ai/chat/model/ToolContext;)Ljava/lang/String;",
                weatherMethod.get("desc").asText(), "the manager's two-argument call");
        assertEquals("spring-ai.tool-callback", weatherMethod.get("rule").asText());
        JsonNode timeMethod = methodOf(trace, timeTool);
        assertEquals("com.acme.it.apps.springai.SpringAiApp$LocalTimeTool", timeMethod.get("class").asText());
        assertEquals("(Ljava/lang/String;)Ljava/lang/String;", timeMethod.get("desc").asText());
        assertEquals("spring-ai.tool-callback", timeMethod.get("rule").asText());

        // The agent span captures nothing: the ChatClient's usage summed over the rounds is not counted again.
        assertFalse(agent.has("result"), agent.toString());
        assertFalse(agent.path("attrs").has("gen_ai.usage.input_tokens"), agent.toString());

        // First request: the model asks for the tool.
        JsonNode first = llms.get(0).path("attrs");
        assertEquals("chat", first.path("gen_ai.operation.name").asText());
        assertEquals("openai", first.path("gen_ai.provider.name").asText());
        assertEquals("gpt-4o-mini", first.path("gen_ai.request.model").asText());
        assertEquals(0.2, first.path("gen_ai.request.temperature").asDouble(), 1e-9);
        assertEquals(0.9, first.path("gen_ai.request.top_p").asDouble(), 1e-9);
        assertEquals(256, first.path("gen_ai.request.max_tokens").asLong());
        assertEquals("gpt-4o-mini-2024-07-18", first.path("gen_ai.response.model").asText());
        assertEquals("chatcmpl-sa-1", first.path("gen_ai.response.id").asText());
        assertEquals("[\"tool_calls\"]", first.path("gen_ai.response.finish_reasons").toString());
        assertEquals(120, first.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(30, first.path("gen_ai.usage.output_tokens").asLong());
        assertEquals(0, first.path("gen_ai.usage.cache_read.input_tokens").asLong(-1));
        assertEquals(0, first.path("gen_ai.usage.reasoning.output_tokens").asLong(-1));
        assertFalse(first.has("gen_ai.usage.cache_creation.input_tokens"), first.toString());
        assertEquals(0.000036, first.path("agentdbg.cost.usd").asDouble(), 1e-12, "120 fresh, 30 out");
        // The tool call the model asked for, as the user sees it in the llm span's result.
        JsonNode toolCalls = llms.get(0).at("/result/generations/0/assistantMessage/toolCalls");
        assertEquals("call_weather_1", toolCalls.at("/0/id").asText(), llms.get(0).path("result").toString());
        assertEquals("getWeather", toolCalls.at("/0/name").asText());
        assertEquals(SpringAiApp.toolArguments(), toolCalls.at("/0/arguments").asText());
        assertEquals("call_time_1", toolCalls.at("/1/id").asText());
        assertEquals("localTime", toolCalls.at("/1/name").asText());

        // Second request: the final answer, with cached and reasoning tokens.
        JsonNode second = llms.get(1).path("attrs");
        assertEquals("gpt-4o-mini", second.path("gen_ai.request.model").asText());
        assertEquals("gpt-4o-mini-2024-07-18", second.path("gen_ai.response.model").asText());
        assertEquals("chatcmpl-sa-2", second.path("gen_ai.response.id").asText());
        assertEquals("[\"stop\"]", second.path("gen_ai.response.finish_reasons").toString());
        assertEquals(200, second.path("gen_ai.usage.input_tokens").asLong());
        assertEquals(50, second.path("gen_ai.usage.output_tokens").asLong());
        assertEquals(64, second.path("gen_ai.usage.cache_read.input_tokens").asLong());
        assertEquals(16, second.path("gen_ai.usage.reasoning.output_tokens").asLong());
        assertEquals(0.0000552, second.path("agentdbg.cost.usd").asDouble(), 1e-12,
                "136 fresh, 64 cached, 50 out");

        // Every token counted once: only the two llm spans carry usage, and they add up to the stub's.
        long input = 0;
        long output = 0;
        long cached = 0;
        long reasoning = 0;
        for (JsonNode span : trace.spans) {
            JsonNode attrs = span.path("attrs");
            if (attrs.has("gen_ai.usage.input_tokens")) {
                assertEquals("llm", trace.methods.get(span.get("method").asInt()).get("kind").asText(),
                        "usage on " + trace.methodName(span));
            }
            input += attrs.path("gen_ai.usage.input_tokens").asLong();
            output += attrs.path("gen_ai.usage.output_tokens").asLong();
            cached += attrs.path("gen_ai.usage.cache_read.input_tokens").asLong();
            reasoning += attrs.path("gen_ai.usage.reasoning.output_tokens").asLong();
        }
        assertEquals(320, input);
        assertEquals(80, output);
        assertEquals(64, cached);
        assertEquals(16, reasoning);

        // The tools: what the model sent and what went back to it.
        assertEquals("execute_tool", weatherTool.at("/attrs/gen_ai.operation.name").asText());
        assertEquals("getWeather", weatherTool.at("/attrs/gen_ai.tool.name").asText(), "read from the callback's definition");
        assertEquals(SpringAiApp.toolArguments(), weatherTool.at("/args/0").asText(), weatherTool.toString());
        assertEquals("\"Sunny, 21 C in Paris\"", weatherTool.path("result").asText(), weatherTool.toString());
        assertEquals("execute_tool", timeTool.at("/attrs/gen_ai.operation.name").asText());
        assertEquals("{\"city\":\"Paris\"}", timeTool.at("/args/0").asText(), timeTool.toString());
        assertEquals("14:05", timeTool.path("result").asText(), timeTool.toString());

        // The API key is nowhere in the trace (it sits in the options the llm spans capture).
        for (Path file : trace.files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertFalse(text.contains(SpringAiApp.API_KEY), file + " holds the API key");
            assertFalse(text.contains("REDACTME"), file + " holds part of the API key");
        }
        JsonNode options = llms.get(0).at("/args/0/chatOptions");
        assertEquals("gpt-4o-mini", options.path("model").asText(), "the options were captured: " + options);
        assertEquals("[REDACTED]", options.path("apiKey").asText(), options.toString());

        // What the analyzer's llm command makes of it: the same totals, each token once.
        ChildJvm.Result llmReport = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "llm", traces.toString(), "--json").run(dir.resolve("analyzer-llm"));
        assertEquals(0, llmReport.exitCode(), llmReport.stderr());
        JsonNode report = new ObjectMapper().readTree(llmReport.stdout());
        JsonNode total = report.path("total");
        assertEquals(2, total.path("calls").asInt(), llmReport.stdout());
        assertEquals(320, total.path("inputTokens").asLong());
        assertEquals(64, total.path("cachedInputTokens").asLong());
        assertEquals(80, total.path("outputTokens").asLong());
        assertEquals(16, total.path("reasoningTokens").asLong());
        assertEquals(0.0000912, total.path("costUsd").asDouble(), 1e-12);
        assertEquals("gpt-4o-mini-2024-07-18", report.at("/models/0/model").asText());
        assertEquals(2, report.at("/toolTotal/calls").asInt(), llmReport.stdout());
        assertFalse(llmReport.stdout().contains(SpringAiApp.API_KEY));
    }

    private static JsonNode methodOf(Trace trace, JsonNode span) {
        return trace.methods.get(span.get("method").asInt());
    }



    private static List<String> names(Trace trace) {
        return Stream.of(trace.spans.toArray(new JsonNode[0])).map(trace::methodName).toList();
    }
}
