package dev.agentdbg.replay;

/**
 * A blocking HTTP call of an LLM whose answer the live debugger holds (bootstrap side, no client types):
 * the real call runs, its body is buffered instead of reaching the application's body handler, and the
 * advice, back on the caller's thread, calls {@link #release}: that is where the llm call's exit pause
 * happens, with the body editable, before the (possibly edited) bytes go to the application's handler.
 * Implementations never throw.
 */
public abstract class HeldHttpCall {
    /** Pauses if the debugger still wants to, then returns the response the application gets. */
    public abstract Object release(Object response);

    /** What the call throws instead, or null. */
    public abstract Throwable failure();
}
