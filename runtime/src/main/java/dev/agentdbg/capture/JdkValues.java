package dev.agentdbg.capture;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * JDK classes the walker may read through their own methods. Those methods are JDK code, not
 * application code, so calling them cannot run the application's getters or side effects; a class
 * qualifies only when the bootstrap or platform loader defined it under a JDK package name (an
 * application cannot define java.* classes, and other agents' bootstrap classes are not trusted).
 */
final class JdkValues {
    private JdkValues() {
    }

    static boolean isJdk(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
            return false;
        }
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.")
                || n.startsWith("sun.") || n.startsWith("com.sun.");
    }

    /** How to capture a JDK class (arrays, enums, throwables and opaque types are decided before). */
    static ClassLayout.Kind kindOf(Class<?> c) {
        if (c == String.class || c == Boolean.class || c == Integer.class || c == Long.class
                || c == Double.class || c == Float.class || c == Short.class || c == Byte.class
                || c == BigDecimal.class || c == BigInteger.class) {
            return ClassLayout.Kind.LEAF;
        }
        if (c == Character.class) {
            return ClassLayout.Kind.CHARACTER;
        }
        ClassLayout.Kind locked = JdkContainers.lockedKind(c);
        if (locked != null) {
            return locked;
        }
        if (c == StringBuilder.class || c.getName().equals("java.nio.HeapCharBuffer")
                || c.getName().equals("java.nio.HeapCharBufferR")) {
            return ClassLayout.Kind.CHAR_SEQUENCE; // unsynchronized, and they hold their own chars
        }
        if (c == URL.class) {
            return ClassLayout.Kind.URL;
        }
        if (Date.class.isAssignableFrom(c)) {
            return ClassLayout.Kind.DATE;
        }
        if (c == Class.class) {
            return ClassLayout.Kind.CLASS_NAME;
        }
        if (Member.class.isAssignableFrom(c)) {
            return ClassLayout.Kind.MEMBER;
        }
        if (c == Optional.class || c == OptionalInt.class || c == OptionalLong.class || c == OptionalDouble.class) {
            return ClassLayout.Kind.OPTIONAL;
        }
        if (c == AtomicInteger.class || c == AtomicLong.class || c == AtomicBoolean.class
                || c == AtomicReference.class || c == LongAdder.class || c == DoubleAdder.class) {
            return ClassLayout.Kind.ATOMIC;
        }
        if (isToStringValue(c)) {
            return ClassLayout.Kind.TO_STRING;
        }
        if (ByteBuffer.class.isAssignableFrom(c)) {
            return ClassLayout.Kind.BYTE_BUFFER;
        }
        if (JdkContainers.innerField(c) != null) {
            return ClassLayout.Kind.UNWRAP;
        }
        // Only real collections known to run no application code and take no lock when read through
        // their methods; other Iterables may be one-shot (DirectoryStream) or run application code
        // when iterated (ServiceLoader instantiates providers), and other JDK collections may be
        // views of application objects: those are read by their fields.
        if (JdkContainers.byMethods(c)) {
            return Collection.class.isAssignableFrom(c) ? ClassLayout.Kind.COLLECTION : ClassLayout.Kind.MAP;
        }
        return ClassLayout.Kind.FIELDS;
    }

    /** Immutable JDK values whose toString() is their natural text form. */
    private static boolean isToStringValue(Class<?> c) {
        String pkg = c.getPackageName();
        return pkg.equals("java.time") || pkg.startsWith("java.time.")
                || c == UUID.class || c == URI.class || c == File.class
                || Path.class.isAssignableFrom(c) // before Iterable: a Path iterates its name elements
                || c == Locale.class || Charset.class.isAssignableFrom(c) || c == Currency.class
                || c == Pattern.class || InetAddress.class.isAssignableFrom(c)
                || TimeZone.class.isAssignableFrom(c);
    }

    /**
     * A URL's text from its fields, as the JDK's default handler writes it: URL is final and its
     * getters return fields, whereas toString(), hashCode() and equals() go through its
     * URLStreamHandler, which may be the application's (and hashCode() is synchronized).
     */
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

    /**
     * A Date as an ISO instant ("2026-11-22T02:52:27Z"): Date.toString() looks up time-zone display
     * names, which locale service providers (possibly the application's) may supply.
     */
    static String dateText(Date d) {
        return java.time.Instant.ofEpochMilli(d.getTime()).toString();
    }

    /** "Assistant.chat" for a method, "Assistant.<init>" for a constructor, "Assistant.name" for a field. */
    static String memberName(Member m) {
        String owner = m.getDeclaringClass().getSimpleName();
        return owner + "." + (m instanceof Constructor ? "<init>" : m.getName());
    }

    /** The value an Optional* holds, or null when empty; a non-empty Optional's value is walked on. */
    static Object optionalValue(Object o) {
        if (o instanceof Optional) {
            return ((Optional<?>) o).orElse(null);
        }
        if (o instanceof OptionalInt) {
            OptionalInt v = (OptionalInt) o;
            return v.isPresent() ? (Object) v.getAsInt() : null;
        }
        if (o instanceof OptionalLong) {
            OptionalLong v = (OptionalLong) o;
            return v.isPresent() ? (Object) v.getAsLong() : null;
        }
        OptionalDouble v = (OptionalDouble) o;
        return v.isPresent() ? (Object) v.getAsDouble() : null;
    }

    /** The current value of an Atomic* or adder (an AtomicReference's value is walked on). */
    static Object atomicValue(Object o) {
        if (o instanceof AtomicInteger) {
            return ((AtomicInteger) o).get();
        }
        if (o instanceof AtomicLong) {
            return ((AtomicLong) o).get();
        }
        if (o instanceof AtomicBoolean) {
            return ((AtomicBoolean) o).get();
        }
        if (o instanceof LongAdder) {
            return ((LongAdder) o).sum();
        }
        if (o instanceof DoubleAdder) {
            return ((DoubleAdder) o).sum();
        }
        return ((AtomicReference<?>) o).get();
    }

    /**
     * A map key as JSON object key: strings as they are, enums by name, JDK numbers, booleans and
     * characters as text; anything else "<SimpleType#index>", since its toString is application code.
     */
    static String mapKey(Object key, int index) {
        if (key instanceof String) {
            return (String) key;
        }
        if (key == null) {
            return "null";
        }
        if (key instanceof Enum) {
            return ((Enum<?>) key).name();
        }
        Class<?> c = key.getClass();
        ClassLayout.Kind kind = ClassLayout.of(c).kind;
        if (kind == ClassLayout.Kind.LEAF || kind == ClassLayout.Kind.CHARACTER) {
            return String.valueOf(key);
        }
        return "<" + c.getSimpleName() + "#" + index + ">";
    }

    /** The text of a JDK CharSequence (StringBuilder …), at most maxStringLength chars. */
    static String text(CharSequence cs, int maxStringLength) {
        int length = cs.length();
        if (length <= maxStringLength) {
            return cs.toString();
        }
        return cutText(cs.subSequence(0, maxStringLength).toString(), length, maxStringLength);
    }

    static String text(char[] a, int maxStringLength) {
        if (a.length <= maxStringLength) {
            return new String(a);
        }
        return cutText(new String(a, 0, maxStringLength), a.length, maxStringLength);
    }

    /**
     * Only a prefix of a long StringBuilder or char[] is copied, so the writer cannot know its real
     * size: the note is added here, and the head shortened so the whole stays within maxStringLength
     * (the writer then leaves it as it is).
     */
    static String cutText(String head, int originalLength, int maxStringLength) {
        String note = Texts.truncationNote(originalLength);
        int keep = Texts.cutIndex(head, Math.max(0, maxStringLength - note.length()));
        return head.substring(0, keep) + note;
    }

    /** Length and first 64 bytes of what remains in a buffer, read without moving its position. */
    static BytesSnapshot byteBuffer(ByteBuffer b, String type) {
        int position = b.position();
        int length = b.remaining();
        byte[] head = new byte[Math.min(length, 64)];
        for (int i = 0; i < head.length; i++) {
            head[i] = b.get(position + i); // absolute reads
        }
        return new BytesSnapshot(type, length, head);
    }
}
