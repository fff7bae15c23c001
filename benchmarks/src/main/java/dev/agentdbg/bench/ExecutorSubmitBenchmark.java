package dev.agentdbg.bench;

import com.acme.bench.Handover;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What context propagation adds to handing a task to a thread pool: submit + get of a trivial
 * task on a one-thread pool, with no span open (the agent must add nothing but the check) and from
 * inside an instrumented call (the task is wrapped with the span, which the worker restores).
 * Run with {@code compare --bench ExecutorSubmitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ExecutorSubmitBenchmark {
    private static final Callable<Object> TASK = () -> Boolean.TRUE;

    private ExecutorService executor;
    private final Handover handover = new Handover();

    @Setup
    public void start() {
        executor = Executors.newSingleThreadExecutor();
    }

    @TearDown
    public void stop() {
        executor.shutdownNow();
    }

    @Benchmark
    public Object submitNoSpan() throws Exception {
        return executor.submit(TASK).get();
    }

    @Benchmark
    public Object submitInSpan() throws Exception {
        return handover.submitFromSpan(executor, TASK);
    }
}
