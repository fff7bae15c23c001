package com.openai.core.http;

import java.io.InputStream;
import java.util.Optional;

/** Test stand-in for openai-java's {@code HttpResponse}, default {@code requestId()} included. */
public interface HttpResponse extends AutoCloseable {
    int statusCode();

    Headers headers();

    default Optional<String> requestId() {
        return headers().values("x-request-id").stream().findFirst();
    }

    InputStream body();

    @Override
    void close();
}
