package dev.agentdbg.runtime.debug;

import java.net.InetAddress;
import java.util.List;

/**
 * The live debugger's validated settings ({@code agentdbg.debug*} and {@code agentdbg.break.*}).
 * {@code remoteBind} is true only when {@code agentdbg.debug.bind} named a non-loopback address: the
 * server refuses any other address without it.
 */
public record DebugSettings(boolean enabled, int port, InetAddress bind, boolean remoteBind,
                            long maxPauseMillis, long releaseAfterMillis, List<BreakpointSpec> breakpoints) {
    public static final long DEFAULT_MAX_PAUSE_MILLIS = 600_000;
    public static final long DEFAULT_RELEASE_AFTER_MILLIS = 30_000;

    public DebugSettings {
        breakpoints = List.copyOf(breakpoints);
    }

    /** Debugging off. */
    public static DebugSettings off() {
        return new DebugSettings(false, 0, InetAddress.getLoopbackAddress(), false, DEFAULT_MAX_PAUSE_MILLIS,
                DEFAULT_RELEASE_AFTER_MILLIS, List.of());
    }
}
