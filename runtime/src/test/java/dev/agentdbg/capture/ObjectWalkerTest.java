package dev.agentdbg.capture;

import dev.agentdbg.bootstrap.Spans;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the walker captures of each kind of value, and what it never does (call application code). */
class ObjectWalkerTest {
    private static final CaptureSettings S = CaptureSettings.defaults();

    record Message(String role, String content) {
    }

    record ChatRequest(String model, double temperature, List<Message> messages) {
    }

    enum Role { USER, TOOL { } }

    static class Base {
        int baseField = 1;
    }

    static class Derived extends Base {
        String derivedField = "d";
        static String ignoredStatic = "s";
    }

    static class Hiding extends Base {
        int baseField = 2;
    }

    /** Every method an instrumentation-unaware walker might call counts and throws. */
    static final class Hostile {
        static final AtomicInteger CALLS = new AtomicInteger();
        private final String name = "hostile";
        private final int maxTokens = 512;
        private final String apiKey = "sk-live-should-never-appear-1234567890";

        public String getName() {
            CALLS.incrementAndGet();
            throw new IllegalStateException("getter called");
        }

        @Override
        public String toString() {
            CALLS.incrementAndGet();
            throw new IllegalStateException("toString called");
        }

        @Override
        public int hashCode() {
            CALLS.incrementAndGet();
            throw new IllegalStateException("hashCode called");
        }

        @Override
        public boolean equals(Object o) {
            CALLS.incrementAndGet();
            throw new IllegalStateException("equals called");
        }
    }

    /** An application list: walked by its fields, never through get()/size()/iterator(). */
    static final class HostileList extends AbstractList<String> {
        final String[] items = {"x", "y"};

        @Override
        public String get(int index) {
            Hostile.CALLS.incrementAndGet();
            throw new IllegalStateException("get called");
        }

        @Override
        public int size() {
            Hostile.CALLS.incrementAndGet();
            throw new IllegalStateException("size called");
        }
    }

    static final class Described {
        static final AtomicInteger CALLS = new AtomicInteger();
        static volatile boolean spansSuspendedInside;
        final String secretSauce = "ketchup";

        @Override
        public String toString() {
            CALLS.incrementAndGet();
            boolean previous = Spans.suspend();
            Spans.resume(previous);
            spansSuspendedInside = previous;
            return "Described(sauce)";
        }
    }

    static final class BrokenToString {
        int x = 1;

        @Override
        public String toString() {
            throw new UnsupportedOperationException("nope");
        }
    }

    static final class ApiException extends RuntimeException {
        static final AtomicInteger CALLS = new AtomicInteger();
        final int statusCode = 429;

        ApiException() {
            super("rate limited");
        }

        @Override
        public String getMessage() {
            CALLS.incrementAndGet();
            return "overridden";
        }
    }

    interface Assistant {
        String chat(String prompt);
    }

    @Test
    void sharedEmptyContainersAreWrittenAsEmptyNotAsReferences() {
        List<Object> empty = List.of();
        Object[] args = {new Message("user", "hi"), Map.of("a", empty, "b", empty), new int[0], new int[0]};
        String json = CaptureJson.parse(CaptureJson.argsBytes(ObjectWalker.snapshotArgs(args, -1, S), S)).toString();
        assertFalse(json.contains("@ref") || json.contains("@id"), json);
        assertTrue(json.contains("{\"a\":[],\"b\":[]}") || json.contains("{\"b\":[],\"a\":[]}"), json);
    }

    @Test
    void recordIsReadByItsFieldsInDeclarationOrder() {
        ChatRequest request = new ChatRequest("gpt-4o", 0.2, List.of(new Message("user", "hi")));
        ObjectSnapshot o = assertInstanceOf(ObjectSnapshot.class, ObjectWalker.snapshot(request, S));
        assertEquals(ChatRequest.class.getName(), o.type);
        assertEquals(List.of("model", "temperature", "messages"), new ArrayList<>(o.fields.keySet()));
        assertEquals("gpt-4o", o.field("model"));
        assertEquals(0.2, o.field("temperature"));
        ListSnapshot messages = assertInstanceOf(ListSnapshot.class, o.field("messages"));
        assertEquals(1, messages.totalSize);
        ObjectSnapshot m = assertInstanceOf(ObjectSnapshot.class, messages.elements.get(0));
        assertEquals("hi", m.field("content"));
    }

    @Test
    void superclassFieldsComeFirstStaticFieldsAreLeftOutAndHiddenOnesQualified() {
        ObjectSnapshot o = (ObjectSnapshot) ObjectWalker.snapshot(new Derived(), S);
        assertEquals(List.of("baseField", "derivedField"), new ArrayList<>(o.fields.keySet()));
        assertEquals(1, o.field("baseField"));

        ObjectSnapshot hiding = (ObjectSnapshot) ObjectWalker.snapshot(new Hiding(), S);
        assertEquals(List.of("Base.baseField", "baseField"), new ArrayList<>(hiding.fields.keySet()));
        assertEquals(2, hiding.field("baseField"));
    }

