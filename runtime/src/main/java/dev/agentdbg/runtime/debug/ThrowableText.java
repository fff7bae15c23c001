package dev.agentdbg.runtime.debug;

import java.lang.reflect.Field;

/** A throwable's message without running application code: its {@code detailMessage} field when readable, else null. */
final class ThrowableText {
    private static final Field DETAIL = detail();

    private ThrowableText() {
    }

    static String message(Throwable t) {
        try {
            return DETAIL == null ? null : (String) DETAIL.get(t);
        } catch (Throwable e) {
            return null;
        }
    }

    private static Field detail() {
        try {
            Field f = Throwable.class.getDeclaredField("detailMessage");
            return f.trySetAccessible() ? f : null;
        } catch (Throwable t) {
            return null;
        }
    }
}
