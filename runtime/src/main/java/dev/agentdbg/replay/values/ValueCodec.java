package dev.agentdbg.replay.values;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.minlog.Log;

/**
 * Turns what a call returned or threw into bytes that rebuild it in another JVM, and back: Kryo 5
 * with the agent's own choice of serializers ({@link SafeKryo}), references on (shared objects and
 * cycles survive), no registration needed. Encoding runs on the application thread at method exit
 * (the value may change later), bounded by {@code maxBytes} and the agent's memory budget; a value
 * that cannot be rebuilt anywhere else comes back as {@link Encoded.Status#UNREBUILDABLE} with the
 * reason, one too big as {@link Encoded.Status#CUT}. Never throws from {@link #encode}.
 */
public final class ValueCodec {
    /** Nesting deeper than this is not recorded (Kryo recurses; a deep linked structure would overflow the stack). */
    public static final int MAX_DEPTH = 1000;

    private static final byte RETURNED = 0;
    private static final byte THREW = 1;
    private static final KryoPool POOL = new KryoPool();

    static {
        quietKryo();
    }

    private ValueCodec() {
    }

    /** The outcome of one encoding. */
    public record Encoded(Status status, byte[] bytes, String valueClass, String detail) {
        /** KRYO: bytes hold the value; UNREBUILDABLE, CUT: detail says why, bytes is null. */
        public enum Status { KRYO, UNREBUILDABLE, CUT }
    }

    /** A value rebuilt: what the call returned, or the exception it threw. */
    public record Decoded(boolean threw, Object value, Throwable thrown) {
    }

    /**
     * Encodes {@code thrown} when it is not null, else {@code value}.
     *
     * @param maxBytes the most bytes the encoding may take ({@code agentdbg.record.maxBytes})
     */
    public static Encoded encode(Object value, Throwable thrown, int maxBytes) {
        Object subject = thrown != null ? thrown : value;
        String cls = subject == null ? "null" : subject.getClass().getName();
        KryoPool.Lease lease = POOL.take();
        boolean clean = false;
        try {
            BudgetedOutput out = lease.output;
            out.begin(maxBytes);
            out.writeByte(thrown != null ? THREW : RETURNED);
            lease.kryo.writeClassAndObject(out, subject);
            byte[] bytes = out.toBytes();
            clean = true;
            return new Encoded(Encoded.Status.KRYO, bytes, cls, null);
        } catch (Unrebuildable.Found f) {
            return new Encoded(Encoded.Status.UNREBUILDABLE, null, cls, f.describe());
        } catch (KryoBufferOverflowException e) {
            String why = lease.output.refusedByBudget()
                    ? "the agent's memory budget (agentdbg.memory.max) had no room for it"
                    : "over " + maxBytes + " bytes (agentdbg.record.maxBytes)";
            return new Encoded(Encoded.Status.CUT, null, cls, why);
        } catch (StackOverflowError e) {
            return new Encoded(Encoded.Status.UNREBUILDABLE, null, cls, cls + ": nested too deeply to record");
        } catch (KryoException e) {
            String m = String.valueOf(e.getMessage());
            String why = m.startsWith("Max depth exceeded")
                    ? "nested deeper than " + MAX_DEPTH + " levels" : "could not be written: " + firstLine(m);
            return new Encoded(Encoded.Status.UNREBUILDABLE, null, cls, cls + ": " + why);
        } catch (RuntimeException e) {
            // e.g. a collection changed by another thread while it was written
            return new Encoded(Encoded.Status.UNREBUILDABLE, null, cls,
                    cls + ": could not be written: " + e.getClass().getName() + ": " + firstLine(e.getMessage()));
        } finally {
            if (clean) {
                POOL.giveBack(lease);
            } else {
                POOL.discard(lease);
            }
        }
    }

    /**
     * Rebuilds a value, resolving its classes through {@code loader} (the loader of the class whose
     * method is replayed; null: the system loader).
     *
     * @throws ValueDecodeException when the bytes do not rebuild (a class missing or changed, damage)
     */
    public static Decoded decode(byte[] bytes, ClassLoader loader) {
        KryoPool.Lease lease = POOL.take();
        boolean clean = false;
        try {
            lease.kryo.useLoader(loader);
            Input in = new Input(bytes);
            byte kind = in.readByte();
            Object o = lease.kryo.readClassAndObject(in);
            clean = true;
            if (kind == THREW) {
                if (!(o instanceof Throwable)) {
                    throw new ValueDecodeException("the recorded exception rebuilt as "
                            + (o == null ? "null" : o.getClass().getName()));
                }
                return new Decoded(true, null, (Throwable) o);
            }
            return new Decoded(false, o, null);
        } catch (ValueDecodeException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new ValueDecodeException(describe(e), e);
        } finally {
            if (clean) {
                POOL.giveBack(lease);
            } else {
                POOL.discard(lease);
            }
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root instanceof KryoException && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof ClassNotFoundException) {
            return "class " + root.getMessage() + " is not there";
        }
        String m = root == e ? firstLine(e.getMessage()) : firstLine(e.getMessage()) + " (" + root + ")";
        return e.getClass().getSimpleName() + ": " + m;
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Kryo's logging off (MinLog prints to System.out), and its sun.misc.Unsafe paths off before its
     * Util class first loads: from JDK 24 on, Unsafe's memory methods print a warning on first use,
     * which the application's stderr must not get. We never use the serializers that need Unsafe.
     */
    private static void quietKryo() {
        Log.set(Log.LEVEL_NONE);
        String key = "kryo.unsafe";
        String before = System.getProperty(key);
        try {
            if (before == null) {
                System.setProperty(key, "false");
            }
            Class.forName(com.esotericsoftware.kryo.util.Util.class.getName(), true, ValueCodec.class.getClassLoader());
        } catch (ClassNotFoundException | RuntimeException e) {
            // Kryo is in the same jar; nothing to do if it fails here, encoding will say so
        } finally {
            if (before == null) {
                System.clearProperty(key);
            }
        }
    }
}
