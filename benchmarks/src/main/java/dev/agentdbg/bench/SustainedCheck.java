package dev.agentdbg.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sustained}: runs {@link SustainedLoad} as its own JVM and checks agentdbg's accounting.
 *
 * <ol>
 *   <li>paced: under agentdbg with the default buffer at {@code --rate} calls/s (200,000) for {@code --duration}
 *       s (30); every call must be written: written + dropped = produced and dropped = 0;</li>
 *   <li>flood: unpaced (as fast as one thread can call) for {@code --flood-duration} s (10), without and with
 *       the agent: the app's own call rate must not collapse (no back-pressure; a full buffer drops and counts),
 *       and written + dropped = produced must still hold.</li>
 * </ol>
 */
public final class SustainedCheck {
    private static final Set<String> VALUES = Set.of("--rate", "--duration", "--flood-duration", "--flood-variants",
            "--buffer-size", "--json", "--root");
    private static final Set<String> FLAGS = Set.of("--skip-paced", "--skip-flood", "--keep-traces");
    private static final Pattern OUTPUT = Pattern.compile(
            "produced=(\\d+) elapsedNanos=(\\d+) ratePerSec=([\\d.]+) maxLagMs=([\\d.]+) maxChunkMs=([\\d.]+)");

    /** What the load app printed about itself. */
    record AppReport(long produced, long elapsedNanos, double ratePerSec, double maxLagMs, double maxChunkMs) {
    }

    private SustainedCheck() {
    }

    public static void main(String[] args) {
        System.exit(BenchMain.guard(() -> run(args)));
    }

    static int run(String[] argv) {
        Args a = Args.parse("sustained", argv, VALUES, FLAGS, Map.of());
        int rate = a.getInt("--rate", 200_000, 1);
        double duration = a.getSeconds("--duration", 30, 0.1);
        double floodDuration = a.getSeconds("--flood-duration", 10, 0.1);
        List<Variant> floodVariants = Variant.parseList(a.get("--flood-variants", "baseline,agentdbg"));
        boolean keep = a.flag("--keep-traces");
        List<String> rules = new java.util.ArrayList<>(BenchEnv.benchRules());
        String bufferNote = "default buffer (agentdbg.buffer.size not set)";
        if (a.has("--buffer-size")) {
            int size = a.getInt("--buffer-size", 0, 16);
            rules.add("agentdbg.buffer.size=" + size);
            bufferNote = "agentdbg.buffer.size=" + size;
        }
        BenchEnv env = BenchEnv.locate(a.get("--root", null));
        env.require(env.agentJar, "agentdbg agent jar");
        env.requireFor(floodVariants);
        Path benchJar = env.requireBenchJar();
        Path logDir = env.targetDir.resolve("sustained-logs");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "agentdbg-benchmarks sustained");
        json.put("at", Instant.now().toString());
        json.put("buffer", bufferNote);
        boolean ok = true;

