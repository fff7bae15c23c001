package dev.agentdbg.runtime.debug;

/**
 * An LLM answer held as its HTTP response body at the call's exit pause (made by the HTTP client adapters):
 * the page shows it and may replace it; the adapter then hands the bytes to the application's own body handler.
 */
public interface EditableBody {
    /** The body as received (UTF-8 text for the page); null when it was not kept. */
    byte[] body();

    /** Why the body cannot be edited (too large, not kept), or null when it can. */
    String notEditable();

    /** Whether the body is a JSON document (edited as JSON) rather than a stream of events or text. */
    boolean json();

    /** The bytes the application gets instead; called on the paused thread, after the pause. */
    void replace(byte[] body);
}
