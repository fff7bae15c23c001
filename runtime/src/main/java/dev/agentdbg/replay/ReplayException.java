package dev.agentdbg.replay;

/**
 * Thrown into the application by a replayed call that cannot be served: the recording has no more
 * answers for it, or (with {@code agentdbg.replay.strict=true}) its request differs from the recorded one.
 */
public final class ReplayException extends RuntimeException {
    public ReplayException(String message) {
        super(message);
    }
}
