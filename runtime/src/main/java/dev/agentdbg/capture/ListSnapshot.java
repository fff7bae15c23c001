package dev.agentdbg.capture;

import java.util.ArrayList;

/** A captured collection or array: the first elements, and how many there were in all. */
public final class ListSnapshot extends Node {
    public final ArrayList<Object> elements = new ArrayList<>();
    /** Elements in the original; more than {@code elements.size()} when cut. */
    public int totalSize;

    public ListSnapshot(String type) {
        super(type);
    }
}
