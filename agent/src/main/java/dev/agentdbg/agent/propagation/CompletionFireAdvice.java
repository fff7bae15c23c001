package dev.agentdbg.agent.propagation;

import dev.agentdbg.bootstrap.Propagation;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into each CompletableFuture continuation's {@code tryFire}: runs it under the span it was
 * registered in; once it has fired ({@code dep} cleared) the span is forgotten.
 */
public final class CompletionFireAdvice {
    private CompletionFireAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@Advice.This Object completion) {
        return Propagation.completionFiring(completion);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @Advice.This Object completion,
                            @Advice.FieldValue("dep") Object dependent) {
        Propagation.exitTask(token);
        if (dependent == null) {
            Propagation.completionFired(completion);
        }
    }
}
