package dev.agentdbg.bench;

import com.acme.bench.scale.ResearchLoad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The large trace {@code scale} measures: {@link ResearchLoad} run under the built agent until it has made
 * {@code spans} instrumented calls, written to {@code benchmarks/target/scale-trace/} (one run, one file) with a
 * {@code generation.json} beside it that says how it was made. A trace whose generation.json asks for the same
 * spans and payload scale is reused; anything else in the directory is deleted first, so at most one is kept.
 */
final class ScaleTrace {
    static final String DIR = "scale-trace";
    static final String INFO = "generation.json";
    /**
     * Instrumented calls per second the load app is paced at. Unpaced, its four workers make about 50,000 a second
     * on two cores, while the one drainer thread encodes and writes about 30,000 of these payload-carrying spans
     * a second (when the machine is otherwise idle): a fifth were dropped. 15,000 leaves the writer room.
     */
    static final int DEFAULT_RATE = 15_000;
    private static final Pattern APP = Pattern.compile(
            "produced=(\\d+) runs=(\\d+) failedRuns=(\\d+) elapsedNanos=(\\d+) ratePerSec=([\\d.]+)");

    /** A generated trace and what its generation reported. */
    record Generated(Path file, long spans, long dropped, long produced, long bytes, long internalErrors,
                     long runs, long failedRuns, double generationSeconds, boolean reused, Map<String, Object> info) {
    }

    private ScaleTrace() {
    }

    static Path dir(BenchEnv env) {
        return env.targetDir.resolve(DIR);
    }

    /** The agentdbg rules of the load app: every kind the analyzer reports on, capture on, GenAI attributes. */
    static List<String> rules() {
        String p = "com.acme.bench.scale.";
        return List.of(
                "agentdbg.rule.agents.match=" + p + "agents.*Agent#run",
                "agentdbg.rule.agents.kind=agent",
                "agentdbg.rule.llm.match=" + p + "llm.ChatClient#complete",
                "agentdbg.rule.llm.kind=llm",
                "agentdbg.rule.llm.component=openai",
                "agentdbg.rule.llm.attr.gen_ai.request.model=args[0].model",
                "agentdbg.rule.llm.attr.gen_ai.response.model=result.model",
                "agentdbg.rule.llm.attr.gen_ai.response.id=result.id",
                "agentdbg.rule.llm.attr.gen_ai.usage.input_tokens=result.usage.promptTokens",
                "agentdbg.rule.llm.attr.gen_ai.usage.output_tokens=result.usage.completionTokens",
                "agentdbg.rule.tools.subtypeOf=" + p + "tools.Tool",
                "agentdbg.rule.tools.methods=run",
                "agentdbg.rule.tools.kind=tool",
                "agentdbg.rule.toolexec.match=" + p + "tools.ToolExecutor#execute",
                "agentdbg.rule.toolexec.kind=chain",
                "agentdbg.rule.toolexec.component=tool-executor",
                "agentdbg.rule.toolexec.capture=true",
                "agentdbg.rule.toolexec.attr.gen_ai.tool.name=args[0].name",
                "agentdbg.rule.toolexec.attr.gen_ai.tool.call.id=args[0].id",
                "agentdbg.rule.steps.annotatedWith=" + p + "Step",
                "agentdbg.rule.steps.kind=chain",
                "agentdbg.rule.steps.component=prompt",
                "agentdbg.rule.support.match=" + p + "support.*#*",
                "agentdbg.rule.support.kind=chain",
                "agentdbg.price.gpt-4o=2.50,1.25,10.00",
                "agentdbg.price.gpt-4o-mini=0.15,0.075,0.60",
                // Room for bursts (four workers and the tool pool), and time to write the backlog at exit.
                "agentdbg.memory.max=256MB",
                "agentdbg.buffer.size=262144",
                "agentdbg.capture.maxBuffered=128MB",
                "agentdbg.shutdown.timeout=60s",
                // One file: the measured commands read one input as a user would pass it.
                "agentdbg.file.rotate.size=4GB");
    }

