package dev.agentdbg.replay;

import dev.agentdbg.bootstrap.OpenSpans;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the HTTP client adapters start recording an exchange. Only exchanges made inside an open
 * {@code llm} span are recorded: those are the model's answers; other traffic (a tool's own HTTP
 * calls) belongs to the tool and is not the LLM's recording.
 */
public final class HttpRecorder {
    private static final AtomicInteger CALLS = new AtomicInteger();

    private HttpRecorder() {
    }

    /**
     * @param body              the request body, or null when it could not be read
     * @param bodyMissingReason why {@code body} is null (written in the record), else null
     * @return the exchange to complete, or null when nothing is recorded for this request
     */
    public static HttpExchange begin(String client, String method, URI uri, Map<String, List<String>> headers,
                                     byte[] body, String bodyMissingReason) {
        if (!ReplayMode.recording()) {
            return null;
        }
        long llmSpan = OpenSpans.innermostOfKind("llm");
        if (llmSpan == 0) {
            return null;
        }
        return new HttpExchange(CALLS.incrementAndGet(), llmSpan, client, method, uri, headers, body,
                bodyMissingReason, ReplayMode.settings().recordMaxBytes());
    }

    /** {@code POST /v1/chat/completions}: what order matching groups calls by; scheme, host and port are left out. */
    public static String endpoint(String method, URI uri) {
        String path = uri.getRawPath();
        return method + " " + (path == null || path.isEmpty() ? "/" : path);
    }
}
