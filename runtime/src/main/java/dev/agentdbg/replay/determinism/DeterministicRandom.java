package dev.agentdbg.replay.determinism;

import dev.agentdbg.bootstrap.AgentCounters;

import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What rewritten {@code ThreadLocalRandom} calls ({@code ThreadLocalRandom.current().nextInt(10)}: a
 * call whose receiver's static type is ThreadLocalRandom) and {@code Math.random()} call instead: each
 * site draws from its own {@link Random}, whose seed is recorded once and handed back in replay, so
 * the site's n-th call gets the same number as long as the calls before it asked for the same ranges.
 * Each method takes the receiver first and the site id last; bad bounds throw as ThreadLocalRandom's do.
 */
public final class DeterministicRandom {
    private DeterministicRandom() {
    }

    /** The site's generator; null (use the real one) when something is wrong inside the agent. */
    private static Random source(Object receiver, int id) {
        Objects.requireNonNull(receiver); // the original call would throw the same
        try {
            Site s = Deterministic.site(id);
            return s == null ? null : s.source();
        } catch (Throwable t) {
            AgentCounters.internalError("deterministic", t);
            return null;
        }
    }

    public static double mathRandom(int id) {
        try {
            Site s = Deterministic.site(id);
            if (s != null) {
                return s.source().nextDouble();
            }
        } catch (Throwable t) {
            AgentCounters.internalError("deterministic", t);
        }
        return Math.random();
    }

    public static int nextInt(ThreadLocalRandom r, int id) {
        Random s = source(r, id);
        return s != null ? s.nextInt() : r.nextInt();
    }

    public static int nextInt(ThreadLocalRandom r, int bound, int id) {
        Random s = source(r, id);
        return s != null ? s.nextInt(bound) : r.nextInt(bound);
    }

    public static int nextInt(ThreadLocalRandom r, int origin, int bound, int id) {
        Random s = source(r, id);
        return s != null ? s.nextInt(origin, bound) : r.nextInt(origin, bound);
    }

    public static long nextLong(ThreadLocalRandom r, int id) {
        Random s = source(r, id);
        return s != null ? s.nextLong() : r.nextLong();
    }

    public static long nextLong(ThreadLocalRandom r, long bound, int id) {
        Random s = source(r, id);
        return s != null ? s.nextLong(bound) : r.nextLong(bound);
    }

    public static long nextLong(ThreadLocalRandom r, long origin, long bound, int id) {
        Random s = source(r, id);
        return s != null ? s.nextLong(origin, bound) : r.nextLong(origin, bound);
    }

    public static double nextDouble(ThreadLocalRandom r, int id) {
        Random s = source(r, id);
        return s != null ? s.nextDouble() : r.nextDouble();
    }

    public static double nextDouble(ThreadLocalRandom r, double bound, int id) {
        Random s = source(r, id);
        return s != null ? s.nextDouble(bound) : r.nextDouble(bound);
    }

    public static double nextDouble(ThreadLocalRandom r, double origin, double bound, int id) {
        Random s = source(r, id);
        return s != null ? s.nextDouble(origin, bound) : r.nextDouble(origin, bound);
    }

    public static float nextFloat(ThreadLocalRandom r, int id) {
        Random s = source(r, id);
        return s != null ? s.nextFloat() : r.nextFloat();
    }

    public static float nextFloat(ThreadLocalRandom r, float bound, int id) {
        Random s = source(r, id);
        return s != null ? s.nextFloat(bound) : r.nextFloat(bound);
    }

    public static float nextFloat(ThreadLocalRandom r, float origin, float bound, int id) {
        Random s = source(r, id);
        return s != null ? s.nextFloat(origin, bound) : r.nextFloat(origin, bound);
    }

    public static boolean nextBoolean(ThreadLocalRandom r, int id) {
        Random s = source(r, id);
        return s != null ? s.nextBoolean() : r.nextBoolean();
    }

    public static double nextGaussian(ThreadLocalRandom r, int id) {
        Random s = source(r, id);
        return s != null ? s.nextGaussian() : r.nextGaussian();
    }
}
