package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.Spans;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every instrumented method: one bridge call on entry, one on exit. Any Throwable from
 * the agent is suppressed; a suppressed enter yields token 0, which exit ignores.
 */
public final class SpanAdvice {
    private SpanAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@MethodId int methodId) {
        return Spans.enter(methodId);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @Advice.Thrown Throwable thrown) {
        Spans.exit(token, thrown);
    }
}
