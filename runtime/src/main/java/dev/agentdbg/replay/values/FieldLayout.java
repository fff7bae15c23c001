package dev.agentdbg.replay.values;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The instance fields a class is recorded by, in a fixed order (superclass fields first, then by
 * declaration), made accessible once per class and shared by every Kryo instance. A field declared
 * by an application class and marked {@code transient} is left out, as Java and Kryo serialization
 * do (such fields hold caches, loggers, connections); the JDK's transient fields are kept, because
 * there {@code transient} means "written by a custom writeObject" (ArrayList's elements, HashMap's
 * table), not "not state". The layout hash lets a replay notice a class whose fields changed.
 */
final class FieldLayout {
    private static final ClassValue<FieldLayout> LAYOUTS = new ClassValue<>() {
        @Override
        protected FieldLayout computeValue(Class<?> type) {
            return build(type, Object.class);
        }
    };

    final Field[] fields;
    /** Per field: named like a secret ({@code agentdbg.capture.redact}), so written as null, never recorded. */
    final boolean[] secret;
    /** Why the fields cannot be read or set (a package the module system keeps closed), else null. */
    final String closed;
    final int hash;

    private FieldLayout(Field[] fields, String closed, int hash) {
        this.fields = fields;
        this.secret = secretNames(fields);
        this.closed = closed;
        this.hash = hash;
    }

    /** Which of {@code fields} hold secrets by their name; a primitive or a JDK class's field never does. */
    static boolean[] secretNames(Field[] fields) {
        boolean[] secret = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            secret[i] = !fields[i].getType().isPrimitive() && !Unrebuildable.isJdk(fields[i].getDeclaringClass())
                    && ValueRecords.argSettings().isSecretName(fields[i].getName());
        }
        return secret;
    }

    /** All instance fields from {@code type} up to Object. */
    static FieldLayout of(Class<?> type) {
        return LAYOUTS.get(type);
    }

    /** The instance fields of {@code type} and its superclasses below {@code stop} (exclusive). */
    static FieldLayout build(Class<?> type, Class<?> stop) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != stop && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> out = new ArrayList<>();
        int hash = 1;
        String closed = null;
        for (Class<?> c : chain) {
            boolean jdk = Unrebuildable.isJdk(c);
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || (!jdk && Modifier.isTransient(m))) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (InaccessibleObjectException | SecurityException e) {
                    if (closed == null) {
                        closed = "module " + c.getModule().getName() + " does not open " + c.getPackageName()
                                + " to agentdbg (field " + c.getName() + "." + f.getName() + ")";
                    }
                    continue;
                }
                out.add(f);
                hash = 31 * hash + (c.getName() + "." + f.getName() + ":" + f.getType().getName()).hashCode();
            }
        }
        return new FieldLayout(out.toArray(new Field[0]), closed, hash);
    }
}
