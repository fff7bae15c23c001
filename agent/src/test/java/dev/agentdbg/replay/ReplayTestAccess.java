package dev.agentdbg.replay;

/** Lets the agent's tests start each replay from the first recorded answer. */
public final class ReplayTestAccess {
    private ReplayTestAccess() {
    }

    public static void resetServed() {
        HttpReplay.reset();
    }
}
