package com.acme.it.reliability;

import com.acme.it.apps.LoadApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of {@link LoadApp} under the agent, and what the load tests check of it: the exit, the
 * output, and the trace's stats records (read alone: a load run writes millions of spans).
 */
final class LoadRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOAD_DONE = Pattern.compile("load done at (\\d+)");
    private static final Pattern PRODUCED = Pattern.compile("produced (\\d+)");

    final ChildJvm.Result result;
    /** Milliseconds from the end of the load to the end of the process. */
    final long exitMillis;
    final List<JsonNode> stats;

    private LoadRun(ChildJvm.Result result, long exitMillis, List<JsonNode> stats) {
        this.result = result;
        this.exitMillis = exitMillis;
        this.stats = stats;
    }

    /** Rules tracing LoadApp's agent, llm and tool methods (the llm and tool rules capture). */
    static Path config(Path dir, String... extra) throws IOException {
        Path config = dir.resolve("agentdbg.properties");
        List<String> lines = new ArrayList<>(List.of(
                "agentdbg.output.dir=" + dir.resolve("traces"),
                "agentdbg.rule.agent.match=com.acme.it.apps.LoadApp$Agent#step",
                "agentdbg.rule.agent.kind=agent",
                "agentdbg.rule.llm.match=com.acme.it.apps.LoadApp$Llm#complete",
                "agentdbg.rule.llm.kind=llm",
                "agentdbg.rule.tool.match=com.acme.it.apps.LoadApp$Tool#call",
                "agentdbg.rule.tool.kind=tool"));
        lines.addAll(List.of(extra));
        Files.writeString(config, String.join("\n", lines) + "\n");
        return config;
    }

    static LoadRun run(Path dir, Path java, Path config, String heap, String... appArgs) throws Exception {
        ChildJvm.Result result = new ChildJvm(java).jvmArg(heap).agent("config=" + config)
                .main(LoadApp.class, appArgs).run(dir.resolve("out"));
        long ended = System.currentTimeMillis();
        Matcher done = LOAD_DONE.matcher(result.stdout());
        assertTrue(done.find(), "the load never finished:\n" + result.stdout() + "\n" + result.stderr());
        return new LoadRun(result, ended - Long.parseLong(done.group(1)), readStats(dir.resolve("traces")));
    }

    /** The java of the child JVMs, and whether it has virtual threads (JDK 21+). */
    static boolean hasVirtualThreads(Path java) throws IOException {
        Path release = java.getParent().getParent().resolve("release");
        Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
        return m.find() && Integer.parseInt(m.group(1)) >= 21;
    }

    static Path java() {
        return Jdks.current();
    }

    long produced() {
        Matcher m = PRODUCED.matcher(result.stdout());
        assertTrue(m.find(), result.stdout());
        return Long.parseLong(m.group(1));
    }

    JsonNode finalStats() {
        assertFalse(stats.isEmpty(), "no stats record written\n" + result.stderr());
        JsonNode last = stats.get(stats.size() - 1);
        assertTrue(last.path("final").asBoolean(), "the last stats record is not final: " + last);
        return last;
    }

    /** What every load run must show: a healthy exit, an exact count, memory within the budget. */
    JsonNode assertHealthy(long maxExitMillis) {
        String output = result.stdout() + result.stderr();
        assertFalse(output.contains("OutOfMemoryError"), output);
        result.assertSuccess();
        assertTrue(exitMillis <= maxExitMillis, "the JVM took " + exitMillis + " ms to exit after the load\n"
                + result.stderr());
        JsonNode stats = finalStats();
        long spans = 3 * produced();
        assertEquals(spans, stats.path("spans").asLong() + stats.path("dropped").asLong(),
                "written + dropped = produced: " + stats);
        assertEquals(spans, stats.path("starts").asLong() + stats.path("droppedStarts").asLong(),
                "start records written + dropped = produced: " + stats);
        assertEquals(0, stats.path("internalErrors").asLong(), stats + "\n" + result.stderr());
        assertNotNull(stats.get("memoryMax"), "the budget is in the stats: " + stats);
        assertTrue(stats.path("memoryPeak").asLong() > 0, stats.toString());
        assertTrue(stats.path("memoryPeak").asLong() <= stats.path("memoryMax").asLong(),
                "reserved memory stays within the budget: " + stats);
        return stats;
    }

    private static List<JsonNode> readStats(Path traces) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(traces)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        List<JsonNode> stats = new ArrayList<>();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("{\"type\":\"stats\"")) {
                        stats.add(JSON.readTree(line));
                    }
                }
            }
        }
        // Parts sort as name.jsonl, name.1.jsonl, ...: the final record is the one marked final.
        stats.sort((a, b) -> Boolean.compare(a.path("final").asBoolean(), b.path("final").asBoolean()));
        return stats;
    }
}
