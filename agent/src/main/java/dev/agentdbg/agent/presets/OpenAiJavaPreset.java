package dev.agentdbg.agent.presets;

import dev.agentdbg.agent.rules.Rule;

import java.util.List;

/**
 * {@code openai-java}: the official OpenAI Java SDK ({@code com.openai:openai-java}, checked on
 * 4.101.0). One {@code llm} span per provider call:
 *
 * <ul>
 *   <li>{@code com.openai.services.blocking.chat.ChatCompletionServiceImpl#create(ChatCompletionCreateParams, RequestOptions)}
 *       &mdash; {@code client.chat().completions().create(params)}</li>
 *   <li>{@code com.openai.services.async.chat.ChatCompletionServiceAsyncImpl#create(ChatCompletionCreateParams, RequestOptions)}
 *       &mdash; {@code client.async().chat().completions().create(params)}; returns a
 *       {@code CompletableFuture} that the SDK completes on an OkHttp dispatcher thread, so the span
 *       ends when the future completes and its value is the span's result</li>
 *   <li>{@code com.openai.services.blocking.ResponseServiceImpl#create(ResponseCreateParams, RequestOptions)}
 *       &mdash; {@code client.responses().create(params)}</li>
 *   <li>{@code com.openai.services.async.ResponseServiceAsyncImpl#create(ResponseCreateParams, RequestOptions)}
 *       &mdash; {@code client.async().responses().create(params)}</li>
 * </ul>
 *
 * <p>Why exactly these methods:
 * <ul>
 *   <li>Every public {@code create} overload of the service interfaces ({@code create(params)},
 *       structured-output {@code create(StructuredChatCompletionCreateParams)},
 *       {@code create(RequestOptions)}, and the Kotlin {@code create$default} bridges) is a default or
 *       synthetic method on the interface that ends in the implementation's two-argument
 *       {@code create(params, requestOptions)}: tracing that one method gives one span per call,
 *       whichever overload the app used. The rules are additionally restricted to two parameters.</li>
 *   <li>The implementation delegates to {@code withRawResponse().create(...)}
 *       ({@code ...ServiceImpl$WithRawResponseImpl}), which sends the HTTP request and returns an
 *       unparsed {@code HttpResponseFor}: it is not traced, so it neither doubles the span nor
 *       replaces the parsed {@code ChatCompletion}/{@code Response} as the captured result. (An app
 *       that calls {@code withRawResponse()} itself is therefore not traced by this preset.)</li>
 *   <li>The classes are named exactly (they are {@code final}, and the SDK jar holds ~37,000
 *       classes): the agent decides on a class by its name alone, no type hierarchy is resolved.</li>
 *   <li>Only the params (argument 0) are captured, not the {@code RequestOptions}.</li>
 * </ul>
 *
 * <p>Not covered: streaming ({@code createStreaming}: it returns before the response has
 * arrived), calls made through {@code withRawResponse()} directly, and the SDK's other endpoints
 * (embeddings, images, audio, the beta Assistants API). Spring AI's OpenAI model calls this SDK,
 * so turning on both {@code spring-ai} and {@code openai-java} shows each request twice, as an
 * {@code OpenAiChatModel.call} llm span with the SDK's llm span inside it.
 *
 * <p>Attributes are read from the SDK's Kotlin fields: each is a {@code JsonField}, which capture
 * unwraps to its value ({@code JsonMissing}: left out, so an attribute the response lacks is
 * absent). Enum-like types ({@code ChatModel}, {@code FinishReason}, {@code ResponseStatus}) keep
 * their string in a field {@code value}.
 * <ul>
 *   <li>Chat completions: request {@code body.model.value}, {@code body.temperature},
 *       {@code body.maxCompletionTokens}, {@code body.topP}; response {@code model}, {@code id},
 *       {@code choices[*].finishReason.value}; usage {@code promptTokens} (cached included),
 *       {@code completionTokens} (reasoning included),
 *       {@code promptTokensDetails.cachedTokens} / {@code .cacheWriteTokens},
 *       {@code completionTokensDetails.reasoningTokens}. The deprecated {@code max_tokens}
 *       ({@code body.maxTokens}) is still found by the generic heuristics when it is the one set.</li>
 *   <li>Responses API: the request model is the union {@code ResponsesModel}; the path reads its
 *       {@code string} variant, i.e. a model given as a {@code String} ({@code .model("gpt-4.1")});
 *       given as a {@code ChatModel} constant it is not found (a rule has one path per attribute).
 *       The response's model is read from the union's raw JSON ({@code model._json}), which a
 *       parsed response always has. Finish reason: the response {@code status}
 *       ({@code completed}, {@code incomplete}, …). Usage {@code inputTokens},
 *       {@code outputTokens}, {@code inputTokensDetails.cachedTokens} / {@code .cacheWriteTokens},
 *       {@code outputTokensDetails.reasoningTokens}; request {@code body.temperature},
 *       {@code body.maxOutputTokens}, {@code body.topP}.</li>
 * </ul>
 */
