package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.AgentCounters;

/**
 * Every trace line the drainer writes, also handed to the live debugger's feed (when one is installed), on
 * the drainer thread. The sink copies the line and returns at once: it never waits for a page.
 */
public final class TraceTap {
    /** Receives one complete line (ending with its newline); the array is reused after the call. */
    @FunctionalInterface
    public interface Sink {
        void line(byte[] bytes, int length);
    }

    private static volatile Sink sink;

    private TraceTap() {
    }

    /** @param s the feed, or null to stop teeing */
    public static void install(Sink s) {
        sink = s;
    }

    static void offer(byte[] bytes, int length) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.line(bytes, length);
        } catch (Throwable t) { // the trace file matters more than the live page
            AgentCounters.internalError("live-feed", t);
        }
    }
}
