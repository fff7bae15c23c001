package dev.agentdbg.runtime.debug.feed;

import dev.agentdbg.bootstrap.MemoryBudget;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live page's events, numbered: trace record lines teed from the drainer, pauses, releases, warnings,
 * edits, breakpoint changes, the end of the program. Kept in a bounded backlog so a page that connects late
 * or reconnects ({@code Last-Event-ID}) gets what it missed: every {@code run} and {@code method} record
 * (small, and needed to draw the spans), plus the most recent other events up to a byte capacity. The
 * backlog's bytes are reserved from the global memory budget; an event the budget refuses is counted and
 * not kept. Publishing never waits for a reader: the lock is held only to append or copy references out,
 * and the SSE writers read at their own pace (a reader overtaken by the backlog is told what it missed).
 */
public final class LiveFeed {
    /** Bytes counted per event beyond its data: the object, its name, the deque slot. */
    static final long OVERHEAD_BYTES = 96;

    /** One numbered event; {@code data} is one line of JSON (UTF-8, no newline). */
    public record Event(long seq, String name, byte[] data, long pauseId, boolean kept) {
        long bytes() {
            return data.length + OVERHEAD_BYTES;
        }

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /**
     * What a reader gets: the events after its cursor, how many after it are gone (evicted or never kept),
     * and whether the backlog has evicted events it had not read yet ({@code overtaken}).
     */
    public record Batch(List<Event> events, long missed, boolean overtaken, long last, boolean ended) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grown = lock.newCondition();
    private final List<Event> kept = new ArrayList<>();
    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private final long capacity;
    private final MemoryBudget budget;
    private long lastSeq;
    private long recentBytes;
    private long heldBytes;
    private long evictedUpTo;
    private boolean ended;
    private int readers;
    private final AtomicLong notKept = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();

    /**
     * @param capacityBytes what the recent (not kept) events may hold
     * @param budget        the global budget every byte held is reserved from; null for none (tests)
     */
    public LiveFeed(long capacityBytes, MemoryBudget budget) {
        this.capacity = capacityBytes;
        this.budget = budget;
    }

    /** A feed sized from the installed budget: at most 2 MB, at most 1/16 of the budget. */
    public static LiveFeed sized() {
        MemoryBudget budget = MemoryBudget.installed();
        long capacity = budget == null ? 2L << 20 : Math.max(64 * 1024, Math.min(2L << 20, budget.max() / 16));
        return new LiveFeed(capacity, budget);
    }

    /** A trace record line (with or without its newline) as the drainer wrote it; run and method records are kept. */
    public void record(byte[] line, int length) {
        int n = length;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            n--;
        }
        byte[] data = java.util.Arrays.copyOf(line, n);
        publish("record", data, 0, startsWith(data, "{\"type\":\"method\"") || startsWith(data, "{\"type\":\"run\""));
    }

    /** Any other event; @return its sequence number */
    public long publish(String name, String json) {
        return publish(name, json.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    /**
     * A {@code paused} or {@code released} event, with its pause's id, so a reader can tell which pauses
     * the events it replayed left open.
     */
    public long publishPause(String name, long pauseId, String json) {
        return publish(name, json.getBytes(StandardCharsets.UTF_8), pauseId, false);
    }

    /** A reader (a live page's connection) starts reading. */
    public void readerOpened() {
        lock.lock();
        try {
            readers++;
        } finally {
            lock.unlock();
        }
    }

    /** A reader stopped. */
    public void readerClosed() {
        lock.lock();
        try {
            readers--;
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * After {@link #end}: waits at most {@code millis} for the readers to send the last events and close,
     * so a page hears "ended" before the JVM halts. @return true when none is left
     */
    public boolean awaitReaders(long millis) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (readers > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                grown.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private long publish(String name, byte[] data, long pauseId, boolean keep) {
        lock.lock();
        try {
            Event e = new Event(++lastSeq, name, data, pauseId, keep);
            long size = e.bytes();
            if (!keep) {
                while (!recent.isEmpty() && recentBytes + size > capacity) {
                    evictOldest();
                }
            }
            boolean fits = keep || size <= capacity;
            while (fits && budget != null && !budget.tryReserve(size)) {
                if (recent.isEmpty()) {
                    fits = false;
                } else {
                    evictOldest(); // the budget is tight: older live events go first
                }
            }
            if (!fits) {
                notKept.incrementAndGet();
            } else if (keep) {
                kept.add(e);
                heldBytes += size;
            } else {
                recent.addLast(e);
                recentBytes += size;
                heldBytes += size;
            }
            grown.signalAll();
            return e.seq;
        } finally {
            lock.unlock();
        }
    }

    private void evictOldest() {
        Event old = recent.removeFirst();
        recentBytes -= old.bytes();
        heldBytes -= old.bytes();
        evictedUpTo = Math.max(evictedUpTo, old.seq);
        evicted.incrementAndGet();
        if (budget != null) {
            budget.release(old.bytes());
        }
    }

    /** The program is ending: readers send what is left, then {@code ended}, and close. */
    public void end() {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                grown.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The events after {@code after} (0, or a cursor from another run, for everything), waiting at most
     * {@code waitMillis} for one when there is none yet.
     */
    public Batch after(long after, long waitMillis) throws InterruptedException {
        lock.lock();
        try {
            long from = after > lastSeq ? 0 : Math.max(after, 0); // an id from another run: start over
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (lastSeq <= from && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                grown.awaitNanos(left);
            }
            List<Event> out = new ArrayList<>();
            int k = firstAfter(from);
            Iterator<Event> r = recent.iterator();
            Event nextRecent = null;
            while (r.hasNext()) { // recent is short enough to scan; it is sorted by seq
                Event e = r.next();
                if (e.seq > from) {
                    nextRecent = e;
                    break;
                }
            }
            while (k < kept.size() || nextRecent != null) { // merge the two sorted lists
                if (nextRecent == null || k < kept.size() && kept.get(k).seq < nextRecent.seq) {
                    out.add(kept.get(k++));
                } else {
                    out.add(nextRecent);
                    nextRecent = r.hasNext() ? r.next() : null;
                }
            }
            long missed = (lastSeq - from) - out.size();
            return new Batch(out, missed, evictedUpTo > from, Math.max(lastSeq, from), ended);
        } finally {
            lock.unlock();
        }
    }

    private int firstAfter(long seq) {
        int lo = 0;
        int hi = kept.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (kept.get(mid).seq <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public long lastEventId() {
        lock.lock();
        try {
            return lastSeq;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes the backlog holds now (all of them reserved from the budget). */
    public long heldBytes() {
        lock.lock();
        try {
            return heldBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Events pushed out of the backlog by newer ones. */
    public long evicted() {
        return evicted.get();
    }

    /** Events never kept: bigger than the backlog, or refused by the memory budget. */
    public long notKept() {
        return notKept.get();
    }

    public boolean isEnded() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** Gives the backlog's bytes back to the budget (the debugger stops). */
    public void clear() {
        lock.lock();
        try {
            if (budget != null) {
                budget.release(heldBytes);
            }
            kept.clear();
            recent.clear();
            heldBytes = 0;
            recentBytes = 0;
            evictedUpTo = lastSeq;
        } finally {
            lock.unlock();
        }
    }

    private static boolean startsWith(byte[] data, String prefix) {
        if (data.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
