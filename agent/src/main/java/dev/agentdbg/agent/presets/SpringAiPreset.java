package dev.agentdbg.agent.presets;

import dev.agentdbg.agent.rules.Rule;

import java.util.List;

/**
 * Preset {@code spring-ai}: Spring AI 2.0.x ({@code org.springframework.ai}, built for Java 17 on
 * Spring Framework 7), used with or without Spring Boot. The rules give one {@code agent} span per
 * ChatClient call, one {@code llm} span per request to the model provider and one {@code tool} span
 * per tool execution, so a tool round-trip reads agent -&gt; llm, tool, llm.
 *
 * <table>
 * <caption>What the preset instruments</caption>
 * <tr><th>kind</th><th>class</th><th>methods</th><th>why these</th></tr>
 * <tr><td>agent</td><td>every implementation of {@code ChatClient.CallResponseSpec} (Spring AI's is
 * {@code DefaultChatClient$DefaultCallResponseSpec})</td><td>the methods the interface declares:
 * {@code content()}, {@code chatResponse()}, {@code chatClientResponse()}, {@code entity(..)},
 * {@code responseEntity(..)}</td><td>each is one user-level call
 * ({@code chatClient.prompt()...call().content()}) and none calls another: they share a private
 * helper that runs the advisor chain. In Spring AI 2.0 the tool-calling loop is an advisor
 * ({@code ToolCallingAdvisor}) inside that chain, so every model request and tool execution of the
 * call is a child of this span. Nothing is captured: the result of {@code chatResponse()} carries
 * the usage summed over all rounds, which the llm spans already count one by one.</td></tr>
 * <tr><td>llm</td><td>{@code org.springframework.ai.openai.OpenAiChatModel}</td><td>{@code call(Prompt)}
 * </td><td>one call is exactly one chat-completions request: in 2.0 {@code call} -&gt;
 * {@code internalCall} sends one request through the official OpenAI Java SDK and does not loop over
 * tool calls (the ChatClient's advisor does). The bridge {@code call(ModelRequest)} and the
 * {@code ChatModel} default methods {@code call(String)}/{@code call(Message...)} are not matched, so
 * there is no llm-in-llm nesting. Request model, temperature, max tokens and top_p come from the
 * prompt's options (ChatClient always sets them: the model's defaults merged with the call's; max
 * tokens is {@code maxCompletionTokens}, which reasoning models use, else {@code maxTokens});
 * response id and model, finish reasons and usage from the returned {@code ChatResponse}, whose usage
 * is that one request's (not accumulated). Cached prompt tokens are Spring AI's
 * {@code Usage.cacheReadInputTokens} (else the native {@code promptTokensDetails.cachedTokens});
 * reasoning tokens are read from the native OpenAI usage
 * ({@code CompletionUsage.completionTokensDetails.reasoningTokens}). Finish reasons are Spring AI's
 * upper-case names ({@code TOOL_CALLS}, {@code STOP}), written lower-case. With preset
 * {@code openai-java} on too, the SDK call inside is not a second llm span (an llm call directly
 * inside an llm call is not traced).</td></tr>
 * <tr><td>tool</td><td>every implementation of {@code org.springframework.ai.tool.ToolCallback}
 * ({@code MethodToolCallback} for {@code @Tool} methods, {@code FunctionToolCallback}, MCP tool
 * callbacks, your own)</td><td>{@code call(String toolInput, ToolContext)} and
 * {@code call(String toolInput)}</td><td>the {@code ToolCallingManager} calls the two-argument method
 * once per tool call. Spring AI's callbacks implement it, so that is the span; a callback of your own
 * that implements only {@code call(String)} (all the interface requires) is reached through the
 * interface's default two-argument method, which is not instrumented (only implementations are), so
 * its {@code call(String)} is the span. Captured: the arguments JSON the model sent (and the
 * ToolContext) and the result string sent back to the model. The tool's name is the callback's own
 * {@code toolDefinition.name}, a field of the callback object and in no argument of any method that
 * runs exactly one tool call, so {@code gen_ai.tool.name} is read from the receiver
 * ({@code this.toolDefinition.name}) when the call starts; a callback of your own without that field
 * is named by its class and method. A callback's {@code call} reached from another {@code call} of
 * the same rule (a two-argument method delegating to the one-argument one) is one tool call, one
 * span.</td></tr>
 * </table>
 *
 * <p>Streaming ({@code stream()}, returning a {@code Flux}) is not traced: the methods return before
 * anything is sent.
 */
public final class SpringAiPreset implements Preset {
    private static final String CHAT_MODEL = "org.springframework.ai.openai.OpenAiChatModel";
    private static final String CALL_RESPONSE_SPEC = "org.springframework.ai.chat.client.ChatClient$CallResponseSpec";
    private static final String TOOL_CALLBACK = "org.springframework.ai.tool.ToolCallback";

    private static final String OPTIONS = "args[0].chatOptions.";
    private static final String METADATA = "result.chatResponseMetadata.";
    private static final String USAGE = METADATA + "usage.";

    @Override
    public String name() {
        return "spring-ai";
    }

    @Override
    public List<Rule> rules() {
        return List.of(
                Rule.builder("spring-ai.chat-client", "agent")
                        .subtypeOf(CALL_RESPONSE_SPEC)
                        .component("ChatClient")
                        .build(),
                Rule.builder("spring-ai.openai-chat-model", "llm")
                        .match(CHAT_MODEL)
                        .methods("call")
                        .argumentCount(1)
                        .provider("openai")
                        .attribute("gen_ai.request.model", OPTIONS + "model")
                        .attribute("gen_ai.request.temperature", OPTIONS + "temperature")
                        .attribute("gen_ai.request.max_tokens",
                                OPTIONS + "maxCompletionTokens | " + OPTIONS + "maxTokens")
                        .attribute("gen_ai.request.top_p", OPTIONS + "topP")
                        .attribute("gen_ai.response.model", METADATA + "model")
                        .attribute("gen_ai.response.id", METADATA + "id")
                        .attribute("gen_ai.response.finish_reasons",
                                "result.generations[*].chatGenerationMetadata.finishReason")
                        .attribute("gen_ai.usage.input_tokens", USAGE + "promptTokens")
                        .attribute("gen_ai.usage.output_tokens", USAGE + "completionTokens")
                        .attribute("gen_ai.usage.cache_read.input_tokens", USAGE + "cacheReadInputTokens | "
                                + USAGE + "nativeUsage.promptTokensDetails.cachedTokens")
                        .attribute("gen_ai.usage.cache_creation.input_tokens", USAGE + "cacheWriteInputTokens")
                        .attribute("gen_ai.usage.reasoning.output_tokens",
                                USAGE + "nativeUsage.completionTokensDetails.reasoningTokens")
                        .build(),
                Rule.builder("spring-ai.tool-callback", "tool")
                        .subtypeOf(TOOL_CALLBACK)
                        .methods("call")
                        // The name lives only in the callback's own definition (Spring's method and
                        // function callbacks); no argument on the tool path carries it.
                        .attribute("gen_ai.tool.name", "this.toolDefinition.name")
                        .build());
    }
}
