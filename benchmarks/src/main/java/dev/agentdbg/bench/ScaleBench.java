package dev.agentdbg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code scale}: the analyzer on a large real trace (issue 11, B10). Gets the trace from {@link ScaleTrace}
 * (generated once by running a multi-threaded agent app under agentdbg, then reused), then runs each analyzer
 * command in its own JVM with a small heap and records wall time, exit code, peak RSS, spans/s and MB/s, next to
 * {@code wc -l} and {@code jq -c .} on the same file; a command that runs out of memory is a FAILED row, not a
 * crash. Prints a table and writes the results as JSON. {@code --jmh} also times the read in-process with
 * {@link TraceReadBenchmark}.
 */
public final class ScaleBench {
    private static final Set<String> VALUES = Set.of("--spans", "--xmx", "--commands", "--payload-scale", "--threads",
            "--rate", "--json", "--timeout", "--jmh-xmx", "--jmh-iterations", "--repeat", "--root");
    private static final Set<String> FLAGS = Set.of("--regenerate", "--generate-only", "--no-compare", "--jmh");
    static final String DEFAULT_COMMANDS = "summary,errors,slow,llm,bundle,summary@512m";
    private static final Set<String> ANALYZER_COMMANDS = Set.of("summary", "errors", "slow", "llm", "bundle");

    /**
     * One measured row: the run of median wall time among {@code repeats} (or the first that failed), and the wall
     * times of all of them.
     */
    record Row(String name, String heap, List<String> command, TimedRun.Result result, String verdict, long outputBytes,
               List<Double> allWallSeconds) {
        boolean ok() {
            return verdict.equals("ok");
        }
    }

    private ScaleBench() {
    }

    static int run(String[] argv) {
        Args a = Args.parse("scale", argv, VALUES, FLAGS, Map.of());
        long spans = a.getInt("--spans", 1_000_000, 1000);
        String xmx = a.get("--xmx", "256m");
        double payloadScale = payloadScale(a.get("--payload-scale", "0.3"));
        int threads = a.getInt("--threads", 4, 1);
        long rate = a.getInt("--rate", ScaleTrace.DEFAULT_RATE, 0);
        int timeout = a.getInt("--timeout", 1800, 10);
        int repeat = a.getInt("--repeat", 1, 1);
        List<String[]> commands = parseCommands(a.get("--commands", DEFAULT_COMMANDS), xmx);
        BenchEnv env = BenchEnv.locate(a.get("--root", null));
        Path analyzerJar = env.require(env.analyzerJar, "analyzer jar");
        Path logs = env.targetDir.resolve("scale-logs");

        ScaleTrace.Generated trace = ScaleTrace.obtain(env, spans, payloadScale, threads, rate, a.flag("--regenerate"));
        printTrace(trace);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "agentdbg-benchmarks scale");
        json.put("at", Instant.now().toString());
        json.put("machine", machine());
        json.put("trace", traceJson(trace));
        if (a.flag("--generate-only")) {
            writeJson(a, env, json);
            return trace.dropped() == 0 ? 0 : 1;
        }

        warm(trace.file());
        String loadBefore = loadAverage();
        System.out.println("==== Reading it: one child JVM per command (" + BenchEnv.java() + "), peak RSS by "
                + TimedRun.rssMethod() + ", page cache warm" + (repeat > 1 ? ", median of " + repeat + " runs" : "")
                + "; load average " + loadBefore);
        List<Row> rows = new ArrayList<>();
        for (String[] c : commands) {
            rows.add(median(repeat, i -> analyzer(env, analyzerJar, trace.file(), c[0], c[1], logs, timeout, i == 0)));
        }
        if (!a.flag("--no-compare")) {
            rows.add(median(repeat, i -> tool("wc -l", List.of("wc", "-l", trace.file().toString()), logs, timeout, i == 0)));
            Path jq = Path.of("/usr/bin/jq");
            if (Files.isExecutable(jq)) {
                rows.add(median(repeat, i -> tool("jq -c .", List.of(jq.toString(), "-c", ".", trace.file().toString()),
                        logs, timeout, i == 0)));
            } else {
                System.out.println("  (jq not found at /usr/bin/jq: no jq row)");
            }
        }
        String loadAfter = loadAverage();
        printTable(rows, trace);
        System.out.println("  load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAfter
                + " (anything above 0 on a machine this size slows every row alike)");
        System.out.println();
        json.put("loadAverageBefore", loadBefore);
        json.put("loadAverageAfter", loadAfter);
        json.put("rows", rowsJson(rows, trace));

