package dev.agentdbg.agent.presets;

import dev.agentdbg.agent.rules.Rule;

import java.util.List;

/**
 * Preset {@code langchain4j}: LangChain4j 1.x (checked against 1.19.0) with no rule of the user's.
 *
 * <table>
 * <caption>What it instruments</caption>
 * <tr><th>kind</th><th>class and method</th><th>why this method</th></tr>
 * <tr><td>llm</td><td>every {@code dev.langchain4j.model.chat.ChatModel} implementation,
 *     {@code doChat(ChatRequest)} (e.g. {@code OpenAiChatModel#doChat})</td>
 *     <td>the one method a provider implements per request. The public {@code chat(ChatRequest)}
 *     is an interface default that calls the default {@code chat(ChatRequest, ChatRequestOptions)},
 *     which calls {@code doChat} with the model's default parameters merged in: hooking
 *     {@code chat} would give one call two or three nested spans, and its request would lack the
 *     defaults (model name, temperature ...).</td></tr>
 * <tr><td>llm</td><td>every {@code dev.langchain4j.model.chat.StreamingChatModel} implementation,
 *     {@code doChat(ChatRequest, StreamingChatResponseHandler)}, ending on a callback on its
 *     handler argument</td>
 *     <td>same as above; the call returns at once and the answer arrives on an HTTP client
 *     thread, so the span ends when the handler it was given gets {@code onCompleteResponse}
 *     (its argument is the result) or {@code onError}. Only the request is captured, not the
 *     handler (which holds the whole AiServices context).</td></tr>
 * <tr><td>callback</td><td>every {@code dev.langchain4j.model.chat.response.StreamingChatResponseHandler}
 *     implementation, {@code onCompleteResponse(ChatResponse)} and {@code onError(Throwable)}</td>
 *     <td>end the streaming call above (the handler {@code doChat} receives is an anonymous class
 *     of {@code StreamingChatModel}, a real class; calls on other handlers end nothing). What runs
 *     inside, the AiServices tool loop and the next request, belongs to the streaming call's
 *     parent, so the tree reads agent -&gt; llm, tool, llm.</td></tr>
 * <tr><td>tool</td><td>{@code dev.langchain4j.service.tool.ToolService#executeWithErrorHandling}
 *     (static; argument 0 is the {@code ToolExecutionRequest}: id, name, JSON arguments)</td>
 *     <td>the one place AiServices runs every tool, blocking or streaming, sequential or
 *     concurrent, whether the tool is a {@code @Tool} method ({@code DefaultToolExecutor}, whose
 *     public {@code execute(ToolExecutionRequest, Object)} is not on this path) or a
 *     {@code ToolExecutor} the application gave (often a lambda: a hidden class that cannot be
 *     instrumented). Only the request is captured, not the executor (which holds the tool object)
 *     nor the invocation context. A tool that throws is caught here and turned into an error
 *     result ({@code isError: true}), which the rule's {@code errorWhen} turns back into a failed span.</td></tr>
 * <tr><td>agent</td><td>the AiServices proxy's {@code InvocationHandler}: classes
 *     {@code dev.langchain4j.service.DefaultAiServices$*} implementing
 *     {@code java.lang.reflect.InvocationHandler}, method
 *     {@code invoke(Method, Object[], InvocationContext)}</td>
 *     <td>an AiServices interface is a {@code java.lang.reflect.Proxy} whose handler is the
 *     anonymous {@code DefaultAiServices$1}; matching it by what it is (an InvocationHandler nested
 *     in DefaultAiServices) avoids every other proxy (annotation instances are proxies too), and
 *     the class is a real one (not a lambda). Its {@code invoke(Object proxy, Method, Object[])}
 *     calls this {@code invoke} for the service's own methods only: the proxy's {@code equals},
 *     {@code hashCode} and {@code toString}, default methods and {@code ChatMemoryAccess} make no
 *     agent span, and one service call makes one. {@code gen_ai.agent.name} comes from the
 *     captured {@code Method} ("Assistant.chat"); the user's arguments are captured, not the
 *     invocation context.</td></tr>
 * <tr><td>agent</td><td>{@code dev.langchain4j.service.AiServiceTokenStream#start()}</td>
 *     <td>a streaming AiServices method only builds a {@code TokenStream} and returns; the
 *     conversation runs when the application calls {@code start()}, after the proxy call has
 *     ended. This span is the parent of the streamed conversation's llm and tool spans; it ends
 *     when {@code start()} returns, right after the first request was sent, so its children
 *     outlive it.</td></tr>
 * </table>
 *
 * <p>Token usage is taken once per provider call, from the llm spans only: the {@code ChatResponse}
 * of {@code doChat} (or the one its streaming handler receives), {@code metadata.tokenUsage}
 * ({@code inputTokenCount}, which includes cached tokens for OpenAI, {@code outputTokenCount}, and
 * for {@code OpenAiTokenUsage} {@code inputTokensDetails.cachedTokens} and
 * {@code outputTokensDetails.reasoningTokens}). The final response a {@code TokenStream} or a
 * {@code Result} hands the application sums the whole tool loop; nothing here reads it. Anthropic
 * models get the same rules without explicit usage paths, so the usage heuristics add
 * {@code cacheReadInputTokens} and {@code cacheCreationInputTokens} (reported apart from
 * {@code inputTokenCount}) to the input tokens.
 */
