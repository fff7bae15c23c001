package dev.agentdbg.bench;

import com.acme.bench.Work;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The cost of calling a method an agent instruments. The agent (none, agentdbg or OpenTelemetry) is chosen
 * per fork through JVM arguments by {@link CompareAgents}; this class does not know which one is attached.
 * Return values are consumed by JMH's implicit Blackhole.
 *
 * <p>Spans per operation: {@code single} and {@code single2Threads} 1, {@code nested3} 3 (see
 * {@link CompareAgents#spansPerOp}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class InstrumentedCallBenchmark {
    private Work work;
    private long x;

    @Setup
    public void setup() {
        work = new Work();
        x = System.nanoTime();
    }

    /** One instrumented call per operation. */
    @Benchmark
    public long single() {
        return work.call(x++);
    }

    /** outer -> middle -> inner: three nested instrumented calls (three spans) per operation. */
    @Benchmark
    public long nested3() {
        return work.outer(x++);
    }

    /** {@link #single} on two threads at once (each with its own state): contention on shared agent state. */
    @Benchmark
    @Threads(2)
    public long single2Threads() {
        return work.call(x++);
    }
}
