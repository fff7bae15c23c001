package dev.agentdbg.agent.replay;

import dev.agentdbg.replay.determinism.Deterministic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rewritten classes pass the verifier and hand out the recorded values in replay mode. */
class CallSiteRewriterTest {
    private static final String SAMPLE = "dev.agentdbg.agent.replay.DetSample";
    private static final Set<String> ALL = Set.of("time", "random", "uuid");

    @BeforeAll
    static void replayARecording() {
        Map<String, long[]> recorded = new HashMap<>();
        recorded.put(SAMPLE + "#millis:0", new long[] {42, 43});
        recorded.put(SAMPLE + "#nanos:0", new long[] {-5});
        recorded.put(SAMPLE + "#instant:0", new long[] {1_700_000_000_123_456_789L});
        recorded.put(SAMPLE + "#local:0", new long[] {LocalDateTime.of(2024, 2, 29, 23, 59, 58, 7)
                .toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + 7});
        recorded.put(SAMPLE + "#localIn:0", recorded.get(SAMPLE + "#local:0"));
        recorded.put(SAMPLE + "#uuid:0", new long[] {1, 2});
        recorded.put(SAMPLE + "#random:0", new long[] {7});
        recorded.put(SAMPLE + "#threadLocal:0", new long[] {9});
        recorded.put(SAMPLE + "#math:0", new long[] {11});
        recorded.put(SAMPLE + "$Seeded#<init>:0", new long[] {13});
        recorded.put(SAMPLE + "#afterUuid:1", new long[] {100, 101});
        recorded.put(SAMPLE + "#overloaded:0", new long[] {200});
        recorded.put(SAMPLE + "#overloaded:1", new long[] {300});
        Deterministic.install(false, true, recorded);
    }

    @AfterAll
    static void off() {
        Deterministic.install(false, false, Map.of());
    }

    @Test
    void everyKindIsHandedBackFromTheRecording() throws Exception {
        Class<?> c = new Rewriting(ALL).loadClass(SAMPLE);
        assertEquals(42L, call(c, "millis"));
        assertEquals(43L, call(c, "millis"));
        assertNotEquals(44L, call(c, "millis"), "past the recording: the real clock");
        assertEquals(-5L, call(c, "nanos"));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), call(c, "instant"));
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 7), call(c, "local"));
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 7),
                c.getMethod("localIn", String.class).invoke(null, "Asia/Tokyo"));
        assertEquals(new UUID(1, 2), call(c, "uuid"));
        assertEquals(new Random(7).nextInt(), call(c, "random"));
        Random tlr = new Random(9);
        assertEquals(tlr.nextInt(1000), call(c, "threadLocal"));
        assertEquals(tlr.nextInt(1000), call(c, "threadLocal"), "one generator per site, seeded once");
        assertEquals(new Random(11).nextDouble(), call(c, "math"));
        assertEquals(new Random(13).nextInt(), call(c, "ownRandom"));
        assertEquals(100L, call(c, "afterUuid"));
        assertEquals(200L, call(c, "overloaded"));
        assertEquals(301L, c.getMethod("overloaded", int.class).invoke(null, 1), "overloads count on");

        // disabled kinds keep their calls but still count for the index; a second loader shares the sites
        Class<?> timeOnly = new Rewriting(Set.of("time")).loadClass(SAMPLE);
        assertEquals(101L, call(timeOnly, "afterUuid"));
        assertNotEquals(new UUID(1, 2), call(timeOnly, "uuid"));
    }

    @Test
    void aClassWithoutEnabledSitesIsLeftAsItIs() throws Exception {
        byte[] original = bytes(SAMPLE);
        assertNull(DeterministicTransformer.rewrite(SAMPLE.replace('.', '/'), original, Set.of()),
                "no kind: the class is left as it is");
    }

    @Test
    void onlyTheConfiguredPackagesAndNeverTheJdkOrAgent() {
        DeterministicTransformer t = new DeterministicTransformer(null, List.of("com/acme", "org/x/Main"), ALL);
        assertTrue(t.covers("com/acme/App"));
        assertTrue(t.covers("com/acme/sub/App$1"));
        assertTrue(t.covers("org/x/Main$Inner"));
        assertFalse(t.covers("com/acmeco/App"));
        assertFalse(t.covers("org/x/Mainly"));
        assertFalse(t.covers("App"));
        DeterministicTransformer all = new DeterministicTransformer(null, List.of("", "java", "dev/agentdbg"), ALL);
        assertTrue(all.covers("App"), "the unnamed package");
        assertFalse(all.covers("java/util/UUID"));
        assertFalse(all.covers("dev/agentdbg/replay/determinism/Deterministic"));
    }

    private static Object call(Class<?> c, String method) throws Exception {
        Method m = c.getMethod(method);
        return m.invoke(null);
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = CallSiteRewriterTest.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Loads DetSample and its nested class from rewritten bytes, child first, so the verifier checks them. */
    private static final class Rewriting extends ClassLoader {
        private final Set<String> kinds;

        Rewriting(Set<String> kinds) {
            super(CallSiteRewriterTest.class.getClassLoader());
            this.kinds = kinds;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(SAMPLE)) {
                return super.loadClass(name, resolve);
            }
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            try {
                byte[] original = bytes(name);
                byte[] rewritten = DeterministicTransformer.rewrite(name.replace('.', '/'), original, kinds);
                byte[] b = rewritten != null ? rewritten : original;
                return defineClass(name, b, 0, b.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
