package dev.agentdbg.replay.determinism;

import dev.agentdbg.bootstrap.AgentCounters;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the application's rewritten call sites call instead of {@code System.currentTimeMillis()},
 * {@code System.nanoTime()}, {@code Instant.now()}, {@code LocalDateTime.now()}, {@code UUID.randomUUID()}
 * and {@code new Random()} (see {@link DeterministicRandom} for ThreadLocalRandom and Math.random). Each
 * takes its call site's id as a constant. Record mode hands out the real value and records it; replay
 * mode hands out the n-th recorded value of the site to its n-th call, and the real value past them.
 * JDK-only, lock-free; a fault here gives the application the real value.
 */
public final class Deterministic {
    static final AtomicLong STOPPED_SITES = new AtomicLong();
    private static final long NANOS = 1_000_000_000L;

    /** Sites by id; replaced as a whole when one is added (registration is rare: at class load). */
    private static final AtomicReference<Site[]> SITES = new AtomicReference<>(new Site[0]);
    private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
    private static volatile boolean record;
    private static volatile boolean replay;
    private static volatile Map<String, long[]> recording = Map.of();

    private Deterministic() {
    }

    /**
     * Called once at start-up, before any class is rewritten.
     *
     * @param recorded in replay mode the recorded values by site, else empty
     */
    public static void install(boolean recordMode, boolean replayMode, Map<String, long[]> recorded) {
        recording = recorded == null ? Map.of() : recorded;
        record = recordMode;
        replay = replayMode;
    }

    /**
     * Registers a call site while its class is rewritten; the same key gets the same id (a class
     * loaded by two loaders shares its sites' sequences).
     *
     * @param key  {@code class#method:index}
     * @param what a {@code det} record's {@code what}
     * @return the id the rewritten call passes, or -1 for an unknown {@code what}
     */
    public static int register(String key, String what) {
        What w = What.named(what);
        if (w == null) {
            return -1;
        }
        Integer known = IDS.get(key);
        if (known != null) {
            return known;
        }
        boolean replaying = replay;
        Site site = new Site(key, w, record, replaying, replaying ? recording.get(key) : null);
        int id;
        while (true) {
            Site[] table = SITES.get();
            Site[] grown = java.util.Arrays.copyOf(table, table.length + 1);
            grown[table.length] = site;
            if (SITES.compareAndSet(table, grown)) {
                id = table.length;
                break;
            }
        }
        Integer raced = IDS.putIfAbsent(key, id);
        return raced != null ? raced : id; // a loser's site stays unused in the table
    }

    static Site site(int id) {
        Site[] table = SITES.get();
        return id >= 0 && id < table.length ? table[id] : null;
    }

    /** Every registered site, for the report at the end. */
    static Site[] sites() {
        return SITES.get();
    }

    public static long currentTimeMillis(int id) {
        try {
            Site s = site(id);
            if (s != null && s.replays()) {
                int i = s.nextServed();
                if (i >= 0) {
                    return s.recorded(i);
                }
            }
            long v = System.currentTimeMillis();
            if (s != null && s.records()) {
                s.record(v, 0);
            }
            return v;
        } catch (Throwable t) {
            AgentCounters.internalError("deterministic", t);
            return System.currentTimeMillis();
        }
    }

    public static long nanoTime(int id) {
        try {
            Site s = site(id);
            if (s != null && s.replays()) {
                int i = s.nextServed();
                if (i >= 0) {
                    return s.recorded(i);
                }
            }
            long v = System.nanoTime();
            if (s != null && s.records()) {
                s.record(v, 0);
            }
            return v;
        } catch (Throwable t) {
            AgentCounters.internalError("deterministic", t);
            return System.nanoTime();
        }
    }

    /** Replaces {@code Instant.now()}; recorded as epoch nanoseconds. */
    public static Instant instant(int id) {
        try {
            Site s = site(id);
            if (s != null && s.replays()) {
                int i = s.nextServed();
                if (i >= 0) {
                    long v = s.recorded(i);
                    return Instant.ofEpochSecond(Math.floorDiv(v, NANOS), Math.floorMod(v, NANOS));
                }
            }
            Instant now = Instant.now();
            if (s != null && s.records()) {
                s.record(now.getEpochSecond() * NANOS + now.getNano(), 0);
            }
            return now;
        } catch (Throwable t) {
            AgentCounters.internalError("deterministic", t);
            return Instant.now();
        }
    }

