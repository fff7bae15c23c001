package dev.agentdbg.agent.propagation;

import dev.agentdbg.bootstrap.Propagation;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.Callable;

/** Inlined into JDK executor methods that take a Callable: hands the open span over with the task. */
public final class CallableTaskAdvice {
    private CallableTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
        Propagation.executorEntered();
        task = Propagation.wrap(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit() {
        Propagation.executorExited();
    }
}
