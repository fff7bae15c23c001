package dev.agentdbg.bootstrap;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * In-process cost of the buffers alone, per span: offer into this thread's SPSC ring or into the
 * shared MPSC ring (virtual threads), then drain. No agent, no file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RingBufferBenchmark {
    private static final int BATCH = 1024;

    private ThreadRing threadRing;
    private RingBuffer shared;
    private final RingBuffer.SpanConsumer sink = span -> { };

    @Setup
    public void setUp() {
        threadRing = new ThreadRing(4096, Thread.currentThread());
        shared = new RingBuffer(4096);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int threadRingOfferAndDrain() {
        for (int i = 0; i < BATCH; i++) {
            threadRing.offer(1, i, i, 0, 7, 1, "main", i, 100, null);
        }
        return threadRing.drain(sink, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sharedRingOfferAndDrain() {
        for (int i = 0; i < BATCH; i++) {
            shared.offer(1, i, i, 0, 7, 1, "main", i, 100, null);
        }
        return shared.drain(sink, BATCH);
    }

    /** The floor of any span: two clock reads. */
    @Benchmark
    public long twoNanoTimes() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }

    /** The hot path as advice calls it: enter + exit, into this thread's ring (drained in batches). */
    @State(Scope.Thread)
    public static class Installed {
        SpanRings rings;

        @Setup
        public void install() {
            rings = new SpanRings(4096, 4096);
            Spans.install(rings, 0, System.nanoTime(), 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void spansEnterExit(Installed installed, Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            Spans.exit(Spans.enter(3), null);
        }
        for (ThreadRing ring : installed.rings.threadRings()) {
            bh.consume(ring.drain(sink, BATCH));
        }
    }

    /** As the advice really calls it: one state look-up shared by enter and exit. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void adviceEnterExit(Installed installed, Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            Object state = Spans.state();
            Spans.exit(state, Spans.enter(state, 3), null);
        }
        for (ThreadRing ring : installed.rings.threadRings()) {
            bh.consume(ring.drain(sink, BATCH));
        }
    }
}
