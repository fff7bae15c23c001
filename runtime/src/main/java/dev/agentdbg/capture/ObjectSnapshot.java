package dev.agentdbg.capture;

import java.util.LinkedHashMap;

/** A captured object: its class name and its fields' captured values, in declaration order. */
public final class ObjectSnapshot extends Node {
    /** Field name to captured value (a leaf or another {@link Node}). */
    public final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    /** Why the fields could not be read (e.g. the module system), or null. */
    public String unreadable;

    public ObjectSnapshot(String type) {
        super(type);
    }

    /** The captured value of a field, or null when absent. */
    public Object field(String name) {
        return fields.get(name);
    }
}
