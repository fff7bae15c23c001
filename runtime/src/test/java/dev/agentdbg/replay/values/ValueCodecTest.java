package dev.agentdbg.replay.values;

import dev.agentdbg.bootstrap.MemoryBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueCodecTest {
    private static final int MAX = 4 * 1024 * 1024;

    enum Level { LOW, HIGH { @Override public String toString() { return "high!"; } } }

    record Hit(String url, int rank, Level level, List<String> tags) {
    }

    /** An accessor that must never be called when the record is written. */
    record Guarded(String code) {
        @Override
        public String code() {
            throw new AssertionError("accessor called");
        }
    }

    static final class Report {
        private final String title;
        private final Hit[] hits;
        private final Map<String, Integer> counts;
        private final Optional<String> note;
        private Report parent; // cycles and shared objects
        private final BigDecimal cost;
        private final Instant at;

        Report(String title, Hit[] hits, Map<String, Integer> counts, Optional<String> note, BigDecimal cost, Instant at) {
            this.title = title;
            this.hits = hits;
            this.counts = counts;
            this.note = note;
            this.cost = cost;
            this.at = at;
        }

        int hashCodeNeverCalled() {
            return 0;
        }

        @Override
        public int hashCode() {
            throw new AssertionError("hashCode called");
        }

        @Override
        public boolean equals(Object o) {
            throw new AssertionError("equals called");
        }
    }

    /** An application subclass of a JDK list whose methods must not run when it is written. */
    static final class Conversation extends ArrayList<String> {
        final String id;

        Conversation(String id) {
            this.id = id;
        }

        @Override
        public int size() {
            throw new AssertionError("size called");
        }

        @Override
        public java.util.Iterator<String> iterator() {
            throw new AssertionError("iterator called");
        }
    }

    static final class ToolFailure extends RuntimeException {
        final int code;

        ToolFailure(String message, Throwable cause, int code) {
            super(message, cause);
            this.code = code;
        }
    }

    static final class Holder {
        final Object inner;

        Holder(Object inner) {
            this.inner = inner;
        }
    }

    @AfterEach
    void noBudget() {
        MemoryBudget.install(null);
    }

    private static Object roundTrip(Object value) {
        ValueCodec.Encoded e = ValueCodec.encode(value, null, MAX);
        assertEquals(ValueCodec.Encoded.Status.KRYO, e.status(), () -> "encoded: " + e.detail());
        ValueCodec.Decoded d = ValueCodec.decode(e.bytes(), ValueCodecTest.class.getClassLoader());
        assertFalse(d.threw());
        return d.value();
    }

    @Test
    void recordsEnumsAndCollectionsComeBackEqual() {
        Hit hit = new Hit("https://a.example/x", 2, Level.HIGH, List.of("jvm", "agents"));
        assertEquals(hit, roundTrip(hit));
        assertSame(Level.HIGH, roundTrip(Level.HIGH), "an enum constant with a body is the same constant");
        List<Object> mixed = new ArrayList<>(Arrays.asList("s", 1, 2L, 3.5, true, 'c', null, new BigDecimal("1.10"),
                LocalDate.of(2026, 12, 1), Duration.ofMillis(1500), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                URI.create("http://h/p?q=1"), Path.of("/tmp/x"), new AtomicLong(7).get()));
        assertEquals(mixed, roundTrip(mixed));
        Map<String, List<Integer>> map = new LinkedHashMap<>();
        map.put("b", List.of(1, 2));
        map.put("a", new ArrayList<>(List.of(3)));
        Object back = roundTrip(map);
        assertInstanceOf(LinkedHashMap.class, back);
        assertEquals(map, back);
        assertEquals(List.of("b", "a"), new ArrayList<>(((Map<?, ?>) back).keySet()), "insertion order kept");
        assertEquals(new TreeMap<>(Map.of("x", 1, "y", 2)), roundTrip(new TreeMap<>(Map.of("x", 1, "y", 2))));
        assertEquals(Map.of("k", "v"), roundTrip(Map.of("k", "v")));
        assertEquals(Set.of(1, 2, 3), roundTrip(Set.of(1, 2, 3)));
        EnumMap<Level, String> em = new EnumMap<>(Level.class);
        em.put(Level.LOW, "l");
        assertEquals(em, roundTrip(em));
        assertEquals(EnumSet.of(Level.HIGH), roundTrip(EnumSet.of(Level.HIGH)));
        assertEquals(Optional.of("x"), roundTrip(Optional.of("x")));
        assertEquals(Optional.empty(), roundTrip(Optional.empty()));
        ZonedDateTime z = ZonedDateTime.parse("2026-12-01T10:15:30+01:00[Europe/Paris]");
        assertEquals(z, roundTrip(z));
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) roundTrip(new int[] {1, 2, 3}));
        assertEquals("plain", roundTrip("plain"));
        assertNull(roundTrip(null));
    }

    @Test
    void objectsAreRebuiltByTheirFieldsWithoutTheirCode() {
        Map<String, Integer> counts = new HashMap<>(Map.of("a", 1));
        Hit shared = new Hit("u", 1, Level.LOW, List.of());
        Report r = new Report("t", new Hit[] {shared, shared}, counts, Optional.of("n"), new BigDecimal("0.0025"),
                Instant.parse("2026-12-01T00:00:00Z"));
        r.parent = r;
        Report back = (Report) roundTrip(r);
        assertEquals("t", back.title);
        assertSame(back, back.parent, "a cycle comes back as a cycle");
        assertSame(back.hits[0], back.hits[1], "a shared object stays shared");
        assertEquals(shared, back.hits[0]);
        assertEquals(counts, back.counts);
        assertEquals(Optional.of("n"), back.note);
        assertEquals(new BigDecimal("0.0025"), back.cost);
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), back.at);

        Guarded g = (Guarded) roundTrip(new Guarded("s3"));
        assertEquals("Guarded[code=s3]", g.toString(), "written from the field, not the accessor");

        Conversation c = new Conversation("c1");
        c.add("hello");
        c.add("world");
        Conversation cb = (Conversation) roundTrip(c);
        assertEquals("c1", cb.id);
        assertEquals(List.of("hello", "world"), List.of(cb.get(0), cb.get(1)));

        List<String> inner = new ArrayList<>(List.of("x"));
        List<String> wrapped = Collections.unmodifiableList(inner);
        Object wb = roundTrip(wrapped);
        assertEquals(wrapped.getClass(), wb.getClass());
        assertEquals(List.of("x"), wb);
        Object sync = roundTrip(Collections.synchronizedMap(new HashMap<>(Map.of("k", 1))));
        assertEquals(Map.of("k", 1), sync);
    }

    @Test
    void exceptionsKeepClassMessageCauseStackAndSuppressed() {
        IOException root = new IOException("disk full");
        ToolFailure failure = new ToolFailure("search failed", new UncheckedIOException(root), 503);
        failure.addSuppressed(new IllegalStateException("cleanup failed"));
        ValueCodec.Encoded e = ValueCodec.encode(null, failure, MAX);
        assertEquals(ValueCodec.Encoded.Status.KRYO, e.status(), e.detail());
        assertEquals(ToolFailure.class.getName(), e.valueClass());
        ValueCodec.Decoded d = ValueCodec.decode(e.bytes(), getClass().getClassLoader());
        assertTrue(d.threw());
        ToolFailure back = (ToolFailure) d.thrown();
        assertNotSame(failure, back);
        assertEquals("search failed", back.getMessage());
        assertEquals(503, back.code);
        assertInstanceOf(UncheckedIOException.class, back.getCause());
        assertEquals("disk full", back.getCause().getCause().getMessage());
        assertNull(back.getCause().getCause().getCause(), "a cause that was never set reads as none");
        assertArrayEquals(failure.getStackTrace(), back.getStackTrace());
        assertEquals(1, back.getSuppressed().length);
        assertEquals("cleanup failed", back.getSuppressed()[0].getMessage());
        back.addSuppressed(new RuntimeException("more")); // the rebuilt exception still works
        assertEquals(2, back.getSuppressed().length);
        RuntimeException fresh = (RuntimeException) ValueCodec.decode(
                ValueCodec.encode(null, new RuntimeException("x"), MAX).bytes(), null).thrown();
        fresh.addSuppressed(new RuntimeException("y"));
        assertEquals(1, fresh.getSuppressed().length, "the 'no suppressed yet' mark survives");
    }

    @Test
    void aKotlinDataClassComesBackEqual() {
        kotlin.Pair<String, Integer> pair = new kotlin.Pair<>("answer", 42);
        assertEquals(pair, roundTrip(pair));
    }

    @Test
    void unrebuildableValuesSayWhatAndWhere() throws IOException {
        try (Socket socket = new Socket()) {
            ValueCodec.Encoded e = ValueCodec.encode(new Holder(socket), null, MAX);
            assertEquals(ValueCodec.Encoded.Status.UNREBUILDABLE, e.status());
            assertNull(e.bytes());
            assertEquals("java.net.Socket: a socket is a connection of this process (at Holder.inner)", e.detail());
        }
        Supplier<String> lambda = () -> "x";
        ValueCodec.Encoded l = ValueCodec.encode(List.of(new Holder(lambda)), null, MAX);
        assertEquals(ValueCodec.Encoded.Status.UNREBUILDABLE, l.status());
        assertTrue(l.detail().contains("a lambda or hidden class"), l.detail());
        assertTrue(ValueCodec.encode(new ByteArrayInputStream(new byte[1]), null, MAX).detail()
                .startsWith("java.io.ByteArrayInputStream: a stream"));
        assertTrue(ValueCodec.encode(Thread.currentThread(), null, MAX).detail().contains("a thread"));
        assertTrue(ValueCodec.encode(new Holder(getClass().getClassLoader()), null, MAX).detail()
                .contains("a class loader"));
        Object proxy = java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Runnable.class}, (p, m, a) -> null);
        assertTrue(ValueCodec.encode(proxy, null, MAX).detail().contains("dynamic proxy"));
    }

    @Test
    void aValueOverMaxBytesIsCut() {
        String big = "x".repeat(10_000);
        ValueCodec.Encoded e = ValueCodec.encode(List.of(big), null, 5_000);
        assertEquals(ValueCodec.Encoded.Status.CUT, e.status());
        assertEquals("over 5000 bytes (agentdbg.record.maxBytes)", e.detail());
        assertEquals(ValueCodec.Encoded.Status.KRYO, ValueCodec.encode(List.of(big), null, 20_000).status());
    }

    @Test
    void theMemoryBudgetBoundsTheBufferAndGetsEverythingBack() {
        MemoryBudget budget = new MemoryBudget(16 * 1024);
        MemoryBudget.install(budget);
        ValueCodec.Encoded e = ValueCodec.encode("y".repeat(100_000), null, MAX);
        assertEquals(ValueCodec.Encoded.Status.CUT, e.status());
        assertTrue(e.detail().contains("memory budget"), e.detail());
        assertEquals(0, budget.reserved(), "growth reserved while encoding is given back");
        assertEquals(ValueCodec.Encoded.Status.KRYO, ValueCodec.encode("y".repeat(8_000), null, MAX).status());
        assertEquals(0, budget.reserved());
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        Holder h = new Holder(null);
        for (int i = 0; i < 5_000; i++) {
            h = new Holder(h);
        }
        ValueCodec.Encoded e = ValueCodec.encode(h, null, MAX);
        assertEquals(ValueCodec.Encoded.Status.UNREBUILDABLE, e.status());
        assertTrue(e.detail().contains("nested deeper than"), e.detail());
    }

    @Test
    void bytesThatDoNotRebuildSayWhy() {
        byte[] bytes = ValueCodec.encode(new Hit("u", 1, Level.LOW, List.of()), null, MAX).bytes();
        byte[] damaged = Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(ValueDecodeException.class, () -> ValueCodec.decode(damaged, null));
        ClassLoader empty = new ClassLoader(null) {
        };
        ValueDecodeException missing = assertThrows(ValueDecodeException.class, () -> ValueCodec.decode(bytes, empty));
        assertEquals("class dev.agentdbg.replay.values.ValueCodecTest$Hit is not there", missing.getMessage());
    }

    @Test
    void jdkCollectionsUseOnlyTheCaptureAllowList() {
        for (Class<?> c : SafeKryo.REBUILT_BY_METHODS) {
            assertTrue(dev.agentdbg.capture.JdkContainers.byMethods(c), c + " is not on the capture allow-list");
        }
    }
}
