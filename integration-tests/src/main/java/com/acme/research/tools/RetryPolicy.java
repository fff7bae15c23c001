package com.acme.research.tools;

import java.time.Duration;

/** How often a failing tool call is tried, and how long to wait between tries (exponential backoff). */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || multiplier < 1) {
            throw new IllegalArgumentException("backoff must not shrink");
        }
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1);
    }

    /** The wait after the given number of failed attempts (1 = after the first failure). */
    public Duration backoffAfter(int failedAttempts) {
        return Duration.ofNanos((long) (initialBackoff.toNanos() * Math.pow(multiplier, failedAttempts - 1)));
    }
}
