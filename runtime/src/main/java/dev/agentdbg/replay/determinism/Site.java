package dev.agentdbg.replay.determinism;

import dev.agentdbg.replay.SideRecords;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One rewritten call site ({@code com.acme.App#main:3}): in record mode the values it handed to the
 * application, in order, in chained {@link SiteChunk}s until the drainer writes them; in replay mode the
 * recorded values and how many were served. The sequence is the site's, shared by every thread.
 */
final class Site {
    private static final VarHandle FIRST;
    private static final VarHandle TAIL;
    private static final VarHandle QUEUED;
    private static final VarHandle SOURCE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FIRST = lookup.findVarHandle(Site.class, "first", SiteChunk.class);
            TAIL = lookup.findVarHandle(Site.class, "tail", SiteChunk.class);
            QUEUED = lookup.findVarHandle(Site.class, "queued", boolean.class);
            SOURCE = lookup.findVarHandle(Site.class, "source", Random.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String key;
    final What what;
    /** Recorded values to serve (replay), or null. */
    private final long[] recorded;
    private final boolean record;
    private final boolean replay;
    private final SiteRecord sideRecord = new SiteRecord(this);

    @SuppressWarnings("unused") // through FIRST
    private volatile SiteChunk first;
    @SuppressWarnings("unused") // through TAIL
    private volatile SiteChunk tail;
    @SuppressWarnings("unused") // through QUEUED
    private volatile boolean queued;
    private volatile boolean stopped;
    @SuppressWarnings("unused") // through SOURCE
    private volatile Random source;

    private final AtomicInteger served = new AtomicInteger();
    /** Replay: calls past the recorded values, answered with real ones. */
    final AtomicLong live = new AtomicLong();
    /** Record: values handed out but not recorded because the memory budget refused a block. */
    final AtomicLong notRecorded = new AtomicLong();

    /** Drainer only: the block and slot where the next unwritten value is. */
    private SiteChunk cursor;
    private int cursorSlot;

    /** @param recorded in replay mode the site's recorded values (null when none were), else null */
    Site(String key, What what, boolean record, boolean replay, long[] recorded) {
        this.key = key;
        this.what = what;
        this.record = record;
        this.replay = replay;
        this.recorded = recorded;
    }

    boolean replays() {
        return replay;
    }

    boolean records() {
        return record;
    }

    /** How many values the recording holds for this site (a UUID counts once). */
    int recordedCount() {
        return recorded == null ? 0 : recorded.length / what.width;
    }

    /** Replay: the index in {@link #recorded} of the next value to serve, or -1 past the recording (counted). */
    int nextServed() {
        int count = recordedCount();
        int n = served.get();
        while (n < count) {
            if (served.compareAndSet(n, n + 1)) {
                return n * what.width;
            }
            n = served.get();
        }
        live.incrementAndGet();
        return -1;
    }

    long recorded(int index) {
        return recorded[index];
    }

    /** Record: appends one value (two longs when the site's values are two wide). Lock-free, never blocks. */
    void record(long a, long b) {
        int width = what.width;
        while (true) {
            if (stopped) {
                notRecorded.incrementAndGet();
                return;
            }
            SiteChunk c = tail;
            if (c == null) {
                c = first;
            }
            if (c == null) {
                SiteChunk n = SiteChunk.allocate();
                if (n == null) {
                    stop();
                } else if (FIRST.compareAndSet(this, (SiteChunk) null, n)) {
                    TAIL.compareAndSet(this, (SiteChunk) null, n);
                } else {
                    SiteChunk.free();
                }
                continue;
            }
            int slot = c.claimed.getAndAdd(width);
            if (slot >= 0 && slot + width <= SiteChunk.SIZE) {
                c.values[slot] = a;
                if (width == 2) {
                    c.values[slot + 1] = b;
                    c.publish(slot + 1);
                }
                c.publish(slot); // the drainer reads slot first: publishing it last makes the pair whole
                signal();
                return;
            }
            SiteChunk n = c.next();
            if (n == null) {
                n = SiteChunk.allocate();
                if (n == null) {
                    stop();
                    continue;
                }
                if (!c.chain(n)) {
                    SiteChunk.free();
                    n = c.next();
                }
            }
            TAIL.compareAndSet(this, c, n);
        }
    }

    private void stop() {
        if (!stopped) {
            stopped = true;
            Deterministic.STOPPED_SITES.incrementAndGet();
        }
    }

    /** Queues this site's record for the drainer unless it is queued already: one record per site per drain. */
    private void signal() {
        if (!queued && QUEUED.compareAndSet(this, false, true) && !SideRecords.offerReserved(sideRecord)) {
            queued = false; // no session (not started or ended): the values stay until one takes them
        }
    }

    /**
     * Drainer: hands every published value not yet written to {@code sink}, in order, and frees the
     * blocks it has finished. Clearing the queued flag first means a value published during the pass is
     * either seen here or queues the site again.
     */
    void drain(ValueSink sink) throws java.io.IOException {
        queued = false;
        SiteChunk c = cursor != null ? cursor : first;
        if (c == null) {
            return;
        }
        int slot = cursorSlot;
        while (true) {
            while (slot < SiteChunk.SIZE && c.isPublished(slot)) {
                sink.value(c.values[slot]);
                slot++;
            }
            SiteChunk n = c.next();
            if (slot < SiteChunk.SIZE || n == null) {
                break;
            }
            SiteChunk.free();
            c = n;
            slot = 0;
            first = n; // nothing holds a written block any more, so the heap lets go of it as the budget did
        }
        cursor = c;
        cursorSlot = slot;
    }

    /** Blocks this site still holds (written ones are let go of); for tests and diagnostics. */
    int heldBlocks() {
        int n = 0;
        for (SiteChunk c = first; c != null; c = c.next()) {
            n++;
        }
        return n;
    }

    /** Receives the values of one drain. */
    interface ValueSink {
        void value(long v) throws java.io.IOException;
    }

    /** The seeded generator behind a ThreadLocalRandom or Math.random site: one recorded seed per site. */
    Random source() {
        Random r = source;
        if (r != null) {
            return r;
        }
        long seed;
        int index = replay ? nextServed() : -1;
        if (index >= 0) {
            seed = recorded[index];
        } else {
            seed = Deterministic.freshSeed();
        }
        Random made = new Random(seed);
        if (SOURCE.compareAndSet(this, (Random) null, made)) {
            if (record) {
                record(seed, 0);
            }
            return made;
        }
        return source;
    }

    SiteRecord sideRecord() {
        return sideRecord;
    }
}
