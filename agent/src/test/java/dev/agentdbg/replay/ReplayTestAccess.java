package dev.agentdbg.replay;

/** Lets the agent's tests start each replay from the first recorded answer. */
public final class ReplayTestAccess {
    private ReplayTestAccess() {
    }

    public static void resetServed() {
        HttpReplay.reset();
    }

    /** A served answer made of {@code chunks} arriving at {@code at} (ns after the request). */
    public static ServedExchange served(java.util.List<byte[]> chunks, long[] at, boolean recordedTiming) {
        return new ServedExchange(1, 200, java.util.Map.of(), chunks, at, 0, recordedTiming);
    }
}
