package dev.agentdbg.replay.values;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.ObjectMap;
import org.objenesis.instantiator.ObjectInstantiator;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.lang.reflect.Field;

/**
 * Writes an object as its fields and rebuilds it without running any of its code: the instance is
 * made by Objenesis (no constructor), fields are read and set by reflection (final ones included),
 * never through getters or setters. Used for application classes, application subclasses of JDK
 * collections, the Collections wrappers and the JDK classes that have no serializer of their own.
 * The first time a class occurs in a graph its layout hash is written, so a replay whose class has
 * other fields than the recording says so instead of reading garbage.
 */
final class FieldsSerializer extends Serializer<Object> {
    private final Class<?> type;
    private final FieldLayout layout;
    private ObjectInstantiator<?> instantiator;

    FieldsSerializer(Class<?> type, FieldLayout layout) {
        this.type = type;
        this.layout = layout;
    }

    static FieldsSerializer of(Class<?> type) {
        return new FieldsSerializer(type, FieldLayout.of(type));
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
        if (layout.closed != null) {
            throw new Unrebuildable.Found(type, layout.closed);
        }
        writeLayoutOnce(kryo, output, this, layout.hash);
        writeFields(kryo, output, object, layout.fields, layout.secret);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> requested) {
        if (layout.closed != null) {
            throw new KryoException(type.getName() + ": " + layout.closed);
        }
        checkLayoutOnce(kryo, input, this, layout.hash, type);
        if (instantiator == null) {
            instantiator = new StdInstantiatorStrategy().newInstantiatorOf(type);
        }
        Object object = instantiator.newInstance();
        kryo.reference(object);
        readFields(kryo, input, object, layout.fields);
        return object;
    }

    static void writeLayoutOnce(Kryo kryo, Output output, Object key, int hash) {
        ObjectMap<Object, Object> graph = kryo.getGraphContext();
        if (graph.get(key) == null) {
            graph.put(key, Boolean.TRUE);
            output.writeInt(hash);
        }
    }

    static void checkLayoutOnce(Kryo kryo, Input input, Object key, int hash, Class<?> type) {
        ObjectMap<Object, Object> graph = kryo.getGraphContext();
        if (graph.get(key) == null) {
            graph.put(key, Boolean.TRUE);
            if (input.readInt() != hash) {
                throw new KryoException("the fields of " + type.getName() + " are not those it had when recorded");
            }
        }
    }

    /** Writes the fields' values; a field named like a secret is written as null without being read. */
    static void writeFields(Kryo kryo, Output output, Object object, Field[] fields, boolean[] secret) {
        try {
            for (int i = 0; i < fields.length; i++) {
                Field f = fields[i];
                Class<?> t = f.getType();
                if (!t.isPrimitive()) {
                    Object v = secret[i] ? null : f.get(object);
                    try {
                        kryo.writeClassAndObject(output, v);
                    } catch (Unrebuildable.Found found) {
                        throw found.at(f.getDeclaringClass().getSimpleName() + "." + f.getName());
                    }
                } else if (t == int.class) {
                    output.writeVarInt(f.getInt(object), false);
                } else if (t == long.class) {
                    output.writeVarLong(f.getLong(object), false);
                } else if (t == boolean.class) {
                    output.writeBoolean(f.getBoolean(object));
                } else if (t == double.class) {
                    output.writeDouble(f.getDouble(object));
                } else if (t == float.class) {
                    output.writeFloat(f.getFloat(object));
                } else if (t == byte.class) {
                    output.writeByte(f.getByte(object));
                } else if (t == short.class) {
                    output.writeShort(f.getShort(object));
                } else {
                    output.writeChar(f.getChar(object));
                }
            }
        } catch (IllegalAccessException e) {
            throw new KryoException(e);
        }
    }

    static void readFields(Kryo kryo, Input input, Object object, Field[] fields) {
        try {
            for (Field f : fields) {
                Class<?> t = f.getType();
                if (!t.isPrimitive()) {
                    f.set(object, kryo.readClassAndObject(input));
                } else if (t == int.class) {
                    f.setInt(object, input.readVarInt(false));
                } else if (t == long.class) {
                    f.setLong(object, input.readVarLong(false));
                } else if (t == boolean.class) {
                    f.setBoolean(object, input.readBoolean());
                } else if (t == double.class) {
                    f.setDouble(object, input.readDouble());
                } else if (t == float.class) {
                    f.setFloat(object, input.readFloat());
                } else if (t == byte.class) {
                    f.setByte(object, input.readByte());
                } else if (t == short.class) {
                    f.setShort(object, input.readShort());
                } else {
                    f.setChar(object, input.readChar());
                }
            }
        } catch (IllegalAccessException e) {
            throw new KryoException(e);
        }
    }
}
