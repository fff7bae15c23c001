package dev.agentdbg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code startup}: how long {@code java [agent] -cp agentdbg-benchmarks.jar com.acme.bench.Hello} takes from
 * process start to process exit, per variant. Launches go round-robin over the variants (baseline, agentdbg,
 * otel, baseline, ...) so drift of the machine is shared; the first {@code --warmup} rounds (page cache, CDS
 * archive, JIT of nothing) are not counted.
 */
public final class StartupBench {
    private static final Set<String> VALUES = Set.of("--variants", "--launches", "--warmup", "--json", "--root",
            "--jvm-args");
    private static final Set<String> FLAGS = Set.of("--keep-traces");
    private static final Map<String, String> ALIASES = Map.of("-n", "--launches");

    private StartupBench() {
    }

    public static void main(String[] args) {
        System.exit(BenchMain.guard(() -> run(args)));
    }

    /**
     * A typical configuration of five rules, none of which matches Hello (or anything in the JDK): globs, a
     * subtype rule and an annotation rule, so the type matcher does its full work on every loaded class.
     */
    static List<String> typicalRules() {
        return List.of(
                "agentdbg.rule.agents.match=com.acme.app.agents.*Agent#run*",
                "agentdbg.rule.agents.kind=agent",
                "agentdbg.rule.llm.match=com.acme.app.llm.**Client#complete",
                "agentdbg.rule.llm.kind=llm",
                "agentdbg.rule.llm.component=openai",
                "agentdbg.rule.tools.subtypeOf=com.acme.app.tools.Tool",
                "agentdbg.rule.tools.methods=run",
                "agentdbg.rule.tools.kind=tool",
                "agentdbg.rule.retrieval.match=com.acme.app.rag.*Retriever#retrieve",
                "agentdbg.rule.retrieval.kind=retrieval",
                "agentdbg.rule.steps.annotatedWith=com.acme.app.Step",
                "agentdbg.rule.steps.kind=chain");
    }

