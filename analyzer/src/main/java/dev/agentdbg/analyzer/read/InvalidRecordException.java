package dev.agentdbg.analyzer.read;

/** A line parsed as JSON but is not a usable record of its type; the message says what is wrong. */
final class InvalidRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidRecordException(String message) {
        super(message, null, false, false);
    }
}
