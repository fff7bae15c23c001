package dev.agentdbg.agent.propagation;

import dev.agentdbg.bootstrap.Propagation;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ForkJoinTask.fork}: the forked task will run under the open span. */
public final class ForkAdvice {
    private ForkAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object task) {
        Propagation.taskForked(task);
    }
}