        if (!a.flag("--skip-paced")) {
            Path dir = env.targetDir.resolve("sustained-traces").resolve("paced");
            Path config = env.writeAgentdbgConfig("agentdbg-sustained-paced.properties", dir,
                    "agentdbg configuration for the paced sustained-load check", rules);
            List<String> cmd = Child.command(env.jvmArgs(Variant.AGENTDBG, config, "none"), benchJar.toString(),
                    SustainedLoad.class.getName(), List.of("--rate", String.valueOf(rate), "--duration", num(duration)));
            System.out.println("==== Sustained load under agentdbg: " + fmtInt(rate) + " calls/s for " + num(duration)
                    + " s, one thread, " + bufferNote);
            System.out.println("  " + String.join(" ", cmd));
            Run run = launch(cmd, dir, logDir.resolve("paced.log"), duration);
            TraceFiles.FinalStats s = run.stats.orElse(null);
            boolean sumOk = s != null && s.spans() + s.dropped() == run.app.produced();
            boolean noDrop = s != null && s.dropped() == 0;
            ok &= sumOk && noDrop && s.internalErrors() == 0;
            TextTable t = new TextTable().leftAligned();
            t.row("produced (calls the app made)", fmtInt(run.app.produced()));
            t.row("achieved rate", String.format(Locale.ROOT, "%s calls/s (at most %.2f ms behind schedule)",
                    fmtInt(Math.round(run.app.ratePerSec())), run.app.maxLagMs()));
            t.row("written (stats.spans)", s == null ? "NO FINAL STATS" : fmtInt(s.spans()));
            t.row("dropped (stats.dropped)", s == null ? "-" : fmtInt(s.dropped()));
            t.row("written + dropped = produced", sumOk ? "yes" : "NO");
            t.row("dropped = 0", noDrop ? "yes" : "NO");
            t.row("internal errors", s == null ? "-" : String.valueOf(s.internalErrors()));
            t.row("trace", s == null ? "-" : TraceFiles.humanBytes(s.bytes()) + " in " + s.files() + " file(s)");
            t.row("wall time of the JVM", String.format(Locale.ROOT, "%.2f s", run.wallNanos / 1e9));
            if (s != null && s.dropped() > 0) {
                StringBuilder when = new StringBuilder();
                for (TraceFiles.PartStats ps : TraceFiles.partStats(s.file())) {
                    when.append(String.format(Locale.ROOT, "%s%d by +%.1f s", when.length() == 0 ? "" : ", ",
                            ps.dropped(), ps.atSeconds()));
                }
                t.row("cumulative drops at each file end", when.toString());
            }
            t.print(System.out, "  ");
            System.out.println(sumOk && noDrop ? "  PASS" : "  FAIL (output in " + logDir.resolve("paced.log") + ")");
            System.out.println();
            json.put("paced", runJson(rate, duration, run, sumOk, noDrop));
            finish(dir, keep);
        }

