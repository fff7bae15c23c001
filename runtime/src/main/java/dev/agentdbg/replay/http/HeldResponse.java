package dev.agentdbg.replay.http;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** The real response of a held LLM answer ({@link HeldAnswer}), with the body the application's handler made. */
final class HeldResponse<T> implements HttpResponse<T> {
    private final HttpResponse<?> real;
    private final T body;

    @SuppressWarnings("unchecked")
    HeldResponse(HttpResponse<?> real, Object body) {
        this.real = real;
        this.body = (T) body;
    }

    @Override
    public int statusCode() {
        return real.statusCode();
    }

    @Override
    public HttpRequest request() {
        return real.request();
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return real.headers();
    }

    @Override
    public T body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return real.sslSession();
    }

    @Override
    public URI uri() {
        return real.uri();
    }

    @Override
    public HttpClient.Version version() {
        return real.version();
    }

    @Override
    public String toString() {
        return real.toString();
    }
}
