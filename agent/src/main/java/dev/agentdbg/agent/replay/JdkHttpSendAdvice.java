package dev.agentdbg.agent.replay;

import dev.agentdbg.replay.http.JdkHttp;
import dev.agentdbg.replay.http.ReplayedCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Inlined into the JDK's {@code HttpClient.send}: records the exchange under an {@code llm} span, or
 * in replay skips the real call and returns the served response (or throws the replay's refusal).
 */
public final class JdkHttpSendAdvice {
    private JdkHttpSendAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ReplayedCall.class, suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) HttpRequest request,
                               @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler<?> handler) {
        Object call = JdkHttp.begin(request);
        handler = JdkHttp.handler(call, handler);
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Argument(0) HttpRequest request,
                            @Advice.Argument(1) HttpResponse.BodyHandler<?> handler,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
                            @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
        if (call instanceof ReplayedCall) {
            ReplayedCall replayed = (ReplayedCall) call;
            replayed.send(request, handler);
            response = replayed.response();
            thrown = replayed.failure();
        } else {
            JdkHttp.sent(call, thrown);
        }
    }
}
