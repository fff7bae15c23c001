package dev.agentdbg.runtime.debug.http;

import com.sun.net.httpserver.HttpExchange;
import dev.agentdbg.runtime.debug.DebugFeed;
import dev.agentdbg.runtime.debug.PauseBoard;
import dev.agentdbg.runtime.debug.feed.LiveFeed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/events}: the live feed as Server-Sent Events. Each connection is written by a thread of
 * a small daemon pool (never the request thread): first the backlog after {@code Last-Event-ID} (with a
 * {@code dropped} event when part of it is gone), then a {@code paused} event for every pause still open,
 * then live events and heartbeats. A connection counts as a connected page for {@code releaseAfter}. A
 * client that does not read is dropped: when the backlog overtakes it, or when one write blocks longer than
 * the slow-client limit (its thread is interrupted, which closes the socket).
 */
final class EventStream implements AutoCloseable {
    /** Live connections at once; more get 503. */
    static final int MAX_CONNECTIONS = 4;
    /** Tests shorten the heartbeat (5 s) and the slow-client limit (10 s) with these system properties. */
    static final String HEARTBEAT_PROPERTY = "dev.agentdbg.debug.heartbeatMillis";
    static final String SLOW_CLIENT_PROPERTY = "dev.agentdbg.debug.slowClientMillis";

    private final DebugFeed feed;
    private final PauseBoard board;
    private final long heartbeatMillis = Long.getLong(HEARTBEAT_PROPERTY, 5_000);
    private final long slowClientNanos = TimeUnit.MILLISECONDS.toNanos(Long.getLong(SLOW_CLIENT_PROPERTY, 10_000));
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final ThreadPoolExecutor pool;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Thread watchdog;
    private volatile boolean closed;

    EventStream(DebugFeed feed, PauseBoard board) {
        this.feed = feed;
        this.board = board;
        // A thread per live connection, made when one opens and let go 30 s after it closes.
        this.pool = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "agentdbg-debug-sse");
            t.setDaemon(true);
            return t;
        });
        this.watchdog = new Thread(this::watch, "agentdbg-debug-sse-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** @return true when the exchange was handed to a writer (it closes it), false when it was answered here */
    boolean open(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            HttpIo.send(exchange, 405, "GET only");
            return false;
        }
        if (closed || !slots.tryAcquire()) {
            HttpIo.send(exchange, 503, "too many live connections (at most " + MAX_CONNECTIONS + "); close another page");
            return false;
        }
        long lastEventId = 0;
        String header = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        if (header != null) {
            try {
                lastEventId = Math.max(0, Long.parseLong(header.trim()));
            } catch (NumberFormatException e) {
                lastEventId = 0; // not one of ours: the whole backlog
            }
        }
        Connection c = new Connection(exchange, lastEventId);
        board.pageConnected();
        feed.feed().readerOpened();
        try {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(200, 0);
            connections.add(c);
            pool.execute(c);
            return true;
        } catch (IOException | RejectedExecutionException e) {
            c.finish();
            return false;
        }
    }

    /** One live connection, written by one pool thread. */
    private final class Connection implements Runnable {
        private final HttpExchange exchange;
        private final long lastEventId;
        private volatile Thread thread;
        /** When the write in progress began ({@link System#nanoTime()}), 0 when not writing. */
        private volatile long writingSince;
        private boolean finished;

        Connection(HttpExchange exchange, long lastEventId) {
            this.exchange = exchange;
            this.lastEventId = lastEventId;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                OutputStream out = exchange.getResponseBody();
                LiveFeed.Batch b = feed.feed().after(lastEventId, 0);
                ByteArrayOutputStream frames = new ByteArrayOutputStream();
                if (b.missed() > 0) {
                    frame(frames, -1, "dropped", "{\"missed\":" + b.missed() + "}");
                }
                Set<Long> open = new HashSet<>();
                for (LiveFeed.Event e : b.events()) {
                    frame(frames, e);
                    if ("paused".equals(e.name())) {
                        open.add(e.pauseId());
                    } else if ("released".equals(e.name())) {
                        open.remove(e.pauseId());
                    }
                }
                if (!b.ended()) {
                    for (PauseBoard.Pause p : board.paused()) { // paused before the backlog's start, or since
                        if (!open.contains(p.id)) {
                            frame(frames, -1, "paused", feed.pauseJson(p));
                        }
                    }
                }
                send(out, frames);
                long cursor = b.last();
                boolean ended = b.ended();
                while (!ended && !closed) {
                    LiveFeed.Batch next = feed.feed().after(cursor, heartbeatMillis);
                    frames.reset();
                    if (next.events().isEmpty() && next.missed() == 0 && !next.ended()) {
                        frame(frames, -1, "heartbeat", "{\"time\":" + System.currentTimeMillis() + "}");
                        send(out, frames);
                        continue;
                    }
                    if (next.missed() > 0) {
                        frame(frames, -1, "dropped", "{\"missed\":" + next.missed() + "}");
                        if (next.overtaken()) { // it reads slower than the program runs: let it reconnect
                            send(out, frames);
                            return;
                        }
                    }
                    for (LiveFeed.Event e : next.events()) {
                        frame(frames, e);
                    }
                    send(out, frames);
                    cursor = next.last();
                    ended = next.ended();
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                // the page went away, or it was too slow, or the server stops: the connection ends
            } finally {
                finish();
            }
        }

        private void send(OutputStream out, ByteArrayOutputStream frames) throws IOException {
            writingSince = System.nanoTime() | 1; // never 0 while writing
            try {
                frames.writeTo(out);
                out.flush();
            } finally {
                writingSince = 0;
            }
        }

        /** Once: gives back the slot, the page and the reader. */
        synchronized void finish() {
            if (finished) {
                return;
            }
            finished = true;
            connections.remove(this);
            try {
                exchange.close();
            } catch (RuntimeException ignored) {
                // closed already
            }
            Thread.interrupted(); // the watchdog's interrupt must not outlive this connection on a pooled thread
            feed.feed().readerClosed();
            board.pageDisconnected();
            slots.release();
        }
    }

    private static void frame(ByteArrayOutputStream frames, LiveFeed.Event e) {
        frames.writeBytes(("id: " + e.seq() + "\nevent: " + e.name() + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
        frames.writeBytes(e.data());
        frames.writeBytes(END);
    }

    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private static void frame(ByteArrayOutputStream frames, long id, String event, String json) {
        String head = (id >= 0 ? "id: " + id + "\n" : "") + "event: " + event + "\ndata: ";
        frames.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        frames.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        frames.writeBytes(END);
    }

    /** Interrupts a writer stuck in one write too long: the socket closes and its page counts as gone. */
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(Math.max(50, TimeUnit.NANOSECONDS.toMillis(slowClientNanos) / 4));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Connection c : connections) {
                long since = c.writingSince;
                Thread t = c.thread;
                if (since != 0 && now - since > slowClientNanos && t != null) {
                    t.interrupt();
                }
            }
        }
    }

    /** Live connections now. */
    int connections() {
        return connections.size();
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
        pool.shutdownNow();
    }
}