    @Test
    void neverCallsGettersToStringHashCodeEqualsOrCollectionMethodsOfApplicationClasses() {
        Hostile.CALLS.set(0);
        Hostile h = new Hostile();
        Map<Object, Object> map = new HashMap<>();
        map.put("value", h);
        Set<Object> set = new HashSet<>();
        set.add("plain");
        Map<Object, Object> keyedByHostile = new IdentityHashMap<>();
        keyedByHostile.put(h, "value");
        Object[] args = {h, List.of(h, h), map, new HostileList(), set, keyedByHostile};
        Object[] snap = ObjectWalker.snapshotArgs(args, -1, S);
        assertEquals(0, Hostile.CALLS.get(), "application methods were called");

        ObjectSnapshot o = (ObjectSnapshot) snap[0];
        assertEquals("hostile", o.field("name"));
        assertEquals(512, o.field("maxTokens"));
        assertSame(Marker.REDACTED, o.field("apiKey"));
        ObjectSnapshot list = assertInstanceOf(ObjectSnapshot.class, snap[3]);
        ListSnapshot items = assertInstanceOf(ListSnapshot.class, list.field("items"));
        assertEquals(List.of("x", "y"), items.elements);
        assertEquals(Set.of("<Hostile#0>"), ((MapSnapshot) snap[5]).entries.keySet());
    }

    @Test
    void callToStringCallsTheObjectsOwnToStringOnceWithSpansSuspended() {
        Described.CALLS.set(0);
        Described.spansSuspendedInside = false;
        Object byFields = ObjectWalker.snapshot(new Described(), S);
        assertEquals(0, Described.CALLS.get());
        assertInstanceOf(ObjectSnapshot.class, byFields);

        Object text = ObjectWalker.snapshot(new Described(), S.withCallToString(true));
        assertEquals("Described(sauce)", text);
        assertEquals(1, Described.CALLS.get());
        assertTrue(Described.spansSuspendedInside, "spans must be suspended while toString runs");
        assertFalse(Spans.suspend(), "suspension must be lifted afterwards");
        Spans.resume(false);
    }

    @Test
    void callToStringThatThrowsBecomesAFailedMarker() {
        Marker m = assertInstanceOf(Marker.class,
                ObjectWalker.snapshot(new BrokenToString(), S.withCallToString(true)));
        assertEquals(Marker.Reason.FAILED, m.reason);
        assertEquals(UnsupportedOperationException.class.getName(), m.detail);
        assertEquals(BrokenToString.class.getName(), m.type);
    }

    @Test
    void jdkValuesBecomeTheirNaturalLeaves() throws Exception {
        UUID id = UUID.randomUUID();
        Object[] in = {Role.USER, Role.TOOL, Optional.of("x"), Optional.empty(), OptionalInt.of(3),
            Instant.parse("2026-01-02T03:04:05Z"), Duration.ofSeconds(90), LocalDate.of(2026, 1, 2), id,
            URI.create("https://api.openai.com/v1"), Path.of("/tmp/a"), Locale.CANADA_FRENCH, String.class,
            Assistant.class.getMethod("chat", String.class), new AtomicInteger(7), new AtomicReference<>("ref"),
            'c', new StringBuilder("built"), new BigDecimal("1.50"), 42L, true};
        Object[] expected = {"USER", "TOOL", "x", null, 3, "2026-01-02T03:04:05Z", "PT1M30S", "2026-01-02",
            id.toString(), "https://api.openai.com/v1", "/tmp/a", "fr_CA", "java.lang.String", "Assistant.chat", 7,
            "ref", "c", "built", new BigDecimal("1.50"), 42L, true};
        assertArrayEquals(expected, ObjectWalker.snapshotArgs(in, -1, S));
    }

    @Test
    void arraysBytesAndBuffersAreCopiedBoundedAndBuffersKeepTheirPosition() {
        ListSnapshot ints = (ListSnapshot) ObjectWalker.snapshot(new int[] {1, 2, 3}, S);
        assertEquals("int[]", ints.type);
        assertEquals(List.of(1, 2, 3), ints.elements);

        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        BytesSnapshot bytes = (BytesSnapshot) ObjectWalker.snapshot(data, S);
        assertEquals(100, bytes.length);
        assertEquals(64, bytes.head.length);
        assertEquals(63, bytes.head[63]);

        ByteBuffer buffer = ByteBuffer.wrap(data);
        buffer.position(10);
        BytesSnapshot fromBuffer = (BytesSnapshot) ObjectWalker.snapshot(buffer, S);
        assertEquals(90, fromBuffer.length);
        assertEquals(10, fromBuffer.head[0]);
        assertEquals(10, buffer.position());

        assertEquals("chars", ObjectWalker.snapshot("chars".toCharArray(), S));
    }

