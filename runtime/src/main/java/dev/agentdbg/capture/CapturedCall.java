package dev.agentdbg.capture;

/**
 * What was captured of one call, handed from the application thread to the drainer with the span:
 * snapshots only, so the drainer never touches the application's (mutable) objects.
 */
public final class CapturedCall {
    /** Snapshot per parameter, or null when arguments are not captured. */
    public Object[] args;
    /** Snapshot of the return value; meaningful when {@link #hasResult}. */
    public Object result;
    public boolean hasResult;
    /**
     * Values read from the receiver for {@code this.…} attribute paths, in the order of
     * {@link CaptureSpec#receiverPaths()}; null when the rule has none. Never written as payload.
     */
    public Object[] receiverValues;
    /** Set when capture was skipped because too many payloads were waiting to be written. */
    public boolean skipped;
    /** Bytes this call holds against {@link CaptureBudget} until it is written or dropped. */
    public transient long heldBytes;
    /** The paths of {@link #receiverValues} (shared with the spec, never changed). */
    public String[] receiverPaths;
    /** What the call threw (or the error a streaming callback reported), or null. */
    public Throwable thrown;
    /**
     * The object whose callback ends a call that does not end at return (a streaming handler);
     * held only until the call ends. Never written.
     */
    public transient Object callbackKey;
    /** Set when the call was registered to be ended by its callback rather than its return. */
    public transient boolean endsByCallback;

    public CapturedCall(Object[] args) {
        this.args = args;
    }
}
