package dev.agentdbg.agent.replay;

import dev.agentdbg.replay.HeldHttpCall;
import dev.agentdbg.replay.JdkHttpHooks;
import dev.agentdbg.replay.ReplayedHttpCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the JDK's {@code HttpClient.send}: records the exchange under an {@code llm} span, or
 * in replay skips the real call and returns the served response (or throws the replay's refusal), or
 * with the live debugger holds the answer for the llm call's exit pause (see HeldHttpCall).
 * Typed {@code Object}: this class is loaded by the bootstrap loader, which cannot see java.net.http.
 */
public final class JdkHttpSendAdvice {
    private JdkHttpSendAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ReplayedHttpCall.class, suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) Object request,
                               @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                               Object handler) {
        Object call = JdkHttpHooks.begin(request);
        handler = JdkHttpHooks.handler(call, handler);
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Argument(0) Object request,
                            @Advice.Argument(1) Object handler,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
                            @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
        if (call instanceof ReplayedHttpCall) {
            ReplayedHttpCall replayed = (ReplayedHttpCall) call;
            replayed.send(request, handler);
            response = replayed.response();
            thrown = replayed.failure();
        } else {
            JdkHttpHooks.sent(call, thrown);
            if (call instanceof HeldHttpCall && thrown == null) {
                // the live debugger held the answer: the llm call's exit pause, then the (edited) body
                HeldHttpCall held = (HeldHttpCall) call;
                response = held.release(response);
                thrown = held.failure();
            }
        }
    }
}