    @Test
    void mapKeysBecomeStringsWithoutCallingApplicationToString() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("s", 1);
        map.put(Role.USER, 2);
        map.put(7, 3);
        map.put(new Derived(), 4);
        map.put(null, 5);
        MapSnapshot m = (MapSnapshot) ObjectWalker.snapshot(map, S);
        assertEquals(List.of("s", "USER", "7", "<Derived#3>", "null"), new ArrayList<>(m.entries.keySet()));
        assertEquals(5, m.totalSize);
    }

    @Test
    void secretFieldsAndMapKeysAreRedactedButTokenCountsAreKept() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer abc.def.ghi");
        headers.put("x-api-key", "k");
        headers.put("Content-Type", "application/json");
        Map<String, Object> usage = Map.of("inputTokens", 10, "maxTokens", 20, "totalTokenCount", 30);
        MapSnapshot h = (MapSnapshot) ObjectWalker.snapshot(headers, S);
        assertSame(Marker.REDACTED, h.entries.get("Authorization"));
        assertSame(Marker.REDACTED, h.entries.get("x-api-key"));
        assertEquals("application/json", h.entries.get("Content-Type"));
        MapSnapshot u = (MapSnapshot) ObjectWalker.snapshot(usage, S);
        assertEquals(10, u.entries.get("inputTokens"));
        assertEquals(20, u.entries.get("maxTokens"));
        assertEquals(30, u.entries.get("totalTokenCount"));
    }

    @Test
    void closedJdkObjectsAreNamedWithTheModuleThatDoesNotOpenThem() {
        ObjectSnapshot lock = (ObjectSnapshot) ObjectWalker.snapshot(new ReentrantLock(), S);
        assertEquals("java.util.concurrent.locks.ReentrantLock", lock.type);
        assertEquals("module java.base does not open java.util.concurrent.locks to agentdbg", lock.unreadable);
        assertTrue(lock.fields.isEmpty());

        ObjectSnapshot thread = (ObjectSnapshot) ObjectWalker.snapshot(Thread.currentThread(), S);
        assertTrue(thread.fields.isEmpty());
        assertNull(thread.unreadable, "threads are named, never read");
        ObjectSnapshot loader = (ObjectSnapshot) ObjectWalker.snapshot(getClass().getClassLoader(), S);
        assertTrue(loader.fields.isEmpty());
    }

    @Test
    void proxiesAndLambdasAreNamedOnly() {
        AtomicInteger handlerCalls = new AtomicInteger();
        Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Assistant.class},
                (p, m, a) -> {
                    handlerCalls.incrementAndGet();
                    return "x";
                });
        ObjectSnapshot p = (ObjectSnapshot) ObjectWalker.snapshot(proxy, S);
        assertTrue(p.fields.isEmpty());
        assertEquals(0, handlerCalls.get());
        String captured = "captured";
        Supplier<String> lambda = () -> captured;
        ObjectSnapshot l = (ObjectSnapshot) ObjectWalker.snapshot(lambda, S);
        assertTrue(l.type.contains("$$Lambda"), l.type);
        assertTrue(l.fields.isEmpty());
    }

    @Test
    void throwableKeepsItsMessageAndOwnFieldsButNeverCallsAnOverriddenGetMessage() {
        ObjectSnapshot plain = (ObjectSnapshot) ObjectWalker.snapshot(new IllegalStateException("boom"), S);
        assertEquals("java.lang.IllegalStateException", plain.type);
        assertEquals("boom", plain.field("message"));

        ApiException.CALLS.set(0);
        ObjectSnapshot api = (ObjectSnapshot) ObjectWalker.snapshot(new ApiException(), S);
        assertEquals(0, ApiException.CALLS.get());
        assertEquals(429, api.field("statusCode"));
        // The message given to the constructor, read from Throwable's field: the override is never called.
        assertEquals("rate limited", api.field("message"));
    }

    @Test
    void valueThatFailsToBeReadBecomesAFailedMarkerAndTheRestGoesOn() {
        // A sub-list whose list was changed structurally throws when read.
        List<String> root = new java.util.ArrayList<>(List.of("a", "b", "c"));
        List<String> stale = root.subList(0, 2);
        root.add("d");
        Object[] snap = ObjectWalker.snapshotArgs(new Object[] {"before", stale, "after"}, -1, S);
        assertEquals("before", snap[0]);
        Marker failed = (Marker) snap[1];
        assertEquals(Marker.Reason.FAILED, failed.reason);
        assertEquals(java.util.ConcurrentModificationException.class.getName(), failed.detail);
        assertEquals("after", snap[2]);
    }

    @Test
    void argMaskSelectsArguments() {
        Object[] snap = ObjectWalker.snapshotArgs(new Object[] {"a", "b", "c"}, 0b101, S);
        assertArrayEquals(new Object[] {"a", null, "c"}, snap);
    }
}
