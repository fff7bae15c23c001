package dev.agentdbg.analyzer.export;

/**
 * The spans could not be written or sent (the OTLP endpoint is down or refused them, the output file failed); the
 * message is one complete line for the user. Unchecked, so a writer can stop the read from inside the listener.
 */
public final class ExportFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExportFailedException(String message) {
        super(message);
    }
}
