package com.acme.bench.scale;

import java.util.concurrent.atomic.AtomicLong;

/** The app's own count of instrumented calls, so the harness can check written + dropped = produced. */
public final class Produced {
    private static final AtomicLong CALLS = new AtomicLong();

    private Produced() {
    }

    /** Called once at the top of every method the scale rules instrument. */
    public static void call() {
        CALLS.incrementAndGet();
    }

    public static long count() {
        return CALLS.get();
    }
}
