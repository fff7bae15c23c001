package dev.agentdbg.agent.instrument;

import dev.agentdbg.replay.values.ValueReplay;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Replay mode only, inside the span advice of the rule methods {@code agentdbg.replay.kinds} selects:
 * a call the recording answers skips the method body and returns the recorded value or throws the
 * recorded exception (or a ReplayException that says why it cannot be served); the span around it is
 * recorded as usual. A call that is not served (anything but a {@link ValueReplay.Served}) runs for real.
 */
public final class ReplayValueAdvice {
    private ReplayValueAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ValueReplay.Served.class, suppress = Throwable.class)
    public static Object enter(@MethodId int methodId, @Advice.AllArguments Object[] args,
                               @Advice.Origin Class<?> origin) {
        return ValueReplay.serve(methodId, args, origin);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object served,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
        if (served instanceof ValueReplay.Served) {
            // the exception first: for a primitive method, assigning the null value would fail (and be suppressed)
            thrown = ValueReplay.thrown(served);
            if (thrown == null) {
                result = ValueReplay.value(served);
            }
        } else {
            ValueReplay.finished(served);
        }
    }
}
