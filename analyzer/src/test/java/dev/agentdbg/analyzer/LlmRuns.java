package dev.agentdbg.analyzer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A run of an LLM assistant as the agent writes it with payload capture and GenAI attributes on: two models from two
 * providers, cached and reasoning tokens, a failed tool call, a span without usage, a malformed attribute and an LLM
 * call still running at the end. The {@code llm} examples of docs/analyzer.md are its real output.
 */
final class LlmRuns {

    static final String RUN_ID = "20261122-003012-7373-b8c9";
    static final String TRACE = "7a1ec7ab1e0f4e1d9c3b2a1908f7e6d5";
    static final String OTHER_TRACE = "8b2fd8bc2f1a5f2eac4c3b2a19a8f7e6";
    static final String GPT = "gpt-4o-mini-2024-07-18";
    static final String CLAUDE = "claude-sonnet-4-5";
    static final long MS = 1_000_000L;
    /** The line of the span whose input tokens are the string "12". */
    static final int MALFORMED_LINE = 22;

    private LlmRuns() {
    }

    static Path writeLlmRun(Path dir) throws Exception {
        return new TraceBuilder()
                .run(RUN_ID, 0, 7373, "build-7", "com.acme.assistant.AssistantDemo")
                .method(1, "dev.langchain4j.service.DefaultAiServices$1", "invoke", "agent", "ai-services")
                .start(TRACE, "3000000000000001", null, 1, "main", 0)
                .attrs("gen_ai.operation.name", "invoke_agent", "gen_ai.agent.name", "Assistant.chat")
                .method(2, "dev.langchain4j.model.openai.OpenAiChatModel", "doChat", "llm", "openai")
                .start(TRACE, "3000000000000002", "3000000000000001", 2, "main", 5 * MS)
                .span(TRACE, "3000000000000002", "3000000000000001", 2, "main", 5 * MS, 100 * MS)
                .attrs("gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai",
                        "gen_ai.request.model", "gpt-4o-mini", "gen_ai.response.model", GPT,
                        "gen_ai.response.id", "chatcmpl-1", "gen_ai.response.finish_reasons", List.of("tool_calls"),
                        "gen_ai.request.temperature", 0.2, "gen_ai.usage.input_tokens", 1200,
                        "gen_ai.usage.cache_read.input_tokens", 800, "gen_ai.usage.output_tokens", 150,
                        "agentdbg.cost.usd", 0.00042)
                .set("args", List.of(Map.of("@type", "dev.langchain4j.model.chat.request.ChatRequest",
                        "messages", List.of(Map.of("@type", "dev.langchain4j.data.message.UserMessage",
                                "text", "What is the weather in Paris?")))))
                .set("result", Map.of("@type", "dev.langchain4j.model.chat.response.ChatResponse",
                        "aiMessage", Map.of("text", "[REDACTED]")))
                .method(3, "dev.langchain4j.service.tool.DefaultToolExecutor", "execute", "tool", "tools")
                .start(TRACE, "3000000000000003", "3000000000000001", 3, "main", 110 * MS)
                .span(TRACE, "3000000000000003", "3000000000000001", 3, "main", 110 * MS, 20 * MS)
                .attrs("gen_ai.operation.name", "execute_tool", "gen_ai.tool.name", "get_weather",
                        "gen_ai.tool.call.id", "call_1")
                .set("args", List.of("{\"city\":\"Paris\"}"))
                .set("result", "18 C, sunny")
                .start(TRACE, "3000000000000004", "3000000000000001", 3, "main", 135 * MS)
                .span(TRACE, "3000000000000004", "3000000000000001", 3, "main", 135 * MS, 30 * MS)
                .attrs("gen_ai.operation.name", "execute_tool", "gen_ai.tool.name", "get_weather",
                        "gen_ai.tool.call.id", "call_2")
                .failed("java.io.IOException", "weather service unavailable")
                .method(4, "com.acme.assistant.tools.Calculator", "add", "tool", "calculator")
                .start(TRACE, "3000000000000005", "3000000000000001", 4, "main", 170 * MS)
                .span(TRACE, "3000000000000005", "3000000000000001", 4, "main", 170 * MS, 5 * MS)
                .start(TRACE, "3000000000000006", "3000000000000001", 2, "main", 180 * MS)
                .span(TRACE, "3000000000000006", "3000000000000001", 2, "main", 180 * MS, 200 * MS)
                .attrs("gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai",
                        "gen_ai.request.model", "gpt-4o-mini", "gen_ai.response.model", GPT,
                        "gen_ai.response.finish_reasons", List.of("stop"), "gen_ai.usage.input_tokens", 1500,
                        "gen_ai.usage.cache_read.input_tokens", 1000, "gen_ai.usage.output_tokens", 300,
                        "gen_ai.usage.reasoning.output_tokens", 120, "agentdbg.cost.usd", 0.00061)
                .method(5, "dev.langchain4j.model.anthropic.AnthropicChatModel", "doChat", "llm", "anthropic")
                .start(TRACE, "3000000000000007", "3000000000000001", 5, "main", 400 * MS)
                .span(TRACE, "3000000000000007", "3000000000000001", 5, "main", 400 * MS, 400 * MS)
                .attrs("gen_ai.operation.name", "chat", "gen_ai.provider.name", "anthropic",
                        "gen_ai.request.model", CLAUDE, "gen_ai.response.model", CLAUDE,
                        "gen_ai.response.finish_reasons", List.of("end_turn"), "gen_ai.usage.input_tokens", 2000,
                        "gen_ai.usage.cache_creation.input_tokens", 1500, "gen_ai.usage.output_tokens", 500)
                .span(TRACE, "3000000000000001", null, 1, "main", 0, 1200 * MS)
                .attrs("gen_ai.operation.name", "invoke_agent", "gen_ai.agent.name", "Assistant.chat")
                // A second trace: llm calls made directly. The agent wrote the input tokens as a string.
                .start(OTHER_TRACE, "4000000000000001", null, 2, "main", 2000 * MS)
                .span(OTHER_TRACE, "4000000000000001", null, 2, "main", 2000 * MS, 300 * MS)
                .attrs("gen_ai.provider.name", "openai", "gen_ai.response.model", GPT,
                        "gen_ai.response.finish_reasons", List.of("stop"), "gen_ai.usage.input_tokens", "12",
                        "gen_ai.usage.output_tokens", 40, "agentdbg.cost.usd", 0.0001)
                .start(OTHER_TRACE, "4000000000000002", null, 5, "main", 2400 * MS)
                .span(OTHER_TRACE, "4000000000000002", null, 5, "main", 2400 * MS, 600 * MS)
                .attrs("gen_ai.provider.name", "anthropic", "gen_ai.request.model", CLAUDE)
                .failed("dev.langchain4j.exception.RateLimitException", "rate limit reached")
                // No attributes at all: no model, no usage.
                .start(OTHER_TRACE, "4000000000000003", null, 2, "main", 3100 * MS)
                .span(OTHER_TRACE, "4000000000000003", null, 2, "main", 3100 * MS, 50 * MS)
                .start(OTHER_TRACE, "4000000000000004", null, 4, "main", 3200 * MS)
                .span(OTHER_TRACE, "4000000000000004", null, 4, "main", 3200 * MS, 7 * MS)
                // Still waiting for its answer when the JVM exited.
                .start(OTHER_TRACE, "4000000000000005", null, 2, "main", 3300 * MS)
                .attrs("gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai",
                        "gen_ai.request.model", "gpt-4o-mini")
                .set("args", List.of(Map.of("@ref", 1)))
                .stats(11, 0, 0)
                .writeTo(Files.createDirectories(dir).resolve(RUN_ID + ".jsonl"));
    }
}
