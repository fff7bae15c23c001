package com.openai.core.http;

import com.openai.core.RequestOptions;

import java.util.concurrent.CompletableFuture;

/** Test stand-in for openai-java's {@code HttpClient}. */
public interface HttpClient extends AutoCloseable {
    HttpResponse execute(HttpRequest request, RequestOptions options);

    CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options);

    @Override
    void close();
}
