package com.openai.core.http;

import java.io.OutputStream;

/** Test stand-in for openai-java's {@code HttpRequestBody}. */
public interface HttpRequestBody extends AutoCloseable {
    void writeTo(OutputStream out);

    String contentType();

    long contentLength();

    boolean repeatable();

    @Override
    void close();
}