    /** Replaces {@code LocalDateTime.now()}. */
    public static LocalDateTime localDateTime(int id) {
        return localDateTimeIn(null, id);
    }

    /** Replaces {@code LocalDateTime.now(ZoneId)}. */
    public static LocalDateTime localDateTime(ZoneId zone, int id) {
        Objects.requireNonNull(zone, "zone"); // as LocalDateTime.now(zone) does
        return localDateTimeIn(zone, id);
    }

    /** Recorded as the local date-time itself, so a replay in another time zone gets the same value. */
    private static LocalDateTime localDateTimeIn(ZoneId zone, int id) {
        try {
            Site s = site(id);
            if (s != null && s.replays()) {
                int i = s.nextServed();
                if (i >= 0) {
                    long v = s.recorded(i);
                    return LocalDateTime.ofEpochSecond(Math.floorDiv(v, NANOS), (int) Math.floorMod(v, NANOS),
                            ZoneOffset.UTC);
                }
            }
            LocalDateTime now = zone == null ? LocalDateTime.now() : LocalDateTime.now(zone);
            if (s != null && s.records()) {
                s.record(now.toEpochSecond(ZoneOffset.UTC) * NANOS + now.getNano(), 0);
            }
            return now;
        } catch (Throwable t) {
            AgentCounters.internalError("deterministic", t);
            return zone == null ? LocalDateTime.now() : LocalDateTime.now(zone);
        }
    }

    /** Replaces {@code UUID.randomUUID()}; recorded as its two halves. */
    public static UUID randomUUID(int id) {
        try {
            Site s = site(id);
            if (s != null && s.replays()) {
                int i = s.nextServed();
                if (i >= 0) {
                    return new UUID(s.recorded(i), s.recorded(i + 1));
                }
            }
            UUID v = UUID.randomUUID();
            if (s != null && s.records()) {
                s.record(v.getMostSignificantBits(), v.getLeastSignificantBits());
            }
            return v;
        } catch (Throwable t) {
            AgentCounters.internalError("deterministic", t);
            return UUID.randomUUID();
        }
    }

    /** The seed a rewritten {@code new Random()} is constructed with. */
    public static long randomSeed(int id) {
        try {
            Site s = site(id);
            if (s != null && s.replays()) {
                int i = s.nextServed();
                if (i >= 0) {
                    return s.recorded(i);
                }
            }
            long seed = freshSeed();
            if (s != null && s.records()) {
                s.record(seed, 0);
            }
            return seed;
        } catch (Throwable t) {
            AgentCounters.internalError("deterministic", t);
            return freshSeed();
        }
    }

    /** A seed as unpredictable as {@code new Random()}'s own. */
    static long freshSeed() {
        return ThreadLocalRandom.current().nextLong() ^ System.nanoTime();
    }

    /** Replay: calls past the recorded values, which got real ones. */
    public static long liveCalls() {
        long n = 0;
        for (Site s : sites()) {
            n += s.live.get();
        }
        return n;
    }

    /** Record: values handed out but not recorded because the memory budget refused their site a block. */
    public static long notRecorded() {
        long n = 0;
        for (Site s : sites()) {
            n += s.notRecorded.get();
        }
        return n;
    }

    /** Record: sites that stopped recording because the memory budget refused them a block. */
    public static long stoppedSites() {
        return STOPPED_SITES.get();
    }

    /** One line for stderr at the end of a run, or null when there is nothing to say. */
    public static String summary() {
        StringBuilder sites = new StringBuilder();
        long live = 0;
        long lost = 0;
        int named = 0;
        for (Site s : sites()) {
            long l = s.live.get();
            long r = s.notRecorded.get();
            if (l + r > 0 && named++ < 5) {
                sites.append(sites.length() == 0 ? "" : ", ").append(s.key).append(" (").append(l + r).append(')');
            }
            live += l;
            lost += r;
        }
        if (live > 0) {
            return "[agentdbg] replay: " + live + " deterministic call(s) went past the recorded values and got real "
                    + "ones: " + sites + (named > 5 ? ", ..." : "");
        }
        if (lost > 0) {
            return "[agentdbg] record: " + lost + " deterministic value(s) were not recorded (agentdbg.memory.max "
                    + "reached; a replay gives those calls real values): " + sites + (named > 5 ? ", ..." : "");
        }
        return null;
    }
}
