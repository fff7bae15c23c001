package dev.agentdbg.capture;

/** A second reference to an object captured before: a cycle when it is one of its own ancestors. */
public final class Ref {
    public final Node target;
    public final boolean cycle;

    public Ref(Node target, boolean cycle) {
        this.target = target;
        this.cycle = cycle;
    }
}
