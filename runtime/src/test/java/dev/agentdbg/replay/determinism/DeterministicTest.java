package dev.agentdbg.replay.determinism;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.replay.ReplayPlan;
import dev.agentdbg.replay.ReplayStore;
import dev.agentdbg.replay.SideRecord;
import dev.agentdbg.replay.SideRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterministicTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger KEYS = new AtomicInteger();
    private MemoryBudget budgetBefore;

    @BeforeEach
    void open() {
        budgetBefore = MemoryBudget.installed();
        SideRecords.open();
        drainAll(); // what earlier tests left
    }

    @AfterEach
    void restore() {
        MemoryBudget.install(budgetBefore);
        Deterministic.install(false, false, Map.of());
    }

    private static String key() {
        return "com.acme.T#m:" + KEYS.incrementAndGet();
    }

    /** Writes every queued det record as the drainer would; @return values by site, concatenated in order */
    private static Map<String, List<Long>> drainAll() {
        Map<String, List<Long>> bySite = new HashMap<>();
        SideRecord r;
        try {
            while ((r = SideRecords.poll()) != null) {
                StringWriter out = new StringWriter();
                try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
                    json.writeStartObject();
                    json.writeStringField("type", r.type());
                    r.writeFields(json, Redactor.current());
                    json.writeEndObject();
                }
                SideRecords.release(r);
                JsonNode node = JSON.readTree(out.toString());
                if ("det".equals(node.path("type").asText())) {
                    List<Long> values = bySite.computeIfAbsent(node.path("site").asText(), k -> new ArrayList<>());
                    node.path("values").forEach(v -> values.add(v.asLong()));
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return bySite;
    }

    @Test
    void recordsEveryValueHandedOutInOrderAcrossBlocks() {
        Deterministic.install(true, false, Map.of());
        String key = key();
        int id = Deterministic.register(key, "nanoTime");
        List<Long> handed = new ArrayList<>();
        for (int i = 0; i < 3 * SiteChunk.SIZE + 5; i++) {
            handed.add(Deterministic.nanoTime(id));
            if (i == 40) {
                assertEquals(handed, drainAll().get(key), "a drain in the middle writes what was handed out so far");
                handed.clear();
            }
        }
        assertEquals(handed, drainAll().get(key));
        assertEquals(id, Deterministic.register(key, "nanoTime"), "the same site keeps its id");
        assertEquals(1, Deterministic.site(id).heldBlocks(), "written blocks are let go of");
    }

    @Test
    void oneRecordPerSitePerDrain() {
        Deterministic.install(true, false, Map.of());
        int id = Deterministic.register(key(), "currentTimeMillis");
        for (int i = 0; i < 50; i++) {
            Deterministic.currentTimeMillis(id);
        }
        int records = 0;
        while (SideRecords.poll() != null) {
            records++;
        }
        assertEquals(1, records);
    }

    @Test
    void recordedValuesComeBackInReplayThenRealOnes() {
        Deterministic.install(true, false, Map.of());
        String millis = key();
        String instant = key();
        String local = key();
        String uuid = key();
        String seed = key();
        int m = Deterministic.register(millis, "currentTimeMillis");
        int in = Deterministic.register(instant, "instant");
        int lo = Deterministic.register(local, "localDateTime");
        int uu = Deterministic.register(uuid, "uuid");
        int se = Deterministic.register(seed, "randomSeed");
        List<Object> recorded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            recorded.add(Deterministic.currentTimeMillis(m));
            recorded.add(Deterministic.instant(in));
            recorded.add(Deterministic.localDateTime(ZoneId.of("Pacific/Kiritimati"), lo));
            recorded.add(Deterministic.randomUUID(uu));
            recorded.add(Deterministic.randomSeed(se));
        }
        Map<String, List<Long>> written = drainAll();
        assertEquals(6, written.get(uuid).size(), "a UUID is two longs");

        // the same sites as a fresh JVM would register them (new keys: this JVM knows the old ones already)
        Map<String, long[]> fresh = new HashMap<>();
        written.forEach((k, v) -> fresh.put(k + "r", v.stream().mapToLong(Long::longValue).toArray()));
        Deterministic.install(false, true, fresh);
        assertEquals(-1, Deterministic.register(key(), "sundial"), "an unknown kind is not registered");
        long liveBefore = Deterministic.liveCalls();
        int m2 = Deterministic.register(millis + "r", "currentTimeMillis");
        int in2 = Deterministic.register(instant + "r", "instant");
        int lo2 = Deterministic.register(local + "r", "localDateTime");
        int uu2 = Deterministic.register(uuid + "r", "uuid");
        int se2 = Deterministic.register(seed + "r", "randomSeed");
        List<Object> replayed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replayed.add(Deterministic.currentTimeMillis(m2));
            replayed.add(Deterministic.instant(in2));
            replayed.add(Deterministic.localDateTime(lo2)); // another zone: the recorded local time all the same
            replayed.add(Deterministic.randomUUID(uu2));
            replayed.add(Deterministic.randomSeed(se2));
        }
        assertEquals(recorded, replayed);
        assertEquals(liveBefore, Deterministic.liveCalls());
        UUID past = Deterministic.randomUUID(uu2);
        assertTrue(!recorded.contains(past), "past the recording: a real value");
        assertEquals(liveBefore + 1, Deterministic.liveCalls());
        assertTrue(Deterministic.summary().contains(uuid + "r (1)"), Deterministic.summary());
        assertTrue(drainAll().isEmpty(), "replay records nothing");
    }

    @Test
    void threadLocalRandomSitesReplayTheirSequenceFromOneSeed() {
        Deterministic.install(true, false, Map.of());
        String key = key();
        int id = Deterministic.register(key, "randomSource");
        ThreadLocalRandom tlr = ThreadLocalRandom.current();
        List<Object> recorded = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            recorded.add(DeterministicRandom.nextInt(tlr, 1000, id));
            recorded.add(DeterministicRandom.nextLong(tlr, 5, 50, id));
            recorded.add(DeterministicRandom.nextDouble(tlr, id));
            recorded.add(DeterministicRandom.nextBoolean(tlr, id));
            recorded.add(DeterministicRandom.mathRandom(id));
        }
        List<Long> seeds = drainAll().get(key);
        assertEquals(1, seeds.size(), "one seed per site");
        Deterministic.install(false, true, Map.of(key + "r", new long[] {seeds.get(0)}));
        int id2 = Deterministic.register(key + "r", "randomSource");
        List<Object> replayed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replayed.add(DeterministicRandom.nextInt(tlr, 1000, id2));
            replayed.add(DeterministicRandom.nextLong(tlr, 5, 50, id2));
            replayed.add(DeterministicRandom.nextDouble(tlr, id2));
            replayed.add(DeterministicRandom.nextBoolean(tlr, id2));
            replayed.add(DeterministicRandom.mathRandom(id2));
        }
        assertEquals(recorded, replayed);
        assertThrows(IllegalArgumentException.class, () -> DeterministicRandom.nextInt(tlr, -1, id2),
                "a bad bound throws as ThreadLocalRandom's does");
        assertThrows(NullPointerException.class, () -> DeterministicRandom.nextInt(null, 3, id2));
    }

    @Test
    void manyThreadsLoseNoValueWhileTheDrainerRuns() throws Exception {
        Deterministic.install(true, false, Map.of());
        String key = key();
        int id = Deterministic.register(key, "uuid");
        int threads = 8;
        int perThread = 5_000;
        List<List<Long>> handed = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Long> mine = new ArrayList<>();
            handed.add(mine);
            workers.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    UUID u = Deterministic.randomUUID(id);
                    mine.add(u.getMostSignificantBits());
                    mine.add(u.getLeastSignificantBits());
                }
            }));
        }
        AtomicBoolean done = new AtomicBoolean();
        List<Long> written = new ArrayList<>();
        Thread drainer = new Thread(() -> {
            while (!done.get()) {
                written.addAll(drainAll().getOrDefault(key, List.of()));
            }
        });
        drainer.start();
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        done.set(true);
        drainer.join();
        written.addAll(drainAll().getOrDefault(key, List.of()));
        assertEquals(2 * threads * perThread, written.size());
        Map<Long, Long> pairs = new HashMap<>();
        for (int i = 0; i < written.size(); i += 2) {
            pairs.put(written.get(i), written.get(i + 1));
        }
        for (List<Long> mine : handed) {
            for (int i = 0; i < mine.size(); i += 2) {
                assertEquals(mine.get(i + 1), pairs.get(mine.get(i)), "every UUID is recorded whole");
            }
        }
    }

    @Test
    void aRefusedBlockStopsTheSiteAndIsCounted() {
        MemoryBudget budget = new MemoryBudget(SiteChunk.BYTES + 10);
        MemoryBudget.install(budget);
        Deterministic.install(true, false, Map.of());
        String key = key();
        int id = Deterministic.register(key, "currentTimeMillis");
        long before = Deterministic.notRecorded();
        for (int i = 0; i < SiteChunk.SIZE + 7; i++) {
            Deterministic.currentTimeMillis(id);
        }
        assertEquals(7, Deterministic.notRecorded() - before);
        assertEquals(SiteChunk.SIZE, drainAll().get(key).size());
        assertTrue(Deterministic.stoppedSites() >= 1);
        assertEquals(SiteChunk.BYTES, budget.reserved(), "the full block is kept until a next one exists");
    }

    @Test
    void traceModeRecordsNothing() {
        int id = Deterministic.register(key(), "currentTimeMillis");
        long a = Deterministic.currentTimeMillis(id);
        assertTrue(Math.abs(a - System.currentTimeMillis()) < 60_000);
        assertTrue(drainAll().isEmpty());
        assertNull(Deterministic.site(-1));
        assertNotEquals(Deterministic.instant(id), null);
        assertNotEquals(Deterministic.localDateTime(id), LocalDateTime.MIN);
        assertNotEquals(Instant.EPOCH, Deterministic.instant(12345678), "an unknown id gets the real value");
    }

    @Test
    void planCountsSitesAndValuesPerKind() {
        ReplayStore store = new ReplayStore("run1", List.of(), List.of(),
                Map.of("A#m:0", new long[] {1, 2, 3}, "A#m:1", new long[] {9}, "A#m:2", new long[] {1, 2, 3, 4}),
                Map.of("A#m:0", "currentTimeMillis", "A#m:1", "nanoTime", "A#m:2", "uuid"), List.of(), "f");
        List<ReplayPlan.Entry> plan = DeterministicPlan.entries(store, Set.of("time", "random"), "com.acme");
        assertEquals(3, plan.size());
        ReplayPlan.Entry time = plan.get(0);
        assertEquals("time", time.kind());
        assertEquals("2 call sites: System.currentTimeMillis(), System.nanoTime()", time.key());
        assertEquals(4, time.recorded());
        assertEquals(4, time.served());
        ReplayPlan.Entry random = plan.get(1);
        assertEquals(0, random.recorded());
        assertTrue(random.note().startsWith("nothing recorded"), random.note());
        ReplayPlan.Entry uuid = plan.get(2);
        assertEquals(2, uuid.recorded());
        assertEquals(0, uuid.served());
        assertTrue(uuid.note().contains("does not name uuid"), uuid.note());
    }
}
