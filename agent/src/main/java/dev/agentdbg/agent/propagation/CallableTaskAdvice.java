package dev.agentdbg.agent.propagation;

import dev.agentdbg.bootstrap.Propagation;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.Callable;

/** Inlined into JDK executor methods that take a Callable: hands the open span over with the task. */
public final class CallableTaskAdvice {
    private CallableTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task,
                             @Advice.Local("agentdbgState") Object state) {
        state = Propagation.executorEntered();
        task = Propagation.wrap(state, task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Local("agentdbgState") Object state) {
        Propagation.executorExited(state);
    }
}
