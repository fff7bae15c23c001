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

        printTable(cells, variants, gc, traces);
        if (a.has("--json")) {
            Path json = Path.of(a.get("--json", null));
            Json.writeFile(json, toJson(cells, variants, gc, traces, variantArgs, wi, w, mi, r, forks));
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

    private static void printTable(Map<String, Map<Variant, Cell>> cells, List<Variant> variants, boolean gc,
                                   Map<String, TraceSummary> traces) {
        boolean hasBase = variants.contains(Variant.BASELINE);
        boolean hasDbg = variants.contains(Variant.AGENTDBG);
        boolean hasOtel = variants.contains(Variant.OTEL);
        List<String> header = new ArrayList<>(List.of("benchmark", "threads", "spans/op"));
        for (Variant v : variants) {
            header.add(v.label() + " ns/op");
        }
        if (hasBase && hasDbg) {
            header.add("agentdbg +ns/span");
        }
        if (hasBase && hasOtel) {
            header.add("otel +ns/span");
        }
        if (hasBase && hasDbg && hasOtel) {
            header.add("otel/agentdbg");
        }
        if (gc) {
            for (Variant v : variants) {
                header.add(v.label() + " B/op");
            }
        }
        TextTable t = new TextTable().header(header.toArray(String[]::new));
        for (Map.Entry<String, Map<Variant, Cell>> e : cells.entrySet()) {
            String bench = e.getKey();
            Map<Variant, Cell> row = e.getValue();
            int spans = spansPerOp(bench);
            List<String> cols = new ArrayList<>();
            cols.add(shortName(bench));
            cols.add(String.valueOf(row.values().stream().filter(Cell::ok).mapToInt(Cell::threads).max().orElse(0)));
            cols.add(String.valueOf(spans));
            for (Variant v : variants) {
                Cell c = row.get(v);
                cols.add(c == null || !c.ok() ? "FAILED" : fmt(c.score()) + " ± " + fmt(c.error()));
            }
            double dbgAdded = added(row, Variant.AGENTDBG, spans);
            double otelAdded = added(row, Variant.OTEL, spans);
            if (hasBase && hasDbg) {
                cols.add(fmtAdded(row, Variant.AGENTDBG, spans));
            }
            if (hasBase && hasOtel) {
                cols.add(fmtAdded(row, Variant.OTEL, spans));
            }
            if (hasBase && hasDbg && hasOtel) {
                cols.add(Double.isNaN(dbgAdded) || Double.isNaN(otelAdded) || dbgAdded <= 0 ? "n/a"
                        : String.format(Locale.ROOT, "%.1fx", otelAdded / dbgAdded));
            }
            if (gc) {
                for (Variant v : variants) {
                    Cell c = row.get(v);
                    cols.add(c == null || !c.ok() || Double.isNaN(c.allocNorm()) ? "-"
                            : String.format(Locale.ROOT, "%.1f", c.allocNorm()));
                }
            }
            t.row(cols.toArray(String[]::new));
        }
        System.out.println("==== Results (AverageTime, ns/op per thread, ± 99.9% CI; +ns/span = (variant - baseline) "
                + "/ spans per op)");
        t.print(System.out, "  ");
        if (gc) {
            System.out.println("  B/op = gc.alloc.rate.norm: bytes allocated by the whole fork JVM (all threads, "
                    + "including the agent's) per operation");
        }
        if (!traces.isEmpty()) {
            System.out.println();
            System.out.println("agentdbg's own accounting (final stats records of the forks' traces):");
            TextTable tt = new TextTable().header("benchmark", "runs", "spans written", "dropped", "dropped %",
                    "internal errors", "trace bytes");
            for (Map.Entry<String, TraceSummary> e : traces.entrySet()) {
                TraceSummary s = e.getValue();
                long total = s.spans() + s.dropped();
                tt.row(shortName(e.getKey()), s.runsWithFinalStats() + "/" + s.runsStarted(),
                        String.format(Locale.ROOT, "%,d", s.spans()), String.format(Locale.ROOT, "%,d", s.dropped()),
                        total == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * s.dropped() / total),
                        String.valueOf(s.internalErrors()), TraceFiles.humanBytes(s.bytes()));
            }
            tt.print(System.out, "  ");
            System.out.println("  (a benchmark loop calls far faster than one drainer thread can encode and write, so the"
                    + " span buffers are full most of the time and most spans are dropped and counted: the table"
                    + " measures the application thread's cost, not the writer's throughput)");
        }
        System.out.println();
    }

    private static double added(Map<Variant, Cell> row, Variant v, int spans) {
        Cell base = row.get(Variant.BASELINE);
        Cell c = row.get(v);
        if (base == null || c == null || !base.ok() || !c.ok()) {
            return Double.NaN;
        }
        return (c.score() - base.score()) / spans;
    }

    private static double addedError(Map<Variant, Cell> row, Variant v, int spans) {
        Cell base = row.get(Variant.BASELINE);
        Cell c = row.get(v);
        if (base == null || c == null || !base.ok() || !c.ok()) {
            return Double.NaN;
        }
        double eb = Double.isNaN(base.error()) ? 0 : base.error();
        double ec = Double.isNaN(c.error()) ? 0 : c.error();
        return Math.sqrt(eb * eb + ec * ec) / spans;
    }

    private static String fmtAdded(Map<Variant, Cell> row, Variant v, int spans) {
        double add = added(row, v, spans);
        return Double.isNaN(add) ? "n/a" : fmt(add) + " ± " + fmt(addedError(row, v, spans));
    }

    static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "?";
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 1000 ? "%.0f" : Math.abs(d) >= 100 ? "%.1f" : "%.2f", d);
    }

    private static Map<String, Object> toJson(Map<String, Map<Variant, Cell>> cells, List<Variant> variants,
                                              boolean gc, Map<String, TraceSummary> traces,
                                              Map<Variant, List<String>> variantArgs, int wi, TimeValue w, int mi,
                                              TimeValue r, int forks) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "agentdbg-benchmarks compare");
        root.put("at", Instant.now().toString());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("warmupIterations", wi);
        settings.put("warmupTime", w.toString());
        settings.put("measurementIterations", mi);
        settings.put("measurementTime", r.toString());
        settings.put("forks", forks);
        settings.put("gcProfiler", gc);
        settings.put("jdk", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        settings.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        Map<String, Object> args = new LinkedHashMap<>();
        variantArgs.forEach((v, l) -> args.put(v.label(), l));
        settings.put("forkJvmArgs", args);
        root.put("settings", settings);
        List<Object> rows = new ArrayList<>();
        for (Map.Entry<String, Map<Variant, Cell>> e : cells.entrySet()) {
            int spans = spansPerOp(e.getKey());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", e.getKey());
            row.put("spansPerOp", spans);
            Map<String, Object> vs = new LinkedHashMap<>();
            int threads = 0;
            for (Variant v : variants) {
                Cell c = e.getValue().get(v);
                Map<String, Object> cell = new LinkedHashMap<>();
                if (c == null || !c.ok()) {
                    cell.put("failure", c == null ? "not run" : c.failure());
                } else {
                    threads = Math.max(threads, c.threads());
                    cell.put("score", c.score());
                    cell.put("error", c.error());
                    cell.put("unit", c.unit());
                    if (gc) {
                        cell.put("allocBytesPerOp", c.allocNorm());
                    }
                }
                vs.put(v.label(), cell);
            }
            row.put("threads", threads);
            row.put("variants", vs);
            Map<String, Object> addedNs = new LinkedHashMap<>();
            for (Variant v : variants) {
                if (v != Variant.BASELINE) {
                    addedNs.put(v.label(), added(e.getValue(), v, spans));
                }
            }
            row.put("addedNsPerSpan", addedNs);
            double dbg = added(e.getValue(), Variant.AGENTDBG, spans);
            double otel = added(e.getValue(), Variant.OTEL, spans);
            row.put("ratioOtelToAgentdbg", dbg > 0 ? otel / dbg : Double.NaN);
            TraceSummary ts = traces.get(e.getKey());
            if (ts != null) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("runsStarted", ts.runsStarted());
                t.put("runsWithFinalStats", ts.runsWithFinalStats());
                t.put("spansWritten", ts.spans());
                t.put("dropped", ts.dropped());
                t.put("internalErrors", ts.internalErrors());
                t.put("traceBytes", ts.bytes());
                row.put("agentdbgTrace", t);
            }
            rows.add(row);
        }
        root.put("results", rows);
        return root;
    }
}
