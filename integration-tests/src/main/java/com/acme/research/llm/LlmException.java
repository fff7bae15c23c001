package com.acme.research.llm;

/** The LLM could not be reached or answered with an error. */
public class LlmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public LlmException(String message, int statusCode) {
        super(message);
        this.statusCode = statusCode;
    }

    public LlmException(String message, Throwable cause) {
        super(message, cause);
        this.statusCode = -1;
    }

    /** The HTTP status the server answered with, or -1 when there was no answer at all. */
    public int statusCode() {
        return statusCode;
    }
}
