package dev.agentdbg.replay.determinism;

/**
 * What a rewritten call site hands out, as named in the trace's {@code det} records, with the
 * {@code agentdbg.replay.deterministic} kind that turns it on and how many longs one value takes.
 */
enum What {
    CURRENT_TIME_MILLIS("currentTimeMillis", "time", 1, "System.currentTimeMillis()"),
    NANO_TIME("nanoTime", "time", 1, "System.nanoTime()"),
    /** Epoch nanoseconds. */
    INSTANT("instant", "time", 1, "Instant.now()"),
    /** The local date-time's nanoseconds since 1970-01-01T00:00 read as UTC: a replay in another zone gets the same. */
    LOCAL_DATE_TIME("localDateTime", "time", 1, "LocalDateTime.now()"),
    /** Most and least significant bits. */
    UUID("uuid", "uuid", 2, "UUID.randomUUID()"),
    /** The seed of each {@code new Random()}. */
    RANDOM_SEED("randomSeed", "random", 1, "new Random()"),
    /** The one seed of the generator that answers a site's ThreadLocalRandom or Math.random() calls. */
    RANDOM_SOURCE("randomSource", "random", 1, "ThreadLocalRandom / Math.random()");

    final String name;
    final String kind;
    final int width;
    final String label;

    What(String name, String kind, int width, String label) {
        this.name = name;
        this.kind = kind;
        this.width = width;
        this.label = label;
    }

    static What named(String name) {
        for (What w : values()) {
            if (w.name.equals(name)) {
                return w;
            }
        }
        return null;
    }
}
