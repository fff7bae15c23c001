package dev.agentdbg.replay;

/**
 * A replayed HTTP call as the advice sees it (bootstrap side, no client types): the advice skips the
 * real call when its enter returns one of these, then takes the response or failure from it.
 * Implementations never throw; the outcome is kept for the advice to hand back.
 */
public abstract class ReplayedHttpCall {
    /** Serves a blocking call on the caller's thread. */
    public abstract void send(Object request, Object handler);

    /** The response the blocking call returns; null when it throws {@link #failure()}. */
    public abstract Object response();

    /** What the blocking call throws, or null. */
    public abstract Throwable failure();

    /** Serves an asynchronous call: the future it returns. */
    public abstract Object sendAsync(Object request, Object handler);
}
