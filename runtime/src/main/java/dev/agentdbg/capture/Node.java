package dev.agentdbg.capture;

/**
 * A captured composite value. Leaves are plain {@code String}, {@code Boolean}, {@code Number} or
 * null; everything else is a Node, a {@link Ref} to a node seen before, or a {@link Marker}.
 */
public abstract class Node {
    /** Fully qualified class name of the captured object ("int[]" for arrays). */
    public final String type;
    /** Non-zero once another place refers to this node ({@link Ref}); written as "@id". */
    public int refId;

    protected Node(String type) {
        this.type = type;
    }
}
