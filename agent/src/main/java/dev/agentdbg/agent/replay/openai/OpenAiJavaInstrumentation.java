package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.replay.AsyncCompletions;
import dev.agentdbg.agent.instrument.RetransformingBuilder;

import dev.agentdbg.replay.ReplaySettings;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;

import net.bytebuddy.matcher.ElementMatcher;

import java.lang.instrument.Instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Installs record/replay on the openai-java transports: the SDK's OkHttp client and Spring AI's own
 * OkHttp client for the SDK (Spring AI 2's {@code OpenAiChatModel} builds the SDK on it). Both are the
 * last {@code com.openai.core.http.HttpClient} before the network, below the SDK's retry, logging and
 * authentication layers, so one recorded exchange is one request on the wire.
 */
public final class OpenAiJavaInstrumentation {
    /** The transports, named exactly: the SDK's wrappers implement the same interface and must not be matched. */
    static final String[] TRANSPORTS = {
        "com.openai.client.okhttp.OkHttpClient",
        "org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient"};

    private OpenAiJavaInstrumentation() {
    }

    public static void install(Instrumentation instrumentation, ReplaySettings settings) {
        if (settings.replaying()) {
            AsyncCompletions.start();
        }
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.ForClassLoader.of(OpenAiJavaInstrumentation.class.getClassLoader()),
                ClassFileLocator.ForClassLoader.ofSystemLoader());
        Advice execute = Advice.to(ExecuteAdvice.class, locator);
        Advice executeAsync = Advice.to(ExecuteAsyncAdvice.class, locator);
        ElementMatcher.Junction<MethodDescription> sdkCall = isPublic().and(takesArguments(2))
                .and(takesArgument(0, named("com.openai.core.http.HttpRequest")))
                .and(takesArgument(1, named("com.openai.core.RequestOptions")));
        RetransformingBuilder.create()
                .type(namedOneOf(TRANSPORTS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(execute.on(named("execute").and(sdkCall)))
                        .visit(executeAsync.on(named("executeAsync").and(sdkCall))))
                .installOn(instrumentation);
    }
}
