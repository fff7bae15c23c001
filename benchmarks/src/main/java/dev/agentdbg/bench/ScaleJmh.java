package dev.agentdbg.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code scale --jmh}: {@link TraceReadBenchmark} on the scale trace, its seconds per read turned into spans/s. */
final class ScaleJmh {
    private ScaleJmh() {
    }

    static Map<String, Object> run(ScaleTrace.Generated trace, String heap, int iterations) {
        Map<String, Object> out = new LinkedHashMap<>();
        System.out.println("==== JMH: TraceReadBenchmark (TraceReader + SummaryBuilder in-process, single shot, 1 warm-up"
                + " + " + iterations + " measured reads, 1 fork, -Xmx" + heap + ")");
        Options opts = new OptionsBuilder()
                .include("^" + TraceReadBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .param("trace", trace.file().toString())
                .warmupIterations(1)
                .measurementIterations(iterations)
                .forks(1)
                .jvmArgs("-Xms" + heap, "-Xmx" + heap)
                .verbosity(VerboseMode.NORMAL)
                .build();
        out.put("benchmark", TraceReadBenchmark.class.getSimpleName() + ".readAndSummarise");
        out.put("heap", heap);
        out.put("iterations", iterations);
        try {
            Collection<RunResult> results = new Runner(opts).run();
            if (results.isEmpty()) {
                System.out.println("  FAILED: the benchmark produced no result (see the JMH output above)");
                out.put("result", "FAILED: no result");
                return out;
            }
            RunResult r = results.iterator().next();
            double seconds = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            List<Double> each = new ArrayList<>();
            r.getBenchmarkResults().forEach(br -> br.getIterationResults()
                    .forEach(ir -> each.add(ir.getPrimaryResult().getScore())));
            double spansPerSec = trace.spans() / seconds;
            System.out.println(String.format(Locale.ROOT, "  read + summary in-process: %.2f s per read (± %.2f;"
                            + " reads %s) = %,.0f spans/s, %.1f MB/s", seconds, error, fmt(each), spansPerSec,
                    trace.bytes() / 1e6 / seconds));
            System.out.println();
            out.put("secondsPerRead", seconds);
            out.put("error", Double.isNaN(error) ? null : error);
            out.put("reads", each);
            out.put("spansPerSec", spansPerSec);
            out.put("mbPerSec", trace.bytes() / 1e6 / seconds);
        } catch (RunnerException e) {
            System.out.println("  FAILED: " + e.getMessage());
            out.put("result", "FAILED: " + e.getMessage());
        }
        return out;
    }

    private static String fmt(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return sb.toString();
    }
}
