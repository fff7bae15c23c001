package com.acme.bench.scale.support;

import com.acme.bench.scale.Produced;

import java.util.concurrent.atomic.AtomicLong;

/** The client-side token budget per model: takes an estimate, never blocks here (the provider enforces it). */
public final class RateLimiter {
    private final AtomicLong used = new AtomicLong();

    public boolean acquire(String model, int tokens) {
        Produced.call();
        return used.addAndGet(tokens) >= 0 && !model.isEmpty();
    }
}
