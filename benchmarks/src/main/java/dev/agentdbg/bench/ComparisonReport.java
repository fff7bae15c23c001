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

/** Prints and serialises the result of a {@link CompareAgents} run: the side-by-side table and its JSON. */
final class ComparisonReport {
    private ComparisonReport() {
    }

    static void printTable(Map<String, Map<Variant, CompareAgents.Cell>> cells, List<Variant> variants, boolean gc,
                                   Map<String, CompareAgents.TraceSummary> traces) {
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
        for (Map.Entry<String, Map<Variant, CompareAgents.Cell>> e : cells.entrySet()) {
            String bench = e.getKey();
            Map<Variant, CompareAgents.Cell> row = e.getValue();
            int spans = CompareAgents.spansPerOp(bench);
            List<String> cols = new ArrayList<>();
            cols.add(CompareAgents.shortName(bench));
            cols.add(String.valueOf(row.values().stream().filter(CompareAgents.Cell::ok).mapToInt(CompareAgents.Cell::threads).max().orElse(0)));
            cols.add(String.valueOf(spans));
            for (Variant v : variants) {
                CompareAgents.Cell c = row.get(v);
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
                    CompareAgents.Cell c = row.get(v);
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
            for (Map.Entry<String, CompareAgents.TraceSummary> e : traces.entrySet()) {
                CompareAgents.TraceSummary s = e.getValue();
                long total = s.spans() + s.dropped();
                tt.row(CompareAgents.shortName(e.getKey()), s.runsWithFinalStats() + "/" + s.runsStarted(),
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

    private static double added(Map<Variant, CompareAgents.Cell> row, Variant v, int spans) {
        CompareAgents.Cell base = row.get(Variant.BASELINE);
        CompareAgents.Cell c = row.get(v);
        if (base == null || c == null || !base.ok() || !c.ok()) {
            return Double.NaN;
        }
        return (c.score() - base.score()) / spans;
    }

    private static double addedError(Map<Variant, CompareAgents.Cell> row, Variant v, int spans) {
        CompareAgents.Cell base = row.get(Variant.BASELINE);
        CompareAgents.Cell c = row.get(v);
        if (base == null || c == null || !base.ok() || !c.ok()) {
            return Double.NaN;
        }
        double eb = Double.isNaN(base.error()) ? 0 : base.error();
        double ec = Double.isNaN(c.error()) ? 0 : c.error();
        return Math.sqrt(eb * eb + ec * ec) / spans;
    }

    private static String fmtAdded(Map<Variant, CompareAgents.Cell> row, Variant v, int spans) {
        double add = added(row, v, spans);
        return Double.isNaN(add) ? "n/a" : fmt(add) + " ± " + fmt(addedError(row, v, spans));
    }

    static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "?";
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 1000 ? "%.0f" : Math.abs(d) >= 100 ? "%.1f" : "%.2f", d);
    }

    static Map<String, Object> toJson(Map<String, Map<Variant, CompareAgents.Cell>> cells, List<Variant> variants,
                                              boolean gc, Map<String, CompareAgents.TraceSummary> traces,
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
        for (Map.Entry<String, Map<Variant, CompareAgents.Cell>> e : cells.entrySet()) {
            int spans = CompareAgents.spansPerOp(e.getKey());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", e.getKey());
            row.put("spansPerOp", spans);
            Map<String, Object> vs = new LinkedHashMap<>();
            int threads = 0;
            for (Variant v : variants) {
                CompareAgents.Cell c = e.getValue().get(v);
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
            CompareAgents.TraceSummary ts = traces.get(e.getKey());
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
