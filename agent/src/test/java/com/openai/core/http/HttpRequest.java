package com.openai.core.http;

/** Test stand-in for openai-java's {@code HttpRequest}: method, URL, headers, body. */
public final class HttpRequest {
    private final HttpMethod method;
    private final String url;
    private final Headers headers;
    private final HttpRequestBody body;

    public HttpRequest(HttpMethod method, String url, Headers headers, HttpRequestBody body) {
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.body = body;
    }

    public HttpMethod method() {
        return method;
    }

    public String url() {
        return url;
    }

    public Headers headers() {
        return headers;
    }

    public HttpRequestBody body() {
        return body;
    }
}
