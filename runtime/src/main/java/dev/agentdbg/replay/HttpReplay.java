package dev.agentdbg.replay;

import dev.agentdbg.bootstrap.OpenSpans;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Answers replayed HTTP requests from the recording: where the client adapters ask, before any
 * socket is opened, whether a request is served and with what. Requests outside an {@code llm} span
 * are never served: they are not the model's.
 */
public final class HttpReplay {
    private static final AtomicInteger CALLS = new AtomicInteger();
    /** Per endpoint: which recorded exchanges have been served (order and content matching). */
    private static final Map<String, AtomicIntegerArray> USED = new ConcurrentHashMap<>();

    private HttpReplay() {
    }

    /**
     * @return the answer to serve, or null when this request goes to the network (not replaying, not
     *         an LLM call, past {@code agentdbg.replay.until}, or beyond the recording with {@code onMissing=live})
     * @throws ReplayException when the recording has no answer and {@code onMissing=fail}, or the
     *         request differs from the recorded one and {@code strict=true}
     */
    public static ServedExchange serve(String client, String method, URI uri, Map<String, List<String>> headers,
                                      byte[] body) {
        ReplaySettings settings = ReplayMode.settings();
        if (!settings.replaying() || !settings.kinds().contains("llm")) {
            return null;
        }
        long span = OpenSpans.innermostOfKind("llm");
        if (span == 0) {
            return null;
        }
        int call = CALLS.incrementAndGet();
        if (!settings.serves(call)) {
            return null; // the fork: live from here
        }
        String endpoint = HttpRecorder.endpoint(method, uri);
        ReplayStore store = ReplayMode.store();
        List<RecordedExchange> recorded = store.exchanges(endpoint);
        RecordedExchange match = pick(endpoint, recorded, body, settings.matchContent());
        Path override = settings.overrides().get(call);
        if (override != null) {
            return overridden(call, span, endpoint, match, override, settings);
        }
        if (match == null) {
            if (settings.onMissingLive()) {
                return null;
            }
            throw new ReplayException(missing(endpoint, recorded.size(), call, store));
        }
        String diff = RequestComparison.difference(match.requestBody(), body);
        if (diff != null) {
            ReplayEvents.diverged(span, call, "llm", endpoint, diff);
            if (settings.strict()) {
                throw new ReplayException("agentdbg replay (strict): LLM call " + call + " (" + endpoint
                        + ") differs from recorded call " + match.call() + " of run " + store.runId() + ":\n" + diff);
            }
        }
        if (match.unservable() != null) {
            if (settings.onMissingLive()) {
                return null;
            }
            throw new ReplayException("agentdbg replay: LLM call " + call + " (" + endpoint + ") matches recorded call "
                    + match.call() + " of run " + store.runId() + ", which cannot be served: " + match.unservable());
        }
        ReplayEvents.served(span, call, "llm", endpoint, "recording");
        return new ServedExchange(call, match.status(), match.headers(), match.chunks(), match.chunkAt(),
                match.headersAt(), settings.timingRecorded());
    }

    private static ServedExchange overridden(int call, long span, String endpoint, RecordedExchange match, Path file,
                                             ReplaySettings settings) {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            throw new ReplayException("agentdbg replay: agentdbg.replay.override." + call + "=" + file
                    + " cannot be read: " + dev.agentdbg.runtime.IoErrors.reason(e));
        }
        Map<String, List<String>> headers = match != null ? match.headers()
                : Map.of("content-type", List.of("application/json"));
        ReplayEvents.served(span, call, "llm", endpoint, "override");
        return new ServedExchange(call, 200, headers, List.of(body), new long[] {0}, 0, false);
    }

    /** The recorded exchange that answers this request, marked as used; null when none is left. */
    private static RecordedExchange pick(String endpoint, List<RecordedExchange> recorded, byte[] body,
                                         boolean byContent) {
        if (recorded.isEmpty()) {
            return null;
        }
        // Each answer is handed out once, also to requests racing on other threads: a CAS per flag, no lock.
        AtomicIntegerArray used = USED.computeIfAbsent(endpoint, k -> new AtomicIntegerArray(recorded.size()));
        if (byContent) {
            String wanted = RequestComparison.normalise(body);
            for (int i = 0; i < used.length(); i++) {
                if (used.get(i) == 0 && wanted.equals(RequestComparison.normalise(recorded.get(i).requestBody()))
                        && used.compareAndSet(i, 0, 1)) {
                    return recorded.get(i);
                }
            }
        }
        for (int i = 0; i < used.length(); i++) {
            if (used.compareAndSet(i, 0, 1)) {
                return recorded.get(i);
            }
        }
        return null;
    }

    private static String missing(String endpoint, int recorded, int call, ReplayStore store) {
        if (store.runId() == null) {
            return "agentdbg replay: LLM call " + call + " (" + endpoint + ") cannot be served: no recording was loaded ("
                    + String.join("; ", store.problems()) + ")";
        }
        String others = recorded == 0 && !store.byEndpoint().isEmpty()
                ? " (it recorded answers for " + String.join(", ", store.byEndpoint().keySet())
                  + ": is the base URL's path the same as when recording?)" : "";
        return "agentdbg replay: LLM call " + call + " (" + endpoint + ") asked for answer " + (recorded + 1)
                + " of that endpoint, but run " + store.runId() + " recorded " + recorded
                + (recorded == 1 ? " answer" : " answers") + " for it" + others
                + "; set agentdbg.replay.onMissing=live to call the real provider beyond the recording";
    }

    /** For tests: forget which answers were served. */
    static void reset() {
        USED.clear();
        CALLS.set(0);
    }
}
