package dev.agentdbg.analyzer.model;

import java.util.List;

/** The exception a failed span completed with: type, message, top stack frames and first cause. */
public record SpanError(
        String type,
        String message,
        List<String> stack,
        int framesOmitted,
        String causeType,
        String causeMessage) {

    public SpanError {
        stack = stack == null ? List.of() : List.copyOf(stack);
    }

    /** {@code IOException} for {@code java.io.IOException}; nested classes keep their {@code $}. */
    public String simpleType() {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    /** The frame the exception was thrown from, or {@code null} when the agent recorded none. */
    public String topFrame() {
        return stack.isEmpty() ? null : stack.get(0);
    }

    /**
     * The first frame inside the traced method itself, which is where a user starts reading when the
     * exception was thrown deeper, inside a library.
     */
    public String frameOf(MethodInfo method) {
        String prefix = method.className() + "." + method.method() + "(";
        for (String frame : stack) {
            if (frame.startsWith(prefix)) {
                return frame;
            }
        }
        return null;
    }

    /** {@code java.io.IOException: connection reset}, or just the type when there is no message. */
    public String headline() {
        return message == null ? type : type + ": " + message;
    }

    /** Like {@link #headline()} for the cause, or {@code null} when the agent recorded none. */
    public String causeHeadline() {
        if (causeType == null) {
            return null;
        }
        return causeMessage == null ? causeType : causeType + ": " + causeMessage;
    }
}
