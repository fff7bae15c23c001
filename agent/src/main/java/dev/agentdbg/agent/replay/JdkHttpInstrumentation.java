package dev.agentdbg.agent.replay;

import dev.agentdbg.agent.instrument.RetransformingBuilder;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.replay.JdkHttpHooks;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;

import java.lang.instrument.Instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;

import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Record and replay for {@code java.net.http.HttpClient}: advice in {@code send} and both
 * {@code sendAsync} of {@code jdk.internal.net.http.HttpClientFacade}, the class every
 * {@code HttpClient.newHttpClient()}/{@code newBuilder().build()} returns (same shape on JDK 17 and 25).
 * The facade, not {@code HttpClientImpl}: the impl's send calls its own sendAsync, which would record twice.
 */
final class JdkHttpInstrumentation {
    static final String FACADE = "jdk.internal.net.http.HttpClientFacade";

    private JdkHttpInstrumentation() {
    }

    static void install(Instrumentation instrumentation) {
        try {
            // Loaded now (java.net.http is the platform loader's) so that retransformation reaches it
            // even when the application touched HttpClient before the agent, or CDS skips the hook.
            Class.forName(FACADE, false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return; // a runtime image without java.net.http
        }
        // The adapter uses java.net.http's types, so it lives under the platform loader (see PlatformSideLoader).
        try {
            PlatformSideLoader loader = new PlatformSideLoader("dev.agentdbg.replay.http.");
            loader.preloadAll();
            loader.loadClass("dev.agentdbg.replay.http.JdkHttp").getMethod("install").invoke(null);
        } catch (ReflectiveOperationException | java.io.IOException | LinkageError e) {
            AgentCounters.internalError("record-replay-java.net.http", e);
            return;
        }
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.ForClassLoader.of(JdkHttpInstrumentation.class.getClassLoader()),
                ClassFileLocator.ForClassLoader.ofSystemLoader());
        Advice send = Advice.to(JdkHttpSendAdvice.class, locator);
        Advice sendAsync = Advice.to(JdkHttpSendAsyncAdvice.class, locator);
        RetransformingBuilder.create()
                // The advice runs in module java.net.http and calls JdkHttpHooks, in the bootstrap loader's unnamed module.
                .assureReadEdgeTo(instrumentation, JdkHttpHooks.class)
                .type(named(FACADE))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(send.on(named("send").and(takesArguments(2))
                                .and(takesArgument(0, named("java.net.http.HttpRequest")))))
                        .visit(sendAsync.on(named("sendAsync").and(takesArgument(0, named("java.net.http.HttpRequest")))
                                .and(takesArguments(2).or(takesArguments(3))))))
                .installOn(instrumentation);
    }
}