public final class OpenAiJavaPreset implements Preset {
    static final String CHAT = "com.openai.services.blocking.chat.ChatCompletionServiceImpl";
    static final String CHAT_ASYNC = "com.openai.services.async.chat.ChatCompletionServiceAsyncImpl";
    static final String RESPONSES = "com.openai.services.blocking.ResponseServiceImpl";
    static final String RESPONSES_ASYNC = "com.openai.services.async.ResponseServiceAsyncImpl";

    @Override
    public String name() {
        return "openai-java";
    }

    @Override
    public List<Rule> rules() {
        return List.of(
                chat("openai-java-chat", CHAT),
                chat("openai-java-chat-async", CHAT_ASYNC),
                responses("openai-java-responses", RESPONSES),
                responses("openai-java-responses-async", RESPONSES_ASYNC));
    }

    private static Rule.Builder call(String ruleName, String serviceImpl) {
        return Rule.builder(ruleName, "llm")
                .match(serviceImpl)
                .methods("create")
                .argumentCount(2)
                .component("openai")
                .provider("openai")
                .captureArgs(0);
    }

    /** {@code ChatCompletionCreateParams.body} and {@code ChatCompletion}, {@code CompletionUsage}. */
    private static Rule chat(String ruleName, String serviceImpl) {
        return call(ruleName, serviceImpl)
                .attribute("gen_ai.request.model", "args[0].body.model.value")
                .attribute("gen_ai.request.temperature", "args[0].body.temperature")
                .attribute("gen_ai.request.max_tokens", "args[0].body.maxCompletionTokens | args[0].body.maxTokens")
                .attribute("gen_ai.request.top_p", "args[0].body.topP")
                .attribute("gen_ai.response.model", "result.model")
                .attribute("gen_ai.response.id", "result.id")
                .attribute("gen_ai.response.finish_reasons", "result.choices[*].finishReason.value")
                .attribute("gen_ai.usage.input_tokens", "result.usage.promptTokens")
                .attribute("gen_ai.usage.output_tokens", "result.usage.completionTokens")
                .attribute("gen_ai.usage.cache_read.input_tokens", "result.usage.promptTokensDetails.cachedTokens")
                .attribute("gen_ai.usage.cache_creation.input_tokens",
                        "result.usage.promptTokensDetails.cacheWriteTokens")
                .attribute("gen_ai.usage.reasoning.output_tokens",
                        "result.usage.completionTokensDetails.reasoningTokens")
                .build();
    }

    /** {@code ResponseCreateParams.body} and {@code Response}, {@code ResponseUsage}. */
    private static Rule responses(String ruleName, String serviceImpl) {
        return call(ruleName, serviceImpl)
                .attribute("gen_ai.request.model",
                        "args[0].body.model.string | args[0].body.model.chat.value | args[0].body.model.only.value")
                .attribute("gen_ai.request.temperature", "args[0].body.temperature")
                .attribute("gen_ai.request.max_tokens", "args[0].body.maxOutputTokens")
                .attribute("gen_ai.request.top_p", "args[0].body.topP")
                .attribute("gen_ai.response.model", "result.model._json")
                .attribute("gen_ai.response.id", "result.id")
                .attribute("gen_ai.response.finish_reasons", "result.status.value")
                .attribute("gen_ai.usage.input_tokens", "result.usage.inputTokens")
                .attribute("gen_ai.usage.output_tokens", "result.usage.outputTokens")
                .attribute("gen_ai.usage.cache_read.input_tokens", "result.usage.inputTokensDetails.cachedTokens")
                .attribute("gen_ai.usage.cache_creation.input_tokens",
                        "result.usage.inputTokensDetails.cacheWriteTokens")
                .attribute("gen_ai.usage.reasoning.output_tokens",
                        "result.usage.outputTokensDetails.reasoningTokens")
                .build();
    }
}
