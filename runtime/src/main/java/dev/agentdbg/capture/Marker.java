package dev.agentdbg.capture;

/** A value capture left out on purpose, and why: redacted, too deep, over budget. */
public final class Marker {
    public enum Reason { REDACTED, DEPTH, BUDGET, FAILED }

    public static final Marker REDACTED = new Marker(Reason.REDACTED, null, null);

    public final Reason reason;
    /** Class name of the value left out, or null. */
    public final String type;
    /** Free text for FAILED (what went wrong), or null. */
    public final String detail;

    public Marker(Reason reason, String type, String detail) {
        this.reason = reason;
        this.type = type;
        this.detail = detail;
    }
}
