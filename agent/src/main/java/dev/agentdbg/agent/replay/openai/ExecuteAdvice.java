package dev.agentdbg.agent.replay.openai;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the transport's {@code execute(HttpRequest, RequestOptions)}: records the exchange, or
 * answers it from the recording and skips the real call. A {@code ReplayException} is handed back as
 * the method's own exception; any other fault in the agent is suppressed.
 */
public final class ExecuteAdvice {
    private ExecuteAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = OpenAiTransport.Skip.class, suppress = Throwable.class)
    public static Object enter(@Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object request) {
        return OpenAiTransport.enter(request, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object state,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
        returned = OpenAiTransport.returned(state, returned, thrown, false);
        thrown = OpenAiTransport.thrown(state, thrown);
    }
}
