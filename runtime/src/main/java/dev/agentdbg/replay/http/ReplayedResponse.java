package dev.agentdbg.replay.http;

import dev.agentdbg.replay.ServedExchange;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@link HttpResponse} of a replayed request: the recorded status and headers, the body the application's handler made of the recorded bytes. */
final class ReplayedResponse<T> implements HttpResponse<T> {
    private final HttpRequest request;
    private final Info info;
    private final T body;

    ReplayedResponse(HttpRequest request, Info info, T body) {
        this.request = request;
        this.info = info;
        this.body = body;
    }

    /** What the body handler is applied to. */
    record Info(int statusCode, HttpHeaders headers, HttpClient.Version version) implements ResponseInfo {
        static Info of(ServedExchange served) {
            return new Info(served.status(), headers(served), HttpClient.Version.HTTP_1_1);
        }

        /**
         * The recorded headers, case-insensitive as the JDK's are. Content-Length is set to the bytes
         * actually served, which differ from the recorded ones when an override file replaces the body.
         */
        private static HttpHeaders headers(ServedExchange served) {
            Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, List<String>> e : served.headers().entrySet()) {
                if (e.getKey() != null && !e.getKey().isEmpty()) {
                    map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
                }
            }
            if (map.containsKey("content-length")) {
                long length = 0;
                for (int i = 0; i < served.chunkCount(); i++) {
                    length += served.chunk(i).length;
                }
                map.put("content-length", List.of(Long.toString(length)));
            }
            return HttpHeaders.of(map, (name, value) -> !name.toLowerCase(Locale.ROOT).startsWith(":"));
        }
    }

    @Override
    public int statusCode() {
        return info.statusCode();
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return info.headers();
    }

    @Override
    public T body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return info.version();
    }

    @Override
    public String toString() {
        return "(" + request.method() + " " + request.uri() + ") " + statusCode() + " [replayed by agentdbg]";
    }
}
