package com.acme.bench.scale.tools;

/** A tool call that could not be done; the agent reports it to the model as the tool's result. */
public final class ToolFailedException extends RuntimeException {
    public ToolFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
