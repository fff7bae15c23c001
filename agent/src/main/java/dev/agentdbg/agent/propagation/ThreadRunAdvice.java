package dev.agentdbg.agent.propagation;

import dev.agentdbg.bootstrap.Propagation;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Thread.run} (and a virtual thread's run): restores the starter's span around it. */
public final class ThreadRunAdvice {
    private ThreadRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter() {
        return Propagation.threadRunning();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token) {
        Propagation.exitTask(token);
    }
}
