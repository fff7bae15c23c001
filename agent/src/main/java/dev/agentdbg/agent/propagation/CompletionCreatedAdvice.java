package dev.agentdbg.agent.propagation;

import dev.agentdbg.bootstrap.Propagation;
import net.bytebuddy.asm.Advice;

/** Inlined into the constructor of CompletableFuture's continuations: remembers the open span. */
public final class CompletionCreatedAdvice {
    private CompletionCreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object completion) {
        Propagation.taskForked(completion);
    }
}
