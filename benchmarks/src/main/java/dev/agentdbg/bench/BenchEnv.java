package dev.agentdbg.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things are: the project root, the built agentdbg.jar, the analyzer's jar, the copied OpenTelemetry agent
 * and this module's uber jar; and the JVM arguments that attach each {@link Variant}.
 */
final class BenchEnv {
    static final String BUILD_HINT = "build first: mvn -B -DskipTests package";

    /** OpenTelemetry's methods instrumentation on exactly the methods agentdbg's rule picks. */
    static final String OTEL_METHODS = "com.acme.bench.Work[call,outer,middle,inner];com.acme.bench.Handover[submitFromSpan]";
    /** agentdbg's rule for the benchmark target: every method of Work (call, outer, middle, inner). */
    static final String AGENTDBG_MATCH = "com.acme.bench.Work#*";

    /** System property naming the snapshot directory a relaunched runner uses ({@code off}: none). */
    static final String SNAPSHOT_PROPERTY = "agentdbg.bench.snapshot";
    static final String ROOT_PROPERTY = "agentdbg.bench.root";

    final Path root;
    final Path targetDir;
    /** The jars as built, in the project. */
    final Path builtAgentJar;
    final Path builtOtelJar;
    final Path builtBenchJar;
    final Path builtAnalyzerJar;
    /** The jars the measured JVMs use: the snapshot copies when running from a snapshot, else the built ones. */
    final Path agentJar;
    final Path otelJar;
    final Path benchJar;
    final Path analyzerJar;
    final Path snapshotDir;

    private BenchEnv(Path root) {
        this.root = root;
        this.targetDir = root.resolve("benchmarks").resolve("target");
        this.builtAgentJar = root.resolve("agent").resolve("target").resolve("agentdbg.jar");
        this.builtOtelJar = targetDir.resolve("agents").resolve("opentelemetry-javaagent.jar");
        this.builtBenchJar = targetDir.resolve("agentdbg-benchmarks.jar");
        this.builtAnalyzerJar = root.resolve("analyzer").resolve("target").resolve("agentdbg-analyzer.jar");
        String snap = System.getProperty(SNAPSHOT_PROPERTY);
        if (snap != null && !snap.isBlank() && !snap.equals("off")) {
            snapshotDir = Path.of(snap);
            agentJar = snapshotDir.resolve(builtAgentJar.getFileName());
            otelJar = snapshotDir.resolve(builtOtelJar.getFileName());
            benchJar = snapshotDir.resolve(builtBenchJar.getFileName());
            analyzerJar = snapshotDir.resolve(builtAnalyzerJar.getFileName());
        } else {
            snapshotDir = null;
            agentJar = builtAgentJar;
            otelJar = builtOtelJar;
            benchJar = builtBenchJar;
            analyzerJar = builtAnalyzerJar;
        }
    }

    /** Where a jar the measured JVMs use was built (for messages). */
    Path builtPathOf(Path jar) {
        if (jar.equals(agentJar)) {
            return builtAgentJar;
        } else if (jar.equals(otelJar)) {
            return builtOtelJar;
        } else if (jar.equals(benchJar)) {
            return builtBenchJar;
        } else if (jar.equals(analyzerJar)) {
            return builtAnalyzerJar;
        }
        return jar;
    }

    /**
     * The project root: {@code --root}, else {@code -Dagentdbg.bench.root}, else three levels above this
     * code ({@code <root>/benchmarks/target/agentdbg-benchmarks.jar} or {@code .../target/classes}), else the
     * working directory (or its parent when started inside {@code benchmarks/}).
     */
    static BenchEnv locate(String rootOption) {
        String explicit = rootOption != null ? rootOption : System.getProperty(ROOT_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return new BenchEnv(Path.of(explicit).toAbsolutePath().normalize());
        }
        try {
            Path code = Path.of(BenchEnv.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = code.toAbsolutePath().normalize().getParent().getParent().getParent();
            if (candidate != null && Files.isDirectory(candidate.resolve("benchmarks"))
                    && Files.isDirectory(candidate.resolve("agent"))) {
                return new BenchEnv(candidate);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (!Files.isDirectory(cwd.resolve("benchmarks")) && cwd.getFileName() != null
                && cwd.getFileName().toString().equals("benchmarks") && cwd.getParent() != null) {
            return new BenchEnv(cwd.getParent());
        }
        return new BenchEnv(cwd);
    }

    Path require(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(what + " not found at " + builtPathOf(file) + "\n" + BUILD_HINT
                    + "   (in " + root + ")");
        }
        return file;
    }

    void requireFor(List<Variant> variants) {
        for (Variant v : variants) {
            if (v == Variant.AGENTDBG) {
                require(agentJar, "agentdbg agent jar");
            } else if (v == Variant.OTEL) {
                require(otelJar, "OpenTelemetry Java agent (copied by the benchmarks module's package phase)");
            }
        }
    }

    Path requireBenchJar() {
        return require(benchJar, "benchmarks uber jar");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The JVM arguments that attach {@code v}. {@code agentdbgConfig} is the properties file agentdbg reads;
     * {@code otelTracesExporter} is {@code none} for measurements (spans are created and ended but not
     * exported) or e.g. {@code logging} to see them.
     */
    List<String> jvmArgs(Variant v, Path agentdbgConfig, String otelTracesExporter) {
        List<String> args = new ArrayList<>();
        switch (v) {
            case BASELINE -> {
            }
            case AGENTDBG -> args.add("-javaagent:" + agentJar + "=config=" + agentdbgConfig);
            case OTEL -> {
                args.add("-javaagent:" + otelJar);
                args.add("-Dotel.instrumentation.methods.include=" + OTEL_METHODS);
                args.add("-Dotel.traces.exporter=" + otelTracesExporter);
                args.add("-Dotel.metrics.exporter=none");
                args.add("-Dotel.logs.exporter=none");
            }
            default -> throw new IllegalStateException(v.toString());
        }
        return args;
    }

    /** Writes an agentdbg properties file into {@code benchmarks/target/} and returns its path. */
    Path writeAgentdbgConfig(String fileName, Path outputDir, String comment, List<String> ruleLines) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(comment).append('\n');
        sb.append("# Written by agentdbg-benchmarks.jar; rewritten on every run.\n");
        sb.append("agentdbg.output.dir=").append(escape(outputDir.toString())).append('\n');
        for (String line : ruleLines) {
            sb.append(line).append('\n');
        }
        Path file = targetDir.resolve(fileName);
        try {
            Files.createDirectories(targetDir);
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The rules every measurement uses: all four methods of Work, kind tool; Handover's submit, kind agent. */
    static List<String> benchRules() {
        return List.of(
                "agentdbg.rule.bench.match=" + AGENTDBG_MATCH,
                "agentdbg.rule.bench.kind=tool",
                // The hot path alone, as the OpenTelemetry agent is measured; capture has its own benchmark.
                "agentdbg.rule.bench.capture=false",
                "agentdbg.rule.handover.match=com.acme.bench.Handover#submitFromSpan",
                "agentdbg.rule.handover.kind=agent");
    }

    private static String escape(String path) {
        // java.util.Properties treats '\' as an escape character (Windows paths).
        return path.replace("\\", "\\\\");
    }
}
