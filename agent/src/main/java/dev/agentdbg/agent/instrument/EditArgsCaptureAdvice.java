package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.DebugEdits;
import dev.agentdbg.bootstrap.Spans;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@link EditCaptureAdvice} for {@code llm} and {@code tool} methods returning void or a primitive: only
 * their arguments can be edited (debug mode only).
 */
public final class EditArgsCaptureAdvice {
    private EditArgsCaptureAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@MethodId int methodId,
                            @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args,
                            @Advice.This(optional = true, typing = Assigner.Typing.DYNAMIC) Object self,
                            @Advice.Local("agentdbgState") Object state) {
        state = Spans.state();
        int token = CallCapture.enter(state, methodId, args, self);
        if (DebugEdits.pending(state)) {
            args = DebugEdits.args(state, token, args);
        }
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @Advice.Local("agentdbgState") Object state,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        CallCapture.exit(state, token, result, thrown);
    }
}
