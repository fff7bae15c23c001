package dev.agentdbg.agent.propagation;

import dev.agentdbg.bootstrap.Propagation;
import net.bytebuddy.asm.Advice;

/** Inlined into the ForkJoinPool methods that take a ForkJoinTask: it will run under the open span. */
public final class ForkJoinTaskSubmitAdvice {
    private ForkJoinTaskSubmitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object task) {
        Propagation.taskForked(task);
    }
}
