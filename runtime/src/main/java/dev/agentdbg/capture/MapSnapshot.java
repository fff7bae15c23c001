package dev.agentdbg.capture;

import java.util.LinkedHashMap;

/** A captured map: the first entries, keys turned into strings, and how many there were in all. */
public final class MapSnapshot extends Node {
    public final LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
    /** Entries in the original; more than {@code entries.size()} when cut. */
    public int totalSize;

    public MapSnapshot(String type) {
        super(type);
    }
}
