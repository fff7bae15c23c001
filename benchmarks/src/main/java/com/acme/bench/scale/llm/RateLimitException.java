package com.acme.bench.scale.llm;

/** The provider's HTTP 429, as a client library would throw it. */
public final class RateLimitException extends RuntimeException {
    public RateLimitException(String message) {
        super(message);
    }
}
