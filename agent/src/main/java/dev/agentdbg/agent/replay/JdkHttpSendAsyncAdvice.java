package dev.agentdbg.agent.replay;

import dev.agentdbg.replay.HeldHttpCall;
import dev.agentdbg.replay.JdkHttpHooks;
import dev.agentdbg.replay.ReplayedHttpCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the JDK's {@code HttpClient.sendAsync} (both overloads): records the exchange under an
 * {@code llm} span, or in replay skips the real call and returns a future the agent completes.
 * Typed {@code Object}: this class is loaded by the bootstrap loader, which cannot see java.net.http.
 */
public final class JdkHttpSendAsyncAdvice {
    private JdkHttpSendAsyncAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ReplayedHttpCall.class, suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) Object request,
                               @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                               Object handler) {
        Object call = JdkHttpHooks.begin(request);
        if (call instanceof HeldHttpCall) {
            call = null; // the live debugger holds the answers of blocking sends only
        }
        handler = JdkHttpHooks.handler(call, handler);
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Argument(0) Object request,
                            @Advice.Argument(1) Object handler,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future,
                            @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
        if (call instanceof ReplayedHttpCall) {
            future = ((ReplayedHttpCall) call).sendAsync(request, handler);
            thrown = null;
        } else {
            JdkHttpHooks.sentAsync(call, future, thrown);
        }
    }
}