        boolean jmhOk = true;
        if (a.flag("--jmh")) {
            Map<String, Object> jmh = ScaleJmh.run(trace, a.get("--jmh-xmx", "1g"), a.getInt("--jmh-iterations", 3, 1));
            json.put("jmh", jmh);
            jmhOk = jmh.containsKey("spansPerSec");
        }
        writeJson(a, env, json);
        return rows.stream().allMatch(Row::ok) && jmhOk ? 0 : 1;
    }

    private static double payloadScale(String value) {
        try {
            double d = Double.parseDouble(value);
            if (d > 0 && d <= 10) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("scale: --payload-scale needs a number above 0 and at most 10, got '" + value + "'");
    }

    /** Runs a row {@code n} times: the first failure, else the run of median wall time, with every wall time. */
    private static Row median(int n, java.util.function.IntFunction<Row> measure) {
        List<Row> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Row r = measure.apply(i);
            runs.add(r);
            if (!r.ok()) {
                break;
            }
        }
        List<Double> walls = runs.stream().map(r -> r.result().wallNanos() / 1e9).toList();
        Row pick = runs.stream().filter(r -> !r.ok()).findFirst().orElseGet(() -> runs.stream()
                .sorted(Comparator.comparingLong(r -> r.result().wallNanos())).toList().get((runs.size() - 1) / 2));
        return new Row(pick.name(), pick.heap(), pick.command(), pick.result(), pick.verdict(), pick.outputBytes(), walls);
    }

    /** {@code summary,errors,summary@512m}: each command with its heap ({@code --xmx} unless given after @). */
    static List<String[]> parseCommands(String csv, String xmx) {
        List<String[]> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int at = p.indexOf('@');
            String name = at < 0 ? p : p.substring(0, at);
            String heap = at < 0 ? xmx : p.substring(at + 1);
            if (!ANALYZER_COMMANDS.contains(name)) {
                throw new UsageException("scale: unknown analyzer command '" + name + "' (expected some of "
                        + String.join(",", new java.util.TreeSet<>(ANALYZER_COMMANDS)) + ", each optionally @<heap>)");
            }
            if (!heap.matches("\\d+[kKmMgG]")) {
                throw new UsageException("scale: heap '" + heap + "' of " + name + " is not a -Xmx size such as 256m");
            }
            out.add(new String[] {name, heap});
        }
        if (out.isEmpty()) {
            throw new UsageException("scale: --commands selects nothing");
        }
        return out;
    }

    private static Row analyzer(BenchEnv env, Path jar, Path trace, String name, String heap, Path logs, int timeout,
                                boolean print) {
        List<String> cmd = new ArrayList<>(List.of(BenchEnv.java(), "-Xmx" + heap, "-jar", jar.toString(), name,
                trace.toString()));
        Path bundleDir = null;
        if (name.equals("bundle")) {
            bundleDir = logs.resolve("bundle-" + heap);
            deleteTree(bundleDir);
            cmd.addAll(List.of("-o", bundleDir.toString()));
        }
        String label = name + " -Xmx" + heap;
        if (print) {
            System.out.println("  " + label + ": " + String.join(" ", cmd));
        }
        Path log = logs.resolve(name + "-" + heap + ".out");
        TimedRun.Result r = TimedRun.run(cmd, log, log, timeout);
        String out = r.output();
        String verdict;
        if (r.timedOut()) {
            verdict = "FAILED: timed out after " + timeout + " s";
        } else if (out.contains("OutOfMemoryError") || out.contains("out of memory")) {
            verdict = "FAILED: out of memory (exit " + r.exitCode() + ")";
        } else if (r.exitCode() != 0) {
            verdict = "FAILED: exit " + r.exitCode() + " (see " + log + ")";
        } else {
            verdict = "ok";
        }
        long outBytes = bundleDir != null ? treeSize(bundleDir) : size(log);
        if (bundleDir != null) {
            deleteTree(bundleDir);
        }
        return new Row(label, heap, cmd, r, verdict, outBytes, List.of());
    }

    private static Row tool(String label, List<String> cmd, Path logs, int timeout, boolean print) {
        if (print) {
            System.out.println("  " + label + ": " + String.join(" ", cmd) + " > /dev/null");
        }
        Path log = logs.resolve(label.replaceAll("[^a-z]+", "") + ".err");
        TimedRun.Result r = TimedRun.run(cmd, null, log, timeout);
        String verdict = r.timedOut() ? "FAILED: timed out after " + timeout + " s"
                : r.exitCode() != 0 ? "FAILED: exit " + r.exitCode() + " (see " + log + ")" : "ok";
        return new Row(label, "-", cmd, r, verdict, 0, List.of());
    }

    private static void printTrace(ScaleTrace.Generated t) {
        TextTable table = new TextTable().leftAligned();
        table.row("file", t.file().toString());
        table.row("size", String.format(Locale.ROOT, "%,d bytes (%.0f MB, %s)", t.bytes(), t.bytes() / 1e6,
                TraceFiles.humanBytes(t.bytes())));
        table.row("spans written", String.format(Locale.ROOT, "%,d (%.0f bytes per span)", t.spans(),
                (double) t.bytes() / t.spans()));
        table.row("dropped", String.format(Locale.ROOT, "%,d%s", t.dropped(), t.dropped() == 0 ? ""
                : "  (the writer fell behind: regenerate with --rate <calls/s>)"));
        if (t.produced() > 0) {
            table.row("written + dropped = produced", t.spans() + t.dropped() == t.produced() ? "yes"
                    : String.format(Locale.ROOT, "NO (the app made %,d calls)", t.produced()));
        }
        table.row("agent runs", String.format(Locale.ROOT, "%,d (%,d failed)", t.runs(), t.failedRuns()));
        table.row("generation", String.format(Locale.ROOT, "%.1f s%s", t.generationSeconds(),
                t.reused() ? " (earlier; reused: --regenerate makes a new one)" : ""));
        System.out.println("==== The trace");
        table.print(System.out, "  ");
        System.out.println();
    }

    private static void printTable(List<Row> rows, ScaleTrace.Generated trace) {
        Row jq = rows.stream().filter(r -> r.name().startsWith("jq") && r.ok()).findFirst().orElse(null);
        TextTable t = new TextTable().header("command", "result", "exit", "wall s", "CPU s", "peak RSS MB", "spans/s",
                "MB/s", "jq time / this", "output");
        for (Row r : rows) {
            double s = r.result().wallNanos() / 1e9;
            boolean timed = r.ok();
            t.row(r.name(), r.verdict().startsWith("FAILED: exit") ? "FAILED" : r.verdict(),
                    r.result().timedOut() ? "-" : String.valueOf(r.result().exitCode()),
                    String.format(Locale.ROOT, "%.2f", s),
                    Double.isNaN(r.result().cpuSeconds()) ? "?"
                            : String.format(Locale.ROOT, "%.2f", r.result().cpuSeconds()),
                    r.result().peakRssKb() < 0 ? "?" : String.format(Locale.ROOT, "%.0f", r.result().peakRssKb() / 1024.0),
                    timed ? String.format(Locale.ROOT, "%,.0f", trace.spans() / s) : "-",
                    timed ? String.format(Locale.ROOT, "%.1f", trace.bytes() / 1e6 / s) : "-",
                    timed && jq != null ? String.format(Locale.ROOT, "%.2fx", jq.result().wallNanos() / 1e9 / s) : "-",
                    r.outputBytes() > 0 ? TraceFiles.humanBytes(r.outputBytes()) : "-");
        }
        System.out.println();
        t.print(System.out, "  ");
        for (Row r : rows) {
            if (r.verdict().startsWith("FAILED: exit")) {
                System.out.println("  " + r.name() + ": " + r.verdict());
            }
        }
        System.out.println("  (spans/s and MB/s: spans written and file bytes over the wall time of the whole JVM,"
                + " start-up included; MB = 10^6 bytes; CPU s: user + system, all threads)");
    }

    private static List<Object> rowsJson(List<Row> rows, ScaleTrace.Generated trace) {
        List<Object> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            double s = r.result().wallNanos() / 1e9;
            o.put("name", r.name());
            o.put("heap", r.heap());
            o.put("command", String.join(" ", r.command()));
            o.put("result", r.verdict());
            o.put("ok", r.ok());
            o.put("exitCode", r.result().exitCode());
            o.put("wallSeconds", s);
            o.put("cpuSeconds", r.result().cpuSeconds());
            o.put("wallSecondsOfEachRepeat", r.allWallSeconds());
            o.put("peakRssMb", r.result().peakRssKb() < 0 ? null : r.result().peakRssKb() / 1024.0);
            o.put("spansPerSec", r.ok() ? trace.spans() / s : null);
            o.put("mbPerSec", r.ok() ? trace.bytes() / 1e6 / s : null);
            o.put("outputBytes", r.outputBytes());
            out.add(o);
        }
        return out;
    }

    private static Map<String, Object> traceJson(ScaleTrace.Generated t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", t.file().toString());
        o.put("bytes", t.bytes());
        o.put("spans", t.spans());
        o.put("dropped", t.dropped());
        o.put("produced", t.produced());
        o.put("internalErrors", t.internalErrors());
        o.put("runs", t.runs());
        o.put("failedRuns", t.failedRuns());
        o.put("generationSeconds", t.generationSeconds());
        o.put("reused", t.reused());
        return o;
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    m.put("memory", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the rest says enough
        }
        return m;
    }

    /** The first three fields of /proc/loadavg: other work on the machine shows in every figure. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void writeJson(Args a, BenchEnv env, Map<String, Object> json) {
        Path file = a.has("--json") ? Path.of(a.get("--json", null)) : env.targetDir.resolve("scale-results.json");
        Json.writeFile(file, json);
        System.out.println("results written to " + file.toAbsolutePath());
    }

    /** Reads the file once so every command finds it in the page cache, as the first would not. */
    private static void warm(Path file) {
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(buf) >= 0) {
                // only the read matters
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long treeSize(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(ScaleBench::size).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
