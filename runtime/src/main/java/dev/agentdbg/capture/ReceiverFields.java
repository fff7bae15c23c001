package dev.agentdbg.capture;

import java.lang.reflect.Field;

/**
 * Reads a chain of fields from the object a traced method runs on ({@code this.toolDefinition.name}),
 * on the application thread, without walking anything else of it: a tool callback's name lives in
 * its own fields, next to the whole tool object, which must not be captured for one string.
 */
public final class ReceiverFields {
    private ReceiverFields() {
    }

    /**
     * The snapshot of the value at the end of {@code fieldNames}, or null when a field is missing,
     * unreadable or null on the way; {@link Marker#REDACTED}, unread, when a field on the way is
     * named like a secret (as the same field is in a captured argument). Never throws.
     */
    public static Object read(Object receiver, String[] fieldNames, CaptureSettings settings) {
        try {
            Object current = receiver;
            for (String name : fieldNames) {
                if (current == null) {
                    return null;
                }
                if (settings.isSecretName(name)) {
                    return Marker.REDACTED;
                }
                Field f = ClassLayout.of(current.getClass()).field(name);
                if (f == null) {
                    return null;
                }
                current = f.get(current);
            }
            return ObjectWalker.snapshot(current, settings);
        } catch (Throwable t) {
            return null;
        }
    }
}