    /**
     * The trace of {@code spans} calls: reused when {@code benchmarks/target/scale-trace/} holds one made with the
     * same spans and payload scale and {@code regenerate} is false, else generated now.
     */
    static Generated obtain(BenchEnv env, long spans, double payloadScale, int threads, long rate, boolean regenerate) {
        Path dir = dir(env);
        if (!regenerate) {
            Optional<Generated> cached = cached(dir, spans, payloadScale);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        return generate(env, dir, spans, payloadScale, threads, rate);
    }

    private static Optional<Generated> cached(Path dir, long spans, double payloadScale) {
        Path info = dir.resolve(INFO);
        if (!Files.isRegularFile(info)) {
            return Optional.empty();
        }
        String json;
        try {
            json = Files.readString(info, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        Matcher scale = Pattern.compile("\"payloadScale\": ([\\d.]+)").matcher(json);
        if (TraceFiles.number(json, "requestedSpans") != spans || !scale.find()
                || Double.parseDouble(scale.group(1)) != payloadScale) {
            return Optional.empty();
        }
        List<Path> files = TraceFiles.jsonl(dir);
        if (files.size() != 1) {
            return Optional.empty();
        }
        Optional<TraceFiles.FinalStats> stats = TraceFiles.finalStats(files.get(0));
        if (stats.isEmpty()) {
            return Optional.empty();
        }
        TraceFiles.FinalStats s = stats.get();
        Matcher seconds = Pattern.compile("\"generationSeconds\": ([\\d.]+)").matcher(json);
        return Optional.of(new Generated(files.get(0), s.spans(), s.dropped(), TraceFiles.number(json, "produced"),
                size(files.get(0)), s.internalErrors(), TraceFiles.number(json, "runs"),
                TraceFiles.number(json, "failedRuns"), seconds.find() ? Double.parseDouble(seconds.group(1)) : Double.NaN,
                true, Map.of()));
    }

    private static Generated generate(BenchEnv env, Path dir, long spans, double payloadScale, int threads, long rate) {
        env.require(env.agentJar, "agentdbg agent jar");
        Path benchJar = env.requireBenchJar();
        clearDir(dir);
        long needed = spans * 2_000L; // about 700 B a span; leave room for the bundle and the logs
        try {
            Files.createDirectories(dir);
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < needed) {
                throw new UsageException(String.format(Locale.ROOT, "not enough disk space for a %,d-span trace in %s:"
                        + " %s free, want %s", spans, dir, TraceFiles.humanBytes(free), TraceFiles.humanBytes(needed)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        Path config = env.writeAgentdbgConfig("agentdbg-scale.properties", dir,
                "agentdbg configuration of the scale trace (com.acme.bench.scale.ResearchLoad)", rules());
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-Dscale.payload=" + payloadScale));
        jvm.addAll(env.jvmArgs(Variant.AGENTDBG, config, "none"));
        List<String> cmd = Child.command(jvm, benchJar.toString(), ResearchLoad.class.getName(),
                List.of("--spans", String.valueOf(spans), "--threads", String.valueOf(threads), "--rate",
                        String.valueOf(rate)));
        System.out.println("==== Generating the trace: " + String.format(Locale.ROOT, "%,d", spans)
                + " instrumented calls of com.acme.bench.scale.ResearchLoad under agentdbg");
        System.out.println("  " + String.join(" ", cmd));
        Path log = env.targetDir.resolve("scale-logs").resolve("generate.log");
        long t0 = System.nanoTime();
        int exit = runWithProgress(cmd, log, dir);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String out;
        try {
            out = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        Matcher m = APP.matcher(out);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("the load app failed (exit " + exit + "):\n" + Child.tail(out, 4000));
        }
        List<Path> files = TraceFiles.jsonl(dir);
        TraceFiles.FinalStats s = TraceFiles.newestFinal(dir).orElseThrow(() -> new IllegalStateException(
                "the trace in " + dir + " has no final stats record (output in " + log + ")"));
        if (files.size() != 1) {
            throw new IllegalStateException("expected one trace file in " + dir + ", found " + files);
        }
        long produced = Long.parseLong(m.group(1));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("tool", "agentdbg-benchmarks scale (generation)");
        info.put("at", Instant.now().toString());
        info.put("requestedSpans", spans);
        info.put("payloadScale", payloadScale);
        info.put("threads", threads);
        info.put("ratePerSec", rate);
        info.put("produced", produced);
        info.put("spans", s.spans());
        info.put("dropped", s.dropped());
        info.put("internalErrors", s.internalErrors());
        info.put("writtenPlusDroppedEqualsProduced", s.spans() + s.dropped() == produced);
        info.put("runs", Long.parseLong(m.group(2)));
        info.put("failedRuns", Long.parseLong(m.group(3)));
        info.put("bytes", size(s.file()));
        info.put("generationSeconds", Math.round(seconds * 10) / 10.0);
        info.put("appCallsPerSec", Double.parseDouble(m.group(5)));
        info.put("command", String.join(" ", cmd));
        Json.writeFile(dir.resolve(INFO), info);
        return new Generated(s.file(), s.spans(), s.dropped(), produced, size(s.file()), s.internalErrors(),
                Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), seconds, false, info);
    }

    /** Runs the load app, printing the trace's growth every ten seconds (generation takes minutes). */
    private static int runWithProgress(List<String> cmd, Path log, Path dir) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            long t0 = System.nanoTime();
            while (!p.waitFor(10, TimeUnit.SECONDS)) {
                System.out.println(String.format(Locale.ROOT, "  ... %.0f s: %s written", (System.nanoTime() - t0) / 1e9,
                        TraceFiles.humanBytes(TraceFiles.sizeOf(dir))));
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(60)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the load app ran for an hour; stopped (output in " + log + ")");
                }
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Deletes what an earlier generation left (trace files and generation.json), so one trace is kept. */
    private static void clearDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }
}
