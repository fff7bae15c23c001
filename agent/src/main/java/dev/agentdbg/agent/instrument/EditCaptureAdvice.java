package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.DebugEdits;
import dev.agentdbg.bootstrap.Spans;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Debug mode only, instead of {@link CaptureAdvice} on {@code llm} and {@code tool} methods that return an
 * object: the same capture, plus assigning what the user edited at the call's entry pause (its arguments) or
 * exit pause (its result). The pauses happen inside {@link CallCapture}, so the edits are there to assign
 * right after it returns. Costs one plain field read per side while nothing was edited.
 */
public final class EditCaptureAdvice {
    private EditCaptureAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@MethodId int methodId,
                            @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args,
                            @Advice.This(optional = true, typing = Assigner.Typing.DYNAMIC) Object self,
                            @Advice.Local("agentdbgState") Object state) {
        state = Spans.state();
        int token = CallCapture.enter(state, methodId, args, self);
        if (DebugEdits.pending(state)) {
            args = DebugEdits.args(state, token, args); // checked against the declared types when proposed
        }
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @Advice.Local("agentdbgState") Object state,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        CallCapture.exit(state, token, result, thrown);
        if (DebugEdits.pending(state)) {
            result = DebugEdits.result(state, token, result);
        }
    }
}
