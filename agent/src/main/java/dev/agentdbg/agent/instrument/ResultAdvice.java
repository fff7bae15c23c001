package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.Spans;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into methods whose calls capture only the return value, or may return a
 * CompletableFuture that ends the call later: no argument array is built.
 */
public final class ResultAdvice {
    private ResultAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@MethodId int methodId, @Advice.Local("agentdbgState") Object state) {
        state = Spans.state();
        return CallCapture.enter(state, methodId, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @Advice.Local("agentdbgState") Object state,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        CallCapture.exit(state, token, result, thrown);
    }
}