        if (!a.flag("--skip-flood")) {
            Path dir = env.targetDir.resolve("sustained-traces").resolve("flood");
            Path config = env.writeAgentdbgConfig("agentdbg-sustained-flood.properties", dir,
                    "agentdbg configuration for the unpaced (flood) sustained-load check", rules);
            System.out.println("==== Flood: one thread calling as fast as it can for " + num(floodDuration)
                    + " s (more than the drainer can write), " + bufferNote);
            Map<Variant, Run> runs = new LinkedHashMap<>();
            for (Variant v : floodVariants) {
                List<String> cmd = Child.command(env.jvmArgs(v, config, "none"), benchJar.toString(),
                        SustainedLoad.class.getName(), List.of("--rate", "0", "--duration", num(floodDuration)));
                System.out.println("  " + v.label() + ": " + String.join(" ", cmd));
                runs.put(v, launch(cmd, v == Variant.AGENTDBG ? dir : null, logDir.resolve("flood-" + v.label() + ".log"),
                        floodDuration));
                if (v == Variant.AGENTDBG) {
                    finish(dir, keep);
                }
            }
            Run base = runs.get(Variant.BASELINE);
            TextTable t = new TextTable().header("variant", "calls", "calls/s", "vs baseline", "ns/call",
                    "longest " + SustainedLoad.CHUNK + " calls ms", "written", "dropped", "dropped %",
                    "written+dropped=produced");
            Map<String, Object> fj = new LinkedHashMap<>();
            for (Map.Entry<Variant, Run> e : runs.entrySet()) {
                Run r = e.getValue();
                TraceFiles.FinalStats s = r.stats.orElse(null);
                boolean agentdbg = e.getKey() == Variant.AGENTDBG;
                boolean sumOk = s != null && s.spans() + s.dropped() == r.app.produced();
                if (agentdbg) {
                    ok &= sumOk;
                }
                long total = s == null ? 0 : s.spans() + s.dropped();
                t.row(e.getKey().label(), fmtInt(r.app.produced()), fmtInt(Math.round(r.app.ratePerSec())),
                        base == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * r.app.ratePerSec() / base.app.ratePerSec()),
                        String.format(Locale.ROOT, "%.1f", 1e9 / r.app.ratePerSec()),
                        String.format(Locale.ROOT, "%.2f", r.app.maxChunkMs()),
                        s == null ? "-" : fmtInt(s.spans()), s == null ? "-" : fmtInt(s.dropped()),
                        s == null || total == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * s.dropped() / total),
                        !agentdbg ? "-" : sumOk ? "yes" : "NO");
                fj.put(e.getKey().label(), runJson(0, floodDuration, r, sumOk, s != null && s.dropped() == 0));
            }
            t.print(System.out, "  ");
            if (base != null && runs.containsKey(Variant.AGENTDBG)) {
                Run d = runs.get(Variant.AGENTDBG);
                System.out.println(String.format(Locale.ROOT,
                        "  agentdbg: %.1f ns added per call with the buffer full (compare with the +ns/span of"
                                + " 'compare ... single': about the same means the app only pays the hot path,"
                                + " never waits for the writer); the drainer wrote %s spans/s",
                        1e9 / d.app.ratePerSec() - 1e9 / base.app.ratePerSec(),
                        d.stats.map(s -> fmtInt(Math.round(s.spans() * 1e9 / d.app.elapsedNanos()))).orElse("-")));
                System.out.println("  (Work.call is a ~1.5 ns method, so any per-call agent cost is a large fraction of"
                        + " it: 'vs baseline' is the rate ratio, not a verdict)");
            }
            System.out.println();
            json.put("flood", fj);
        }

        if (a.has("--json")) {
            Path file = Path.of(a.get("--json", null));
            Json.writeFile(file, json);
            System.out.println("results written to " + file.toAbsolutePath());
        }
        return ok ? 0 : 1;
    }

    private record Run(AppReport app, Optional<TraceFiles.FinalStats> stats, long wallNanos, long traceBytes) {
    }

    private static Run launch(List<String> cmd, Path traceDir, Path log, double seconds) {
        if (traceDir != null) {
            try {
                Files.createDirectories(traceDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TraceFiles.clear(traceDir);
        }
        Child.Result r = Child.checkOk(Child.run(cmd, log, null, (long) seconds + 120), cmd);
        String out = r.output();
        Matcher m = OUTPUT.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("the load app printed no result line:\n" + Child.tail(out, 4000));
        }
        AppReport app = new AppReport(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)));
        Optional<TraceFiles.FinalStats> stats = traceDir == null ? Optional.empty() : TraceFiles.newestFinal(traceDir);
        for (String line : out.split("\n")) {
            if (line.startsWith("[agentdbg]") || line.contains("opentelemetry-javaagent")) {
                System.out.println("    | " + line);
            }
        }
        return new Run(app, stats, r.wallNanos(), traceDir == null ? 0 : TraceFiles.sizeOf(traceDir));
    }

    private static void finish(Path dir, boolean keep) {
        if (keep) {
            System.out.println("  traces kept in " + dir);
        } else {
            TraceFiles.clear(dir);
        }
    }

    private static Map<String, Object> runJson(int rate, double seconds, Run run, boolean sumOk, boolean noDrop) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("targetRatePerSec", rate == 0 ? "unpaced" : rate);
        o.put("durationSeconds", seconds);
        o.put("produced", run.app.produced());
        o.put("achievedRatePerSec", run.app.ratePerSec());
        o.put("maxLagMs", run.app.maxLagMs());
        o.put("longestChunkMs", run.app.maxChunkMs());
        run.stats.ifPresent(s -> {
            o.put("written", s.spans());
            o.put("dropped", s.dropped());
            o.put("internalErrors", s.internalErrors());
            o.put("traceBytes", s.bytes());
            o.put("traceFiles", s.files());
            o.put("writtenPlusDroppedEqualsProduced", sumOk);
            o.put("noDrops", noDrop);
        });
        o.put("jvmWallSeconds", run.wallNanos / 1e9);
        return o;
    }

    static String fmtInt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
