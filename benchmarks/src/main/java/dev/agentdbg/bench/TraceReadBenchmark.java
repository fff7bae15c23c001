package dev.agentdbg.bench;

import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.RunCatalog;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceLocator;
import dev.agentdbg.analyzer.read.TraceReader;
import dev.agentdbg.analyzer.summary.Summary;
import dev.agentdbg.analyzer.summary.SummaryBuilder;
import dev.agentdbg.analyzer.summary.SummaryOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The analyzer's read of a whole trace in-process, as {@code summary} does it: locate the run, stream every record
 * through {@link TraceReader} into a {@link SummaryBuilder} with the command's default options, build the summary
 * (no rendering). One read is one operation, timed single-shot. {@code scale --jmh} runs it on the scale trace and
 * turns seconds per read into spans/s; alone:
 *
 * <pre>java -jar benchmarks/target/agentdbg-benchmarks.jar jmh TraceReadBenchmark -p trace=benchmarks/target/scale-trace</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class TraceReadBenchmark {
    /** A trace file or a directory of runs (its newest run is read); relative to the working directory. */
    @Param("benchmarks/target/scale-trace")
    public String trace;

    private Path input;

    @Setup(Level.Trial)
    public void locate() {
        input = Path.of(trace).toAbsolutePath();
        if (!Files.exists(input)) {
            throw new IllegalStateException("no trace at " + input + ": generate it with 'scale' first, or pass "
                    + "-p trace=<file or directory>");
        }
    }

    @Benchmark
    public Summary readAndSummarise() throws BadInputException {
        RunCatalog catalog = new TraceLocator().locate(input);
        RunFiles run = catalog.select(null);
        SummaryBuilder builder = new SummaryBuilder(SummaryOptions.DEFAULTS);
        ReadReport read = new TraceReader().read(run, builder);
        return builder.build(new Summary.Selection(input, catalog.directory(), run.runId(), java.util.List.of(), true),
                read, catalog.notes());
    }
}