public final class LangChain4jPreset implements Preset {
    private static final String CHAT_MODEL = "dev.langchain4j.model.chat.ChatModel";
    private static final String STREAMING_CHAT_MODEL = "dev.langchain4j.model.chat.StreamingChatModel";
    private static final String STREAMING_HANDLER = "dev.langchain4j.model.chat.response.StreamingChatResponseHandler";
    private static final String ANTHROPIC = "dev.langchain4j.model.anthropic.**";

    @Override
    public String name() {
        return "langchain4j";
    }

    @Override
    public List<Rule> rules() {
        return List.of(
                // Anthropic first: same methods, usage left to the heuristics (cache tokens are
                // reported apart from inputTokenCount there). Rules earlier in the list win.
                requestAndResponse(Rule.builder("langchain4j-chat-anthropic", "llm")
                        .match(ANTHROPIC).subtypeOf(CHAT_MODEL).methods("doChat").argumentCount(1)
                        .provider("anthropic"))
                        .build(),
                requestAndResponse(Rule.builder("langchain4j-streaming-anthropic", "llm")
                        .match(ANTHROPIC).subtypeOf(STREAMING_CHAT_MODEL).methods("doChat").argumentCount(2)
                        .endsOnCallback(1).captureArgs(0).provider("anthropic"))
                        .build(),
                usage(requestAndResponse(Rule.builder("langchain4j-chat", "llm")
                        .subtypeOf(CHAT_MODEL).methods("doChat").argumentCount(1)))
                        .build(),
                usage(requestAndResponse(Rule.builder("langchain4j-streaming", "llm")
                        .subtypeOf(STREAMING_CHAT_MODEL).methods("doChat").argumentCount(2)
                        .endsOnCallback(1).captureArgs(0)))
                        .build(),
                Rule.builder("langchain4j-streaming-complete", "callback")
                        .subtypeOf(STREAMING_HANDLER).methods("onCompleteResponse").argumentCount(1)
                        .outcome(Rule.Outcome.RESULT)
                        .build(),
                Rule.builder("langchain4j-streaming-error", "callback")
                        .subtypeOf(STREAMING_HANDLER).methods("onError").argumentCount(1)
                        .outcome(Rule.Outcome.ERROR)
                        .build(),
                Rule.builder("langchain4j-tool", "tool")
                        .match("dev.langchain4j.service.tool.ToolService").methods("executeWithErrorHandling")
                        .argumentCount(5)
                        .component("langchain4j-tools")
                        .captureArgs(0)
                        .attribute("gen_ai.tool.name", "args[0].name")
                        .attribute("gen_ai.tool.call.id", "args[0].id")
                        // The tool's exception is caught here and returned as an error result.
                        .errorWhen("result.isError")
                        .build(),
                Rule.builder("langchain4j-aiservice", "agent")
                        .match("dev.langchain4j.service.DefaultAiServices$*")
                        .subtypeOf("java.lang.reflect.InvocationHandler")
                        .methods("invoke")
                        .parameterTypes("java.lang.reflect.Method", "java.lang.Object[]",
                                "dev.langchain4j.invocation.InvocationContext")
                        .component("AiServices")
                        .capture(true).captureArgs(0, 1)
                        .attribute("gen_ai.agent.name", "args[0]")
                        .build(),
                Rule.builder("langchain4j-tokenstream", "agent")
                        .match("dev.langchain4j.service.AiServiceTokenStream").methods("start").argumentCount(0)
                        .component("AiServices TokenStream")
                        .capture(true)
                        // The service method this stream answers: the same name as the proxy's span.
                        .attribute("gen_ai.agent.name", "this.methodKey")
                        .build());
    }

    /** Request parameters (after the model's defaults were merged) and response metadata. */
    private static Rule.Builder requestAndResponse(Rule.Builder rule) {
        return rule
                .attribute("gen_ai.request.model", "args[0].parameters.modelName")
                .attribute("gen_ai.request.temperature", "args[0].parameters.temperature")
                .attribute("gen_ai.request.top_p", "args[0].parameters.topP")
                .attribute("gen_ai.request.max_tokens", "args[0].parameters.maxOutputTokens")
                .attribute("gen_ai.response.model", "result.metadata.modelName")
                .attribute("gen_ai.response.id", "result.metadata.id")
                .attribute("gen_ai.response.finish_reasons", "result.metadata.finishReason");
    }

    /** TokenUsage, and OpenAiTokenUsage's details (its input count includes the cached tokens). */
    private static Rule.Builder usage(Rule.Builder rule) {
        return rule
                .attribute("gen_ai.usage.input_tokens", "result.metadata.tokenUsage.inputTokenCount")
                .attribute("gen_ai.usage.output_tokens", "result.metadata.tokenUsage.outputTokenCount")
                .attribute("gen_ai.usage.cache_read.input_tokens",
                        "result.metadata.tokenUsage.inputTokensDetails.cachedTokens")
                .attribute("gen_ai.usage.reasoning.output_tokens",
                        "result.metadata.tokenUsage.outputTokensDetails.reasoningTokens");
    }
}
