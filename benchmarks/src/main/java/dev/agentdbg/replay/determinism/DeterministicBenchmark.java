package dev.agentdbg.replay.determinism;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.replay.SideRecord;
import dev.agentdbg.replay.SideRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a rewritten call site costs the application thread, against the call it replaces: one
 * {@code System.currentTimeMillis()} recorded, served from a recording, and one
 * {@code ThreadLocalRandom.nextInt(bound)} drawn from the site's seeded generator. Each measurement is
 * one batch of {@value #CALLS} calls on a fresh site (a replayed site must not run out of recorded
 * values), so the score in milliseconds per batch reads as nanoseconds per call. The recorded values
 * are written out (JSON to nowhere) between batches, as the drainer would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, batchSize = DeterministicBenchmark.CALLS)
@Measurement(iterations = 20, batchSize = DeterministicBenchmark.CALLS)
@Fork(2)
public class DeterministicBenchmark {
    static final int CALLS = 1_000_000;

    private final ThreadLocalRandom tlr = ThreadLocalRandom.current();
    private boolean replay;
    private int iteration;
    private int site;
    private JsonGenerator nowhere;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        MemoryBudget.install(MemoryBudget.unlimited());
        SideRecords.open();
        replay = params.getBenchmark().endsWith("replayMillis");
        nowhere = new JsonFactory().createGenerator(OutputStream.nullOutputStream());
    }

    @Setup(Level.Iteration)
    public void newSite(BenchmarkParams params) {
        String key = "com.acme.Bench#run:" + iteration++;
        boolean random = params.getBenchmark().endsWith("TlrInt");
        long[] recorded = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            recorded[i] = 1_796_000_000_000L + i;
        }
        Deterministic.install(!replay, replay, replay ? Map.of(key, recorded) : Map.of());
        site = Deterministic.register(key, random ? "randomSource" : "currentTimeMillis");
    }

    @TearDown(Level.Iteration)
    public void drain() throws IOException {
        SideRecord r;
        while ((r = SideRecords.poll()) != null) {
            nowhere.writeStartObject();
            r.writeFields(nowhere, Redactor.current());
            nowhere.writeEndObject();
            SideRecords.release(r);
        }
        nowhere.flush();
    }

    @Benchmark
    public long realMillis() {
        return System.currentTimeMillis();
    }

    @Benchmark
    public long recordMillis() {
        return Deterministic.currentTimeMillis(site);
    }

    @Benchmark
    public long replayMillis() {
        return Deterministic.currentTimeMillis(site);
    }

    @Benchmark
    public int realTlrInt() {
        return tlr.nextInt(1000);
    }

    @Benchmark
    public int recordTlrInt() {
        return DeterministicRandom.nextInt(tlr, 1000, site);
    }
}
