package dev.agentdbg.agent.propagation;

import dev.agentdbg.bootstrap.Propagation;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ForkJoinTask.doExec}: restores the span the task was forked or submitted under. */
public final class ForkJoinTaskExecAdvice {
    private ForkJoinTaskExecAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@Advice.This Object task) {
        return Propagation.forkJoinTaskStarting(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token) {
        Propagation.exitTask(token);
    }
}
