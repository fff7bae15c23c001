package dev.agentdbg.replay.values;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.EnumNameSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import dev.agentdbg.capture.JdkContainers;
import org.objenesis.instantiator.ObjectInstantiator;
import org.objenesis.strategy.InstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A Kryo whose choice of serializer follows the agent's safety model: application classes are
 * written by their fields ({@link FieldsSerializer}, {@link RecordFieldsSerializer}), never through
 * their methods, {@code KryoSerializable} or {@code Externalizable}; Kryo's collection and map
 * serializers (which call size, iterator, put) are used only for exact JDK classes on the capture
 * allow-list that they can also rebuild; the Collections wrappers, views and application subclasses
 * of JDK collections go by fields; classes that cannot be rebuilt in another JVM are refused with
 * their reason ({@link Unrebuildable}). Kryo's own FieldSerializer (which would use sun.misc.Unsafe,
 * warned about from JDK 24 on, or generate ReflectASM classes in the application's loader) is never
 * used, nor is its instantiation through ReflectASM.
 */
final class SafeKryo extends Kryo {
    /** Exact JDK collections and maps Kryo rebuilds through their public API; all are on the capture allow-list. */
    static final Set<Class<?>> REBUILT_BY_METHODS = Set.of(ArrayList.class, LinkedList.class, ArrayDeque.class,
            PriorityQueue.class, HashSet.class, LinkedHashSet.class, HashMap.class, LinkedHashMap.class,
            TreeMap.class, IdentityHashMap.class, ConcurrentHashMap.class, ConcurrentSkipListMap.class,
            CopyOnWriteArrayList.class, CopyOnWriteArraySet.class, ConcurrentLinkedQueue.class,
            ConcurrentLinkedDeque.class);
    /** Immutable JDK values with a Kryo serializer that uses their public API only. */
    private static final Set<Class<?>> KRYO_VALUES = Set.of(BigInteger.class, BigDecimal.class, Currency.class,
            StringBuilder.class, Class.class, Locale.class, BitSet.class, Optional.class, OptionalInt.class,
            OptionalLong.class, OptionalDouble.class);

    SafeKryo() {
        super(new LoaderAwareClassResolver(), new MapReferenceResolver());
        setRegistrationRequired(false);
        setWarnUnregisteredClasses(false);
        setReferences(true);
        setMaxDepth(ValueCodec.MAX_DEPTH);
        setInstantiatorStrategy(new JdkFirstInstantiators());
    }

    /** Makes the classes of the next graph read resolve through {@code loader}. */
    void useLoader(ClassLoader loader) {
        ClassLoader l = loader != null ? loader : ClassLoader.getSystemClassLoader();
        if (l != getClassLoader()) {
            setClassLoader(l);
            ((LoaderAwareClassResolver) getClassResolver()).forgetNames();
        }
    }

    // Kryo routes proxies to InvocationHandler and lambdas to its closure serializer before asking
    // for a default serializer; here both reach getDefaultSerializer, which refuses them.
    @Override
    public boolean isProxy(Class type) {
        return false;
    }

    @Override
    public boolean isClosure(Class type) {
        return false;
    }

    @Override
    public Serializer getDefaultSerializer(Class type) {
        String refused = Unrebuildable.reason(type);
        if (refused != null) {
            return new Refused(type, refused);
        }
        if (type.isArray()) {
            return super.getDefaultSerializer(type);
        }
        if (Enum.class.isAssignableFrom(type) && type != Enum.class) {
            Class<?> e = type;
            while (!e.isEnum()) {
                e = e.getSuperclass(); // a constant with a body is a subclass of its enum
            }
            return new EnumNameSerializer((Class<? extends Enum>) e);
        }
        if (Throwable.class.isAssignableFrom(type)) {
            return new ThrowableSerializer(type);
        }
        if (type.isRecord()) {
            return new RecordFieldsSerializer(type);
        }
        if (Unrebuildable.isJdk(type)) {
            Serializer<?> own = JdkValueSerializers.forClass(type);
            if (own != null) {
                return own;
            }
            if (usesKryoSerializer(type)) {
                return super.getDefaultSerializer(type);
            }
        }
        return FieldsSerializer.of(type);
    }

    private static boolean usesKryoSerializer(Class<?> c) {
        if (REBUILT_BY_METHODS.contains(c) && JdkContainers.byMethods(c) || KRYO_VALUES.contains(c)) {
            return true;
        }
        String n = c.getName();
        return c.getPackageName().equals("java.time") // Kryo's java.time serializers, by their public API
                || EnumSet.class.isAssignableFrom(c) || Charset.class.isAssignableFrom(c)
                || TimeZone.class.isAssignableFrom(c) || Calendar.class.isAssignableFrom(c)
                || c == Date.class || n.equals("java.sql.Timestamp") || n.equals("java.sql.Date")
                || n.equals("java.sql.Time")
                || n.startsWith("java.util.ImmutableCollections$") // List.of, Set.of, Map.of
                || n.equals("java.util.Arrays$ArrayList")
                || n.startsWith("java.util.Collections$Empty") || n.startsWith("java.util.Collections$Singleton");
    }

    /** Writing a value of this class fails with its reason; nothing is read (the recording says unrebuildable). */
    private static final class Refused extends Serializer<Object> {
        private final Class<?> type;
        private final String reason;

        Refused(Class<?> type, String reason) {
            this.type = type;
            this.reason = reason;
        }

        @Override
        public void write(Kryo kryo, Output output, Object object) {
            throw new Unrebuildable.Found(type, reason);
        }

        @Override
        public Object read(Kryo kryo, Input input, Class<?> requested) {
            throw new KryoException(type.getName() + ": " + reason);
        }
    }

    /**
     * JDK classes Kryo's serializers create (ArrayList, HashMap, …) through their no-argument
     * constructor; everything else through Objenesis, without running a constructor.
     */
    private static final class JdkFirstInstantiators implements InstantiatorStrategy {
        private final StdInstantiatorStrategy objenesis = new StdInstantiatorStrategy();

        @Override
        public <T> ObjectInstantiator<T> newInstantiatorOf(Class<T> type) {
            if (Unrebuildable.isJdk(type)) {
                try {
                    Constructor<T> ctor = type.getDeclaredConstructor();
                    ctor.setAccessible(true);
                    return () -> {
                        try {
                            return ctor.newInstance();
                        } catch (ReflectiveOperationException e) {
                            throw new KryoException("cannot create " + type.getName() + ": " + e, e);
                        }
                    };
                } catch (NoSuchMethodException | RuntimeException e) {
                    // no accessible no-argument constructor: Objenesis below
                }
            }
            return objenesis.newInstantiatorOf(type);
        }
    }

    /**
     * Resolves class names through the replayed class's loader only (Kryo would fall back to its
     * own, the bootstrap loader in the agent jar), and forgets them when the loader changes.
     */
    private static final class LoaderAwareClassResolver extends DefaultClassResolver {
        void forgetNames() {
            if (nameToClass != null) {
                nameToClass.clear();
            }
        }

        @Override
        protected Class getTypeByName(String className) {
            Class known = super.getTypeByName(className);
            if (known != null) {
                return known;
            }
            try {
                return Class.forName(className, false, kryo.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new KryoException("Unable to find class: " + className, e);
            }
        }
    }
}
