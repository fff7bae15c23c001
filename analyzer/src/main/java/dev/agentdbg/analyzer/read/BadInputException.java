package dev.agentdbg.analyzer.read;

/**
 * The user pointed the analyzer at something it cannot analyse (missing path, no trace files, unknown run).
 *
 * <p>The message is a complete sentence shown as-is on one line; the CLI exits with code 2 and no stack trace.
 */
public final class BadInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