    static int run(String[] argv) {
        Args a = Args.parse("startup", argv, VALUES, FLAGS, ALIASES);
        List<Variant> variants = Variant.parseList(a.get("--variants", Variant.ALL));
        int launches = a.getInt("--launches", 10, 1);
        int warmup = a.getInt("--warmup", 2, 0);
        List<String> extraJvmArgs = a.has("--jvm-args")
                ? Arrays.stream(a.get("--jvm-args", "").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList()
                : List.of();
        BenchEnv env = BenchEnv.locate(a.get("--root", null));
        env.requireFor(variants);
        Path benchJar = env.requireBenchJar();
        Path traceDir = env.targetDir.resolve("startup-traces");
        Path config = env.writeAgentdbgConfig("agentdbg-startup.properties", traceDir,
                "agentdbg configuration for the start-up measurement: five typical rules, none matches Hello",
                typicalRules());
        Path logDir = env.targetDir.resolve("startup-logs");

        Map<Variant, List<String>> commands = new LinkedHashMap<>();
        for (Variant v : variants) {
            List<String> jvmArgs = new ArrayList<>(extraJvmArgs);
            jvmArgs.addAll(env.jvmArgs(v, config, "none"));
            commands.put(v, Child.command(jvmArgs, benchJar.toString(), "com.acme.bench.Hello", List.of()));
        }
        System.out.println("agentdbg benchmarks: startup, " + launches + " measured launches per variant after "
                + warmup + " warm-up launches, round-robin");
        commands.forEach((v, c) -> System.out.println("  " + v.label() + ": " + String.join(" ", c)));
        try {
            Files.createDirectories(traceDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        TraceFiles.clear(traceDir);

        Map<Variant, double[]> ms = new LinkedHashMap<>();
        variants.forEach(v -> ms.put(v, new double[launches]));
        for (int round = 0; round < warmup + launches; round++) {
            StringBuilder progress = new StringBuilder(round < warmup ? "  warm-up " + (round + 1) : "  launch " + (round - warmup + 1));
            for (Variant v : variants) {
                List<String> cmd = commands.get(v);
                Child.Result r = Child.checkOk(Child.run(cmd, logDir.resolve(v.label() + ".log"), null, 120), cmd);
                if (!r.output().contains("hello")) {
                    throw new IllegalStateException(v.label() + ": Hello did not print 'hello':\n" + r.output());
                }
                double millis = r.wallNanos() / 1e6;
                progress.append(String.format(Locale.ROOT, "  %s %.0f ms", v.label(), millis));
                if (round >= warmup) {
                    ms.get(v)[round - warmup] = millis;
                }
            }
            System.out.println(progress);
        }

        Optional<TraceFiles.FinalStats> dbgStats = variants.contains(Variant.AGENTDBG)
                ? TraceFiles.newestFinal(traceDir) : Optional.empty();
        int dbgRuns = TraceFiles.runCount(traceDir);
        boolean keep = a.flag("--keep-traces");
        if (!keep) {
            TraceFiles.clear(traceDir);
        }

        Stats base = variants.contains(Variant.BASELINE) ? Stats.of(ms.get(Variant.BASELINE)) : null;
        TextTable t = new TextTable().header("variant", "launches", "mean ms", "median ms", "min ms", "max ms",
                "stdev ms", "added ms (median)", "added ms (mean)");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "agentdbg-benchmarks startup");
        json.put("at", Instant.now().toString());
        json.put("launches", launches);
        json.put("warmupLaunches", warmup);
        Map<String, Object> jv = new LinkedHashMap<>();
        for (Variant v : variants) {
            Stats s = Stats.of(ms.get(v));
            String addMedian = base == null || v == Variant.BASELINE ? "-" : f1(s.median - base.median);
            String addMean = base == null || v == Variant.BASELINE ? "-" : f1(s.mean - base.mean);
            t.row(v.label(), String.valueOf(launches), f1(s.mean), f1(s.median), f1(s.min), f1(s.max), f1(s.stdev),
                    addMedian, addMean);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("command", commands.get(v));
            o.put("meanMs", s.mean);
            o.put("medianMs", s.median);
            o.put("minMs", s.min);
            o.put("maxMs", s.max);
            o.put("stdevMs", s.stdev);
            o.put("samplesMs", Arrays.stream(ms.get(v)).boxed().toList());
            if (base != null && v != Variant.BASELINE) {
                o.put("addedMedianMs", s.median - base.median);
                o.put("addedMeanMs", s.mean - base.mean);
            }
            jv.put(v.label(), o);
        }
        json.put("variants", jv);
        System.out.println();
        System.out.println("==== Start-up: wall time from process start to exit of com.acme.bench.Hello");
        t.print(System.out, "  ");
        dbgStats.ifPresent(s -> {
            System.out.println("  agentdbg (" + dbgRuns + " runs; last run's final stats): methods instrumented "
                    + s.methodsInstrumented() + ", classes transformed " + s.classesTransformed() + ", spans "
                    + s.spans() + ", unmatched rules [" + s.unmatchedRules() + "]");
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("methodsInstrumented", s.methodsInstrumented());
            st.put("classesTransformed", s.classesTransformed());
            st.put("unmatchedRules", s.unmatchedRules());
            json.put("agentdbgFinalStats", st);
        });
        if (variants.contains(Variant.AGENTDBG) && dbgStats.isEmpty()) {
            // Hello calls no instrumented method, and a run that traced nothing writes no file: the
            // agent then says so in its log, naming the rules that matched nothing.
            String nothing = agentLine(logDir.resolve("agentdbg.log"), "[agentdbg] nothing was traced");
            System.out.println(nothing != null ? "  agentdbg (last run): " + nothing.substring("[agentdbg] ".length())
                    : "  WARNING: no final stats record found in " + traceDir + " (see "
                    + logDir.resolve("agentdbg.log") + ")");
        }
        System.out.println();
        if (a.has("--json")) {
            Path file = Path.of(a.get("--json", null));
            Json.writeFile(file, json);
            System.out.println("results written to " + file.toAbsolutePath());
        }
        return 0;
    }

    private static String f1(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** Mean, median, min, max and sample standard deviation. */
    record Stats(double mean, double median, double min, double max, double stdev) {
        static Stats of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            double var = 0;
            for (double x : v) {
                var += (x - mean) * (x - mean);
            }
            double stdev = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
            return new Stats(mean, median, v[0], v[n - 1], stdev);
        }
    }

    /** The first line of the agent's log that starts with {@code prefix}, or null. */
    private static String agentLine(Path log, String prefix) {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
