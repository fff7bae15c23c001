package dev.agentdbg.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code compare}: runs the selected JMH benchmarks once per variant (no agent, agentdbg, OpenTelemetry) in
 * this one invocation, the agent chosen per fork by JVM arguments, and prints one table side by side.
 * For each benchmark the variants run one after the other, so slow drift of the machine hits all of them.
 */
public final class CompareAgents {
    static final String DEFAULT_INCLUDE = "^dev\\.agentdbg\\.bench\\.InstrumentedCallBenchmark\\.";
    static final List<String> DEFAULT_JVM_ARGS = List.of("-Xms1g", "-Xmx1g");
    private static final Pattern NESTED = Pattern.compile("nested(\\d+)");
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private static final Set<String> VALUES = Set.of("--variants", "--bench", "--warmup-iterations",
            "--warmup-time", "--iterations", "--time", "--forks", "--json", "--jvm", "--jvm-args", "--verbosity",
            "--root", "--prof");
    private static final Set<String> FLAGS = Set.of("--gc", "--keep-traces", "--list");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("-b", "--bench"), Map.entry("-wi", "--warmup-iterations"), Map.entry("-w", "--warmup-time"),
            Map.entry("-i", "--iterations"), Map.entry("-r", "--time"), Map.entry("-f", "--forks"),
            Map.entry("-prof", "--prof"), Map.entry("-jvm", "--jvm"), Map.entry("-jvmArgs", "--jvm-args"),
            Map.entry("-v", "--verbosity"), Map.entry("-l", "--list"));

    /** One measured cell: a benchmark under one variant. */
    record Cell(double score, double error, String unit, int threads, double allocNorm, String failure) {
        static Cell failed(String why) {
            return new Cell(Double.NaN, Double.NaN, "", 0, Double.NaN, why);
        }

        boolean ok() {
            return failure == null;
        }
    }

    /** agentdbg's own accounting over all forks of one benchmark. */
    record TraceSummary(int runsStarted, int runsWithFinalStats, long spans, long dropped, long internalErrors,
                        long bytes) {
    }

    private CompareAgents() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(BenchMain.guard(() -> run(args)));
    }

    /** Spans one operation of {@code benchmark} creates: {@code nestedN} makes N, everything else 1. */
    static int spansPerOp(String benchmark) {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        Matcher m = NESTED.matcher(method);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    static int run(String[] argv) throws Exception {
        Args a = Args.parse("compare", argv, VALUES, FLAGS, ALIASES);
        String include = a.get("--bench", DEFAULT_INCLUDE);
        BenchmarkSelection benchmarks = findBenchmarks(include);
        if (a.flag("--list")) {
            benchmarks.names.forEach(System.out::println);
            return 0;
        }
        List<Variant> variants = Variant.parseList(a.get("--variants", Variant.ALL));
        boolean gc = a.flag("--gc");
        if (a.has("--prof")) {
            if (!a.get("--prof", "").equals("gc")) {
                throw new UsageException("compare: only '-prof gc' is supported here (for other profilers use: "
                        + "java -jar agentdbg-benchmarks.jar jmh ...)");
            }
            gc = true;
        }
        int wi = a.getInt("--warmup-iterations", 10, 0);
        TimeValue w = time(a, "--warmup-time", "1s");
        int mi = a.getInt("--iterations", 5, 1);
        TimeValue r = time(a, "--time", "1s");
        int forks = a.getInt("--forks", 2, 1);
        List<String> baseJvmArgs = a.has("--jvm-args")
                ? Arrays.stream(a.get("--jvm-args", "").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList()
                : DEFAULT_JVM_ARGS;
        VerboseMode verbosity = switch (a.get("--verbosity", "normal").toLowerCase(Locale.ROOT)) {
            case "silent" -> VerboseMode.SILENT;
            case "normal" -> VerboseMode.NORMAL;
            case "extra" -> VerboseMode.EXTRA;
            default -> throw new UsageException("compare: --verbosity is silent, normal or extra");
        };
        boolean keepTraces = a.flag("--keep-traces");

        BenchEnv env = BenchEnv.locate(a.get("--root", null));
        env.requireFor(variants);
        Path traceDir = env.targetDir.resolve("bench-traces");
        Path config = env.writeAgentdbgConfig("agentdbg-bench.properties", traceDir,
                "agentdbg configuration for the JMH comparison (compare)", BenchEnv.benchRules());

        System.out.println("agentdbg benchmarks: compare " + variants.stream().map(Variant::label).toList()
                + " on " + benchmarks.names.size() + " benchmark(s)");
        System.out.println("  warmup " + wi + " x " + w + ", measurement " + mi + " x " + r + ", forks " + forks
                + ", fork JVM args " + baseJvmArgs + (gc ? ", GC profiler" : ""));
        printJar(env, "agentdbg", env.agentJar, variants.contains(Variant.AGENTDBG));
        printJar(env, "otel", env.otelJar, variants.contains(Variant.OTEL));
        if (variants.contains(Variant.AGENTDBG)) {
            System.out.println("  agentdbg config " + config + " (traces to " + traceDir + ")");
        }
        System.out.println();

        Map<String, Map<Variant, Cell>> cells = new LinkedHashMap<>();
        Map<String, TraceSummary> traces = new LinkedHashMap<>();
        Map<Variant, List<String>> variantArgs = new LinkedHashMap<>();
        for (String bench : benchmarks.names) {
            Map<Variant, Cell> row = new LinkedHashMap<>();
            cells.put(bench, row);
            for (Variant v : variants) {
                List<String> jvmArgs = new ArrayList<>(baseJvmArgs);
                jvmArgs.addAll(env.jvmArgs(v, config, "none"));
                variantArgs.put(v, jvmArgs);
                System.out.println("==== " + shortName(bench) + " under " + v.label() + ": fork JVM args " + jvmArgs);
                if (v == Variant.AGENTDBG) {
                    Files.createDirectories(traceDir);
                    TraceFiles.clear(traceDir);
                }
                ChainedOptionsBuilder ob = new OptionsBuilder()
                        .include("^" + Pattern.quote(bench) + "$")
                        .warmupIterations(wi).warmupTime(w)
                        .measurementIterations(mi).measurementTime(r)
                        .forks(forks)
                        .jvmArgs(jvmArgs.toArray(String[]::new))
                        .shouldFailOnError(true)
                        .verbosity(verbosity);
                if (a.has("--jvm")) {
                    ob.jvm(a.get("--jvm", null));
                }
                if (gc) {
                    ob.addProfiler(GCProfiler.class);
                }
                Cell cell;
                try {
                    Collection<RunResult> results = new Runner(ob.build()).run();
                    cell = results.isEmpty() ? Cell.failed("no result") : toCell(results.iterator().next());
                } catch (RunnerException e) {
                    cell = Cell.failed(String.valueOf(e.getMessage()));
                    System.out.println("!!!! " + shortName(bench) + " under " + v.label() + " failed: " + e.getMessage());
                }
                row.put(v, cell);
                if (v == Variant.AGENTDBG) {
                    traces.put(bench, summarize(traceDir));
                    if (keepTraces) {
                        Path kept = TraceFiles.moveAll(traceDir, traceDir.resolve(shortName(bench)));
                        System.out.println("agentdbg traces kept in " + kept);
                    } else {
                        TraceFiles.clear(traceDir);
                    }
                }
                System.out.println();
            }
        }

        ComparisonReport.printTable(cells, variants, gc, traces);
        if (a.has("--json")) {
            Path json = Path.of(a.get("--json", null));
            Json.writeFile(json, ComparisonReport.toJson(cells, variants, gc, traces, variantArgs, wi, w, mi, r, forks));
            System.out.println("results written to " + json.toAbsolutePath());
        }
        boolean allOk = cells.values().stream().flatMap(m -> m.values().stream()).allMatch(Cell::ok);
        return allOk ? 0 : 1;
    }

    private static TimeValue time(Args a, String name, String def) {
        String v = a.get(name, def).trim();
        if (v.matches("\\d+")) {
            v = v + "s";
        }
        try {
            return TimeValue.fromString(v);
        } catch (RuntimeException e) {
            throw new UsageException("compare: " + name + " needs a time such as 1s or 500ms, got '" + v + "'");
        }
    }

    static void printJar(BenchEnv env, String what, Path jar, boolean used) {
        if (!used) {
            return;
        }
        Path built = env.builtPathOf(jar);
        String snapshot = built.equals(jar) ? "" : "; measured JVMs use the snapshot copy " + jar;
        try {
            System.out.println("  " + what + " jar " + built + " (" + TraceFiles.humanBytes(Files.size(jar))
                    + ", built " + Files.getLastModifiedTime(jar) + snapshot + ")");
        } catch (java.io.IOException e) {
            System.out.println("  " + what + " jar " + built + snapshot);
        }
    }

    /** The benchmark names the include regex selects, from the jar's META-INF/BenchmarkList. */
    static BenchmarkSelection findBenchmarks(String include) {
        Set<String> names = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(include), List.of())) {
            names.add(e.getUsername());
        }
        if (names.isEmpty()) {
            Set<String> all = new TreeSet<>();
            for (BenchmarkListEntry e : BenchmarkList.defaultList().find(
                    OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(".*"), List.of())) {
                all.add(e.getUsername());
            }
            throw new UsageException("compare: no benchmark matches '" + include + "'; available:\n  "
                    + String.join("\n  ", all));
        }
        return new BenchmarkSelection(new ArrayList<>(names));
    }

    /** Benchmark names in a stable order: as listed in the source (single, nested3, single2Threads). */
    record BenchmarkSelection(List<String> names) {
        BenchmarkSelection {
            List<String> order = List.of("single", "nested3", "single2Threads");
            names = new ArrayList<>(names);
            names.sort((x, y) -> {
                int ix = order.indexOf(shortMethod(x));
                int iy = order.indexOf(shortMethod(y));
                ix = ix < 0 ? Integer.MAX_VALUE : ix;
                iy = iy < 0 ? Integer.MAX_VALUE : iy;
                return ix != iy ? Integer.compare(ix, iy) : x.compareTo(y);
            });
        }
    }

    private static String shortMethod(String bench) {
        return bench.substring(bench.lastIndexOf('.') + 1);
    }

    static String shortName(String bench) {
        int method = bench.lastIndexOf('.');
        int cls = bench.lastIndexOf('.', method - 1);
        String className = bench.substring(cls + 1, method);
        return className.equals("InstrumentedCallBenchmark") ? bench.substring(method + 1) : bench.substring(cls + 1);
    }

    private static Cell toCell(RunResult rr) {
        Result<?> primary = rr.getPrimaryResult();
        double alloc = Double.NaN;
        for (Map.Entry<String, Result> e : rr.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(ALLOC_NORM)) {
                alloc = e.getValue().getScore();
            }
        }
        return new Cell(primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                rr.getParams().getThreads(), alloc, null);
    }

    private static TraceSummary summarize(Path traceDir) {
        List<TraceFiles.FinalStats> stats = TraceFiles.allFinal(traceDir);
        long spans = 0;
        long dropped = 0;
        long errors = 0;
        for (TraceFiles.FinalStats s : stats) {
            spans += s.spans();
            dropped += s.dropped();
            errors += s.internalErrors();
        }
        return new TraceSummary(TraceFiles.runCount(traceDir), stats.size(), spans, dropped, errors,
                TraceFiles.sizeOf(traceDir));
    }

    // ---------------------------------------------------------------- output
}
