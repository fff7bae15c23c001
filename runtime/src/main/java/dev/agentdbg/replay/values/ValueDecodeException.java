package dev.agentdbg.replay.values;

/** A recorded value that does not rebuild here; the message says why (a class missing or changed, damaged bytes). */
public final class ValueDecodeException extends RuntimeException {
    public ValueDecodeException(String message) {
        super(message);
    }

    public ValueDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
