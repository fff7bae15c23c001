package dev.agentdbg.agent.instrument;

import dev.agentdbg.replay.values.ValueRecords;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Record mode only, inside the span advice of every non-LLM rule method: the call's arguments when
 * it starts, its return value or exception when it ends, recorded at full fidelity for replay.
 * Trace mode never gets this advice, so its classes stay as they were.
 */
public final class RecordValueAdvice {
    private RecordValueAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@MethodId int methodId, @Advice.AllArguments Object[] args) {
        return ValueRecords.enter(methodId, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object pending,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        ValueRecords.exit(pending, result, thrown);
    }
}
