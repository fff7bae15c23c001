package com.acme.it.apps.openaijava;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/**
 * An OkHttp interceptor that holds back a request carrying {@link #DELAY_HEADER} for that many
 * milliseconds: a slow network in front of the stub, so a call takes a known minimum time. OkHttp
 * runs it where it runs the call (for the async client, an OkHttp dispatcher thread), so the SDK's
 * future still completes on an HTTP client thread.
 */
final class SlowNetwork implements Interceptor {
    static final String DELAY_HEADER = "x-test-delay-ms";

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String delay = request.header(DELAY_HEADER);
        if (delay != null) {
            try {
                Thread.sleep(Long.parseLong(delay));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            request = request.newBuilder().removeHeader(DELAY_HEADER).build();
        }
        return chain.proceed(request);
    }
}
