package dev.agentdbg.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code check}: runs {@code com.acme.bench.CallWork} (n calls of Work.call and n of Work.outer, 4 n spans)
 * under each agent with the same arguments the benchmarks use, except that OpenTelemetry exports its spans to
 * the log ({@code otel.traces.exporter=logging}) so they can be counted. Proves that neither agent is measured
 * while doing nothing.
 */
public final class AgentCheck {
    private static final Set<String> VALUES = Set.of("--calls", "--otel-exporter", "--root");
    private static final Pattern OTEL_SPAN = Pattern.compile("'Work\\.(call|outer|middle|inner)'");

    private AgentCheck() {
    }

    public static void main(String[] args) {
        System.exit(BenchMain.guard(() -> run(args)));
    }

    static int run(String[] argv) {
        Args a = Args.parse("check", argv, VALUES, Set.of(), Map.of());
        int calls = a.getInt("--calls", 3, 1);
        String exporter = a.get("--otel-exporter", "logging");
        BenchEnv env = BenchEnv.locate(a.get("--root", null));
        env.requireFor(List.of(Variant.AGENTDBG, Variant.OTEL));
        Path benchJar = env.requireBenchJar();
        Path logDir = env.targetDir.resolve("check-logs");
        long expected = 4L * calls;
        boolean ok = true;

        Path dir = env.targetDir.resolve("check-traces");
        Path config = env.writeAgentdbgConfig("agentdbg-check.properties", dir,
                "agentdbg configuration for the check command", BenchEnv.benchRules());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TraceFiles.clear(dir);
        List<String> cmd = Child.command(env.jvmArgs(Variant.AGENTDBG, config, "none"), benchJar.toString(),
                "com.acme.bench.CallWork", List.of(String.valueOf(calls)));
        System.out.println("==== agentdbg: " + String.join(" ", cmd));
        Child.Result r = Child.checkOk(Child.run(cmd, logDir.resolve("agentdbg.log"), null, 120), cmd);
        System.out.print(indent(r.output()));
        Optional<TraceFiles.FinalStats> s = TraceFiles.newestFinal(dir);
        boolean dbgOk = s.isPresent() && s.get().spans() == expected && s.get().methodsInstrumented() == 4;
        ok &= dbgOk;
        System.out.println("  spans written " + s.map(x -> String.valueOf(x.spans())).orElse("(no final stats)")
                + ", expected " + expected + "; methods instrumented "
                + s.map(x -> String.valueOf(x.methodsInstrumented())).orElse("?") + ", expected 4 -> "
                + (dbgOk ? "OK" : "FAILED"));
        System.out.println();

        List<String> otelArgs = env.jvmArgs(Variant.OTEL, config, exporter);
        cmd = Child.command(otelArgs, benchJar.toString(), "com.acme.bench.CallWork", List.of(String.valueOf(calls)));
        System.out.println("==== otel: " + String.join(" ", cmd));
        r = Child.checkOk(Child.run(cmd, logDir.resolve("otel.log"), null, 120), cmd);
        Map<String, Integer> perMethod = new LinkedHashMap<>();
        List<String> sample = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            Matcher m = OTEL_SPAN.matcher(line);
            if (m.find()) {
                perMethod.merge(m.group(1), 1, Integer::sum);
                if (sample.size() < 4) {
                    sample.add(line);
                }
            }
        }
        sample.forEach(l -> System.out.println("  | " + l));
        int total = perMethod.values().stream().mapToInt(Integer::intValue).sum();
        boolean otelOk = total == expected;
        ok &= otelOk;
        System.out.println("  spans exported " + total + " " + perMethod + ", expected " + expected + " -> "
                + (otelOk ? "OK" : "FAILED (output in " + logDir.resolve("otel.log") + ")"));
        TraceFiles.clear(dir);
        return ok ? 0 : 1;
    }

    private static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n")) {
            if (!line.isBlank()) {
                sb.append("  | ").append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
