package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.RingBuffer;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.bootstrap.ThreadRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the drainer thread does per span, on one core: take it from a ring, encode the JSON line,
 * append it to the trace file (page cache; flushed in 256 KB writes). Spans are produced by the
 * same thread first, so the figure includes one enter/exit; subtract {@code spansEnterExit} of
 * {@link dev.agentdbg.bootstrap.RingBufferBenchmark} for the drainer's share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class DrainerBenchmark {
    private static final int BATCH = 4096;

    private SpanRings rings;
    private RecordEncoder encoder;
    private TraceWriter writer;
    private Path dir;
    private RingBuffer.SpanConsumer write;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        rings = new SpanRings(BATCH, 1024);
        Spans.install(rings, 1_795_307_412_000_000_000L, System.nanoTime(), 9);
        encoder = new RecordEncoder(32, null);
        dir = Files.createTempDirectory("agentdbg-drainer-bench");
        writer = new TraceWriter(dir, "bench", Long.MAX_VALUE);
        writer.openNextPart();
        write = span -> {
            try {
                writer.append(encoder.span(span));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        writer.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Spans.uninstall();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void encodeAndWriteSpans() {
        for (int i = 0; i < BATCH; i++) {
            int outer = Spans.enter(1);
            Spans.exit(Spans.enter(2), null);
            Spans.exit(outer, null);
            i++;
        }
        for (ThreadRing ring : rings.threadRings()) {
            ring.drain(write, BATCH);
        }
    }
}
