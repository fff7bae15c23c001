package com.acme.bench;

/**
 * The "application" method the benchmarks call. It lives outside {@code dev.agentdbg} on purpose: agentdbg
 * never instruments its own packages. Each method does a little real arithmetic (a 64-bit mix) so a call
 * costs a few nanoseconds without an agent, and each returns its result so a caller can consume it.
 *
 * <p>Only these four methods exist here, because the benchmarks instrument the whole class
 * ({@code com.acme.bench.Work#*} for agentdbg, {@code Work[call,outer,middle,inner]} for OpenTelemetry):
 * a helper method would add spans. {@code outer -> middle -> inner} is a three-deep call tree (three spans
 * per call of {@code outer}).
 */
public class Work {

    /** One instrumented call: a SplitMix64-style finaliser of {@code x}. */
    public long call(long x) {
        long h = x * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 31);
    }

    /** Root of the three-deep tree. */
    public long outer(long x) {
        long h = middle(x + 0x632BE59BD9B4E019L);
        return h ^ (h >>> 29);
    }

    public long middle(long x) {
        long h = inner(x * 0x94D049BB133111EBL);
        return h + (h << 7);
    }

    public long inner(long x) {
        long h = x * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
