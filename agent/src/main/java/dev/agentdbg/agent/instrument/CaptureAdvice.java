package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.Spans;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into methods whose calls capture arguments and results, or may end after they return
 * (a returned CompletableFuture, a streaming handler). Costs an argument array per call, which is
 * why plain spans use {@link SpanAdvice}.
 */
public final class CaptureAdvice {
    private CaptureAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@MethodId int methodId, @Advice.AllArguments Object[] args,
                            @Advice.This(optional = true, typing = Assigner.Typing.DYNAMIC) Object self,
                            @Advice.Local("agentdbgState") Object state) {
        state = Spans.state();
        return CallCapture.enter(state, methodId, args, self);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @Advice.Local("agentdbgState") Object state,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        CallCapture.exit(state, token, result, thrown);
    }
}
