package dev.agentdbg.replay.values;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.objenesis.instantiator.ObjectInstantiator;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * An exception: its class, message, cause (absent when the cause is the exception itself, Throwable's
 * "not set" mark), stack trace, suppressed exceptions and the fields its own classes add. Rebuilt
 * without running a constructor (Objenesis) and with Throwable's fields set directly, so the
 * replayed exception has the recorded stack, not one from the replay. Needs java.lang open to the
 * agent, which it is at start-up ({@code JdkOpens}); the stack is read through Throwable's private
 * getOurStackTrace (never an override of getStackTrace).
 */
final class ThrowableSerializer extends Serializer<Throwable> {
    private static final Jdk JDK = Jdk.load();

    private final Class<?> type;
    /** Fields of the classes between Throwable and the concrete class (application fields included). */
    private final FieldLayout own;
    private ObjectInstantiator<?> instantiator;

    ThrowableSerializer(Class<?> type) {
        this.type = type;
        this.own = FieldLayout.build(type, Throwable.class);
    }

    /** Throwable's private fields and method, or why they cannot be used. */
    private record Jdk(Field message, Field cause, Field stack, Field suppressed, Method ourStack,
                       Object sentinel, String closed) {
        static Jdk load() {
            try {
                Field message = open(Throwable.class.getDeclaredField("detailMessage"));
                Field cause = open(Throwable.class.getDeclaredField("cause"));
                Field stack = open(Throwable.class.getDeclaredField("stackTrace"));
                Field suppressed = open(Throwable.class.getDeclaredField("suppressedExceptions"));
                Method ourStack = Throwable.class.getDeclaredMethod("getOurStackTrace");
                ourStack.setAccessible(true);
                Field sentinelField = open(Throwable.class.getDeclaredField("SUPPRESSED_SENTINEL"));
                return new Jdk(message, cause, stack, suppressed, ourStack, sentinelField.get(null), null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new Jdk(null, null, null, null, null, null,
                        "module java.base does not open java.lang to agentdbg (" + e.getClass().getSimpleName() + ")");
            }
        }

        private static Field open(Field f) {
            f.setAccessible(true);
            return f;
        }
    }

    @Override
    public void write(Kryo kryo, Output output, Throwable t) {
        String closed = JDK.closed != null ? JDK.closed : own.closed;
        if (closed != null) {
            throw new Unrebuildable.Found(type, closed);
        }
        FieldsSerializer.writeLayoutOnce(kryo, output, this, own.hash);
        try {
            kryo.writeObjectOrNull(output, JDK.message.get(t), String.class);
            Object cause = JDK.cause.get(t);
            output.writeBoolean(cause == t);
            if (cause != t) {
                kryo.writeClassAndObject(output, cause);
            }
            writeStack(output, JDK.stack.get(t) == null ? null : (StackTraceElement[]) JDK.ourStack.invoke(t));
            Object suppressed = JDK.suppressed.get(t);
            if (suppressed == null) {
                output.writeVarInt(0, true); // suppression disabled
            } else if (suppressed == JDK.sentinel) {
                output.writeVarInt(1, true); // enabled, none yet
            } else {
                List<?> list = (List<?>) suppressed; // an ArrayList Throwable made itself
                Object[] items = list.toArray();
                output.writeVarInt(items.length + 2, true);
                for (Object s : items) {
                    kryo.writeClassAndObject(output, s);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new KryoException(e);
        }
        FieldsSerializer.writeFields(kryo, output, t, own.fields, own.secret);
    }

    @Override
    public Throwable read(Kryo kryo, Input input, Class<? extends Throwable> requested) {
        String closed = JDK.closed != null ? JDK.closed : own.closed;
        if (closed != null) {
            throw new KryoException(type.getName() + ": " + closed);
        }
        FieldsSerializer.checkLayoutOnce(kryo, input, this, own.hash, type);
        if (instantiator == null) {
            instantiator = new StdInstantiatorStrategy().newInstantiatorOf(type);
        }
        Throwable t = (Throwable) instantiator.newInstance();
        kryo.reference(t);
        try {
            JDK.message.set(t, kryo.readObjectOrNull(input, String.class));
            boolean selfCause = input.readBoolean();
            JDK.cause.set(t, selfCause ? t : kryo.readClassAndObject(input));
            JDK.stack.set(t, readStack(input));
            int suppressed = input.readVarInt(true);
            if (suppressed == 0) {
                JDK.suppressed.set(t, null);
            } else if (suppressed == 1) {
                JDK.suppressed.set(t, JDK.sentinel);
            } else {
                List<Object> list = new ArrayList<>(suppressed - 2);
                for (int i = 2; i < suppressed; i++) {
                    list.add(kryo.readClassAndObject(input));
                }
                JDK.suppressed.set(t, list);
            }
        } catch (IllegalAccessException e) {
            throw new KryoException(e);
        }
        FieldsSerializer.readFields(kryo, input, t, own.fields);
        return t;
    }

    private static void writeStack(Output output, StackTraceElement[] stack) {
        if (stack == null) {
            output.writeVarInt(0, true);
            return;
        }
        output.writeVarInt(stack.length + 1, true);
        for (StackTraceElement e : stack) {
            output.writeString(e.getClassLoaderName());
            output.writeString(e.getModuleName());
            output.writeString(e.getModuleVersion());
            output.writeString(e.getClassName());
            output.writeString(e.getMethodName());
            output.writeString(e.getFileName());
            output.writeVarInt(e.getLineNumber(), false);
        }
    }

    private static StackTraceElement[] readStack(Input input) {
        int n = input.readVarInt(true);
        if (n == 0) {
            return null;
        }
        StackTraceElement[] stack = new StackTraceElement[n - 1];
        for (int i = 0; i < stack.length; i++) {
            String loader = input.readString();
            String module = input.readString();
            String version = input.readString();
            String cls = input.readString();
            String method = input.readString();
            String file = input.readString();
            int line = input.readVarInt(false);
            stack[i] = new StackTraceElement(loader, module, version, cls, method, file, line);
        }
        return stack;
    }
}
