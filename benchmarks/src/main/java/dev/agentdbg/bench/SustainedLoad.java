package dev.agentdbg.bench;

import com.acme.bench.Work;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The application side of {@code sustained}: one thread calls the instrumented {@link Work#call} at a steady
 * rate (in batches of one millisecond's worth, each batch started on schedule from the run's start, so a late
 * batch is caught up rather than lost), or as fast as it can with {@code --rate 0}, for {@code --duration}
 * seconds; then prints what it did and returns from main (a normal exit, so agentdbg writes its final stats).
 *
 * <pre>java [agent] -cp agentdbg-benchmarks.jar dev.agentdbg.bench.SustainedLoad --rate 200000 --duration 30</pre>
 *
 * Output, one line: {@code produced=<calls> elapsedNanos=<n> ratePerSec=<calls/s> maxLagMs=<ms behind schedule, paced>
 * maxChunkMs=<longest stretch of 1024 calls, unpaced>}.
 */
public final class SustainedLoad {
    /** Calls per timed stretch in unpaced mode. */
    static final int CHUNK = 1024;

    private SustainedLoad() {
    }

    public static void main(String[] argv) {
        long rate = 200_000;
        double seconds = 30;
        long lingerMs = 0;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--rate" -> rate = Long.parseLong(argv[++i].replace("_", ""));
                case "--duration" -> seconds = Double.parseDouble(argv[++i].replaceAll("s$", ""));
                case "--linger-ms" -> lingerMs = Long.parseLong(argv[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + argv[i]
                        + " (usage: --rate <calls/s, 0 = unpaced> --duration <seconds> [--linger-ms <ms to stay alive"
                        + " after the last call>])");
            }
        }
        Work work = new Work();
        long durationNanos = (long) (seconds * 1e9);
        long produced = 0;
        long sink = 0;
        long maxLag = 0;
        long maxChunk = 0;
        long start = System.nanoTime();
        long end = start + durationNanos;
        if (rate > 0) {
            long batch = Math.max(1, rate / 1000);
            while (true) {
                long now = System.nanoTime();
                if (now - end >= 0) {
                    break;
                }
                long due = start + (long) ((double) produced * 1e9 / rate);
                long wait = due - now;
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                maxLag = Math.max(maxLag, -wait);
                for (long i = 0; i < batch; i++) {
                    sink += work.call(produced + i);
                }
                produced += batch;
            }
        } else {
            // Unpaced: the longest stretch of CHUNK calls shows whether the app was ever held up (back-pressure
            // would show as a long stretch; GC and safepoint pauses show in the baseline as well).
            long before = System.nanoTime();
            while (before - end < 0) {
                for (int i = 0; i < CHUNK; i++) {
                    sink += work.call(produced + i);
                }
                produced += CHUNK;
                long after = System.nanoTime();
                maxChunk = Math.max(maxChunk, after - before);
                before = after;
            }
        }
        long elapsed = System.nanoTime() - start;
        System.out.println(String.format(Locale.ROOT,
                "produced=%d elapsedNanos=%d ratePerSec=%.0f maxLagMs=%.3f maxChunkMs=%.3f sink=%d",
                produced, elapsed, produced * 1e9 / elapsed, maxLag / 1e6, maxChunk / 1e6, sink));
        if (lingerMs > 0) {
            try {
                Thread.sleep(lingerMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
