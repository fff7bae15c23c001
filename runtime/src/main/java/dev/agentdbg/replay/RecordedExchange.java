package dev.agentdbg.replay;

import java.util.List;
import java.util.Map;

/**
 * An exchange read back from a recording.
 *
 * @param call         its number among the recorded run's LLM calls (1-based)
 * @param endpoint     {@code POST /v1/chat/completions}
 * @param requestBody  the request body as recorded, or null when it was not
 * @param status       the response status, -1 when no response was recorded
 * @param chunks       the response body in the pieces it arrived in
 * @param chunkAt      when each piece arrived, nanoseconds after the request
 * @param unservable   why this exchange cannot be served (cut, failed, no response), or null
 */
public record RecordedExchange(int call, String endpoint, String client, byte[] requestBody, int status,
                               Map<String, List<String>> headers, long headersAt, List<byte[]> chunks,
                               long[] chunkAt, String unservable) {
}
