package dev.agentdbg.replay.values;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * JDK values whose packages are not open to the agent, written through their own JDK methods that
 * only read the value (as payload capture does, see docs/architecture.md "What capture may call"):
 * URL (from its fields' getters, never through its URLStreamHandler), URI, File, Path of the default
 * file system, Pattern, the atomics and adders.
 */
final class JdkValueSerializers {
    private JdkValueSerializers() {
    }

    /** The serializer for {@code c}, or null when it is none of these. */
    static Serializer<?> forClass(Class<?> c) {
        if (c == URL.class) {
            return new Text<URL>(JdkValueSerializers::urlText, JdkValueSerializers::url);
        }
        if (c == URI.class) {
            return new Text<URI>(URI::toString, URI::create);
        }
        if (c == File.class) {
            return new Text<File>(File::getPath, File::new);
        }
        if (Path.class.isAssignableFrom(c) && Unrebuildable.isJdk(c)) {
            return new Text<Path>(p -> {
                if (p.getFileSystem() != FileSystems.getDefault()) {
                    throw new Unrebuildable.Found(c, "a path of another file system than the default one");
                }
                return p.toString();
            }, Path::of);
        }
        if (c == Pattern.class) {
            return new PatternSerializer();
        }
        if (c == AtomicInteger.class) {
            return new Text<AtomicInteger>(a -> Integer.toString(a.get()), s -> new AtomicInteger(Integer.parseInt(s)));
        }
        if (c == AtomicLong.class) {
            return new Text<AtomicLong>(a -> Long.toString(a.get()), s -> new AtomicLong(Long.parseLong(s)));
        }
        if (c == AtomicBoolean.class) {
            return new Text<AtomicBoolean>(a -> Boolean.toString(a.get()), s -> new AtomicBoolean(Boolean.parseBoolean(s)));
        }
        if (c == LongAdder.class) {
            return new Text<LongAdder>(a -> Long.toString(a.sum()), s -> {
                LongAdder a = new LongAdder();
                a.add(Long.parseLong(s));
                return a;
            });
        }
        if (c == DoubleAdder.class) {
            return new Text<DoubleAdder>(a -> Double.toString(a.sum()), s -> {
                DoubleAdder a = new DoubleAdder();
                a.add(Double.parseDouble(s));
                return a;
            });
        }
        if (c == AtomicReference.class) {
            return new AtomicReferenceSerializer();
        }
        return null;
    }

    /** Same text as payload capture writes: protocol, authority, file and ref, from URL's getters. */
    static String urlText(URL u) {
        StringBuilder sb = new StringBuilder();
        sb.append(u.getProtocol()).append(':');
        String authority = u.getAuthority();
        if (authority != null && !authority.isEmpty()) {
            sb.append("//").append(authority);
        }
        sb.append(u.getFile() == null ? "" : u.getFile());
        if (u.getRef() != null) {
            sb.append('#').append(u.getRef());
        }
        return sb.toString();
    }

    @SuppressWarnings("deprecation") // URI.toURL() rejects some texts new URL(String) accepts
    private static URL url(String text) {
        try {
            return new URL(text);
        } catch (MalformedURLException e) {
            throw new KryoException("recorded URL '" + text + "' no longer parses: " + e.getMessage(), e);
        }
    }

    /** A value written as one string. */
    private static final class Text<T> extends Serializer<T> {
        private final java.util.function.Function<T, String> toText;
        private final java.util.function.Function<String, T> fromText;

        Text(java.util.function.Function<T, String> toText, java.util.function.Function<String, T> fromText) {
            super(false, true);
            this.toText = toText;
            this.fromText = fromText;
        }

        @Override
        public void write(Kryo kryo, Output output, T object) {
            output.writeString(toText.apply(object));
        }

        @Override
        public T read(Kryo kryo, Input input, Class<? extends T> type) {
            return fromText.apply(input.readString());
        }
    }

    private static final class PatternSerializer extends Serializer<Pattern> {
        PatternSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, Pattern p) {
            output.writeString(p.pattern());
            output.writeVarInt(p.flags(), true);
        }

        @Override
        public Pattern read(Kryo kryo, Input input, Class<? extends Pattern> type) {
            String pattern = input.readString();
            return Pattern.compile(pattern, input.readVarInt(true));
        }
    }

    private static final class AtomicReferenceSerializer extends Serializer<AtomicReference<Object>> {
        @Override
        public void write(Kryo kryo, Output output, AtomicReference<Object> r) {
            kryo.writeClassAndObject(output, r.get());
        }

        @Override
        public AtomicReference<Object> read(Kryo kryo, Input input, Class<? extends AtomicReference<Object>> type) {
            AtomicReference<Object> r = new AtomicReference<>();
            kryo.reference(r);
            r.set(kryo.readClassAndObject(input));
            return r;
        }
    }
}
