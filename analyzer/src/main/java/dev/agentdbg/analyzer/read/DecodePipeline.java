package dev.agentdbg.analyzer.read;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Decodes batches of one file's lines on worker threads, a few batches ahead, and hands the results on in file
 * order on the calling thread. Batches are reused once decoded: their buffers would otherwise be a large part of
 * what a read allocates.
 */
final class DecodePipeline {

    private record InFlight(LineBatch batch, Future<LineDecoder.Decoded[]> decoded) {
    }

    private final LineDecoder decoder;
    private final ExecutorService workers;
    private final int maxInFlight;
    private final Consumer<LineDecoder.Decoded[]> delivery;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final ArrayDeque<LineBatch> free = new ArrayDeque<>();

    /** {@code workers} {@code null}: everything is decoded on the calling thread. */
    DecodePipeline(LineDecoder decoder, ExecutorService workers, int maxInFlight,
                   Consumer<LineDecoder.Decoded[]> delivery) {
        this.decoder = decoder;
        this.workers = workers;
        this.maxInFlight = maxInFlight;
        this.delivery = delivery;
    }

    LineBatch emptyBatch() {
        LineBatch batch = free.poll();
        return batch != null ? batch : new LineBatch();
    }

    /** Decodes {@code batch} (no longer the caller's), delivering the oldest batch when enough are in flight. */
    void submit(LineBatch batch) {
        if (workers == null) {
            LineDecoder.Decoded[] decoded = decoder.decode(batch);
            recycle(batch);
            delivery.accept(decoded);
            return;
        }
        inFlight.addLast(new InFlight(batch, workers.submit(() -> decoder.decode(batch))));
        if (inFlight.size() >= maxInFlight) {
            deliverOldest();
        }
    }

    /** Delivers everything before it, then decodes {@code batch} here; for a line too long to copy into a batch. */
    void decodeHere(LineBatch batch) {
        drain();
        delivery.accept(decoder.decode(batch));
    }

    void drain() {
        while (!inFlight.isEmpty()) {
            deliverOldest();
        }
    }

    /** Abandons the batches in flight; the read failed. */
    void cancel() {
        inFlight.forEach(f -> f.decoded().cancel(true));
        inFlight.clear();
    }

    private void deliverOldest() {
        InFlight oldest = inFlight.removeFirst();
        LineDecoder.Decoded[] decoded = await(oldest.decoded());
        recycle(oldest.batch());
        delivery.accept(decoded);
    }

    private void recycle(LineBatch batch) {
        batch.clear();
        free.add(batch);
    }

    private static LineDecoder.Decoded[] await(Future<LineDecoder.Decoded[]> decoded) {
        try {
            return decoded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the trace", e);
        } catch (ExecutionException e) {
            // A decoder bug, not bad input: surface it as thrown, as a single-threaded read would have.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
