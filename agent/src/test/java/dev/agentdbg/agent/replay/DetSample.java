package dev.agentdbg.agent.replay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Calls every kind of deterministic call site; rewritten and loaded apart by {@link CallSiteRewriterTest}. */
public class DetSample {
    public static long millis() {
        return System.currentTimeMillis();
    }

    public static long nanos() {
        return System.nanoTime();
    }

    public static Instant instant() {
        return Instant.now();
    }

    public static LocalDateTime local() {
        return LocalDateTime.now();
    }

    public static LocalDateTime localIn(String zone) {
        return LocalDateTime.now(ZoneId.of(zone));
    }

    public static UUID uuid() {
        return UUID.randomUUID();
    }

    public static int random() {
        return new Random().nextInt();
    }

    public static int threadLocal() {
        return ThreadLocalRandom.current().nextInt(1000);
    }

    public static double math() {
        return Math.random();
    }

    public static int ownRandom() {
        return new Seeded().nextInt();
    }

    /** A uuid site first, then a time site: the time site is index 1 whether uuid is rewritten or not. */
    public static long afterUuid() {
        UUID.randomUUID();
        return System.currentTimeMillis();
    }

    public static long overloaded() {
        return System.currentTimeMillis();
    }

    public static long overloaded(int plus) {
        return System.currentTimeMillis() + plus;
    }

    /** super() of a Random subclass is rewritten too: it gets a recorded seed. */
    static final class Seeded extends Random {
        Seeded() {
            super();
        }
    }
}
