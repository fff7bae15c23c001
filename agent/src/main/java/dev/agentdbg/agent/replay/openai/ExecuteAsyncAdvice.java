package dev.agentdbg.agent.replay.openai;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the transport's {@code executeAsync(HttpRequest, RequestOptions)}: records the exchange when the
 * future completes, or answers it from the recording with a future completed on the agent's thread. A
 * {@code ReplayException} fails the returned future; any other fault in the agent is suppressed.
 */
public final class ExecuteAsyncAdvice {
    private ExecuteAsyncAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = OpenAiTransport.Skip.class, suppress = Throwable.class)
    public static Object enter(@Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object request) {
        return OpenAiTransport.enter(request, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object state,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
        returned = OpenAiTransport.returned(state, returned, thrown, true);
        thrown = OpenAiTransport.thrown(state, thrown);
    }
}
