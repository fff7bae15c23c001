package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.Spans;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every instrumented method: look up the thread's span stack once, then one bridge call
 * on entry and one on exit. Any Throwable from the agent is suppressed; a suppressed enter yields
 * token 0, which exit ignores.
 */
public final class SpanAdvice {
    private SpanAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@MethodId int methodId, @Advice.Local("agentdbgState") Object state) {
        state = Spans.state(); // one thread-local look-up per call, shared with exit
        return Spans.enter(state, methodId);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @Advice.Local("agentdbgState") Object state,
                            @Advice.Thrown Throwable thrown) {
        Spans.exit(state, token, thrown);
    }
}
