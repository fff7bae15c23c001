package dev.agentdbg.analyzer.model;

/**
 * A recorded HTTP exchange of an LLM call, as read from an {@code exchange} record, without its bodies: reports only
 * need to know which call it was, where it went and whether a replay can serve it.
 *
 * @param call        1-based LLM call number in the run
 * @param span        the llm span it ran under, 0 when the record named none
 * @param endpoint    {@code POST /v1/chat/completions}
 * @param complete    the whole response was recorded
 * @param cut         why the recording of this call was cut ({@code agentdbg.record.maxBytes}), or {@code null}
 * @param error       {@code type: message} of the failure the request ended with, or {@code null}
 * @param status      the response's HTTP status, {@code null} when there was no response
 * @param bodyMissing why the request body was not recorded, or {@code null}
 */
public record Exchange(long call, long span, String client, String endpoint, boolean complete, String cut,
                       String error, Integer status, String bodyMissing) {

    public boolean hasResponse() {
        return status != null;
    }

    /** Why a replay cannot serve this call, or {@code null} when it can. */
    public String unservableReason() {
        if (cut != null) {
            return "cut when recorded: " + cut;
        }
        if (!hasResponse()) {
            return error != null ? "failed without a response: " + error : "no response was recorded";
        }
        if (!complete) {
            return "response not recorded in full" + (error != null ? ": " + error : "");
        }
        return null;
    }
}
