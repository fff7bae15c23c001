package dev.agentdbg.replay.values;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * A record: written from its component fields (read by reflection, never through its accessor
 * methods, which a record may override), rebuilt through its canonical constructor, the only way
 * the JVM lets a record's final fields be set. That constructor runs at replay time, as it would have
 * when the program made the value.
 */
final class RecordFieldsSerializer extends Serializer<Object> {
    private final Class<?> type;
    private final Field[] fields;
    private final boolean[] secret;
    private final Constructor<?> canonical;
    private final String closed;
    private final int hash;

    RecordFieldsSerializer(Class<?> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        Field[] fs = new Field[components.length];
        Class<?>[] types = new Class<?>[components.length];
        Constructor<?> ctor = null;
        String why = null;
        int h = 1;
        try {
            for (int i = 0; i < components.length; i++) {
                fs[i] = type.getDeclaredField(components[i].getName());
                fs[i].setAccessible(true);
                types[i] = components[i].getType();
                h = 31 * h + (components[i].getName() + ":" + types[i].getName()).hashCode();
            }
            ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
        } catch (NoSuchFieldException | NoSuchMethodException | InaccessibleObjectException | SecurityException e) {
            why = "its components cannot be read or its canonical constructor not called (" + e + ")";
        }
        this.fields = fs;
        this.secret = why == null ? FieldLayout.secretNames(fs) : new boolean[fs.length];
        this.canonical = ctor;
        this.closed = why;
        this.hash = h;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
        if (closed != null) {
            throw new Unrebuildable.Found(type, closed);
        }
        FieldsSerializer.writeLayoutOnce(kryo, output, this, hash);
        FieldsSerializer.writeFields(kryo, output, object, fields, secret);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> requested) {
        if (closed != null) {
            throw new KryoException(type.getName() + ": " + closed);
        }
        FieldsSerializer.checkLayoutOnce(kryo, input, this, hash, type);
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = readValue(kryo, input, fields[i].getType());
        }
        try {
            Object record = canonical.newInstance(values);
            kryo.reference(record);
            return record;
        } catch (InvocationTargetException e) {
            throw new KryoException(type.getName() + "'s constructor refused the recorded values: " + e.getCause(), e);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new KryoException(type.getName() + ": " + e, e);
        }
    }

    private static Object readValue(Kryo kryo, Input input, Class<?> t) {
        if (!t.isPrimitive()) {
            return kryo.readClassAndObject(input);
        } else if (t == int.class) {
            return input.readVarInt(false);
        } else if (t == long.class) {
            return input.readVarLong(false);
        } else if (t == boolean.class) {
            return input.readBoolean();
        } else if (t == double.class) {
            return input.readDouble();
        } else if (t == float.class) {
            return input.readFloat();
        } else if (t == byte.class) {
            return input.readByte();
        } else if (t == short.class) {
            return input.readShort();
        }
        return input.readChar();
    }
}
