package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.CallCapture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into callback methods (a streaming handler's completion or error): ends the call the
 * handler was given to, and runs the callback's body under that call's parent. Creates no span.
 */
public final class CallbackAdvice {
    private CallbackAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@MethodId int methodId, @Advice.This(typing = Assigner.Typing.DYNAMIC) Object handler,
                            @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object argument) {
        return CallCapture.callbackEnter(methodId, handler, argument);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token) {
        CallCapture.callbackExit(token);
    }
}
