package dev.agentdbg.agent.propagation;

import dev.agentdbg.bootstrap.Propagation;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Thread.start}: a thread started inside an open span works for it. */
public final class ThreadStartAdvice {
    private ThreadStartAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Thread thread) {
        Propagation.threadStarting(thread);
    }
}
