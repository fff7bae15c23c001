package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.Spans;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into capturing methods whose parameters and return type are all primitive: the
 * arguments and the result travel as raw bits through the thread's own storage to the ring slot,
 * so a call allocates nothing (no argument array, no boxes, no captured-call object).
 */
public final class PrimitiveCaptureAdvice {
    private PrimitiveCaptureAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@MethodId int methodId, @ArgumentBits long[] bits,
                            @Advice.Local("agentdbgState") Object state) {
        state = Spans.state();
        // bits is evaluated here, after state is set: the arguments go into this thread's scratch.
        return CallCapture.enterPrimitive(state, methodId, bits);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @Advice.Local("agentdbgState") Object state,
                            @ResultBits long result, @Advice.Thrown Throwable thrown) {
        CallCapture.exitPrimitive(state, token, result, thrown);
    }
}
