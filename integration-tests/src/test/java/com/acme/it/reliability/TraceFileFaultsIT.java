package com.acme.it.reliability;

import com.acme.it.apps.PhasedApp;
import com.acme.it.apps.RulesApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trace files under real faults: a full file system, a file-size limit, a trace file deleted while
 * the JVM runs, and configuration or output paths that are not what they should be.
 */
class TraceFileFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough agent tasks to write about a megabyte of trace. */
    private static final String MANY_TASKS = "300";

    @Test
    void aFullFileSystemLeavesOnlyCompleteLines(@TempDir Path dir) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-fs"));
        Process mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean ok = mounted.waitFor(30, TimeUnit.SECONDS) && mounted.exitValue() == 0;
        Assumptions.assumeTrue(ok, () -> "cannot mount a small tmpfs here (needs root and mount rights): "
                + new String(readAll(mounted), StandardCharsets.UTF_8) + "; the file-size-limit test covers the cut-back");
        try {
            Path traces = mount.resolve("traces");
            Path config = Configs.sampleAgent(dir, traces);
            Path go = Files.writeString(dir.resolve("go"), "");
            ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                    .main(PhasedApp.class, MANY_TASKS, "0", go.toString()).run(dir.resolve("out")).assertSuccess();
            assertTrue(result.stdout().contains("phase 2 done"), "the application ran to its end");
            assertOneWriteFailure(result.stderr(), "No space left on device");
            assertCompleteLinesOnly(traces);
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFileSizeLimitLeavesOnlyCompleteLines(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.sampleAgent(dir, traces);
        Path go = Files.writeString(dir.resolve("go"), "");
        List<String> java = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(PhasedApp.class, MANY_TASKS, "0", go.toString()).command();
        // RLIMIT_FSIZE of 96 KiB for the child JVM only; the JVM ignores SIGXFSZ, so write() fails with EFBIG.
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f 96 && exec \"$@\"", "bash"));
        command.addAll(java);
        Path out = Files.createDirectories(dir.resolve("out"));
        Process p = new ProcessBuilder(command).redirectOutput(out.resolve("stdout.txt").toFile())
                .redirectError(out.resolve("stderr.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM exits");
        String stdout = Files.readString(out.resolve("stdout.txt"));
        String stderr = Files.readString(out.resolve("stderr.txt"));
        assertEquals(0, p.exitValue(), stdout + stderr);
        assertTrue(stdout.contains("phase 2 done"), "the application ran to its end");
        assertOneWriteFailure(stderr, "File too large");
        assertCompleteLinesOnly(traces);
    }

    @Test
    void aTraceFileDeletedWhileTheJvmRunsIsReportedOnceAndANewPartStarts(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.sampleAgent(dir, traces, "agentdbg.flush.interval.ms=50");
        Path go = dir.resolve("go");
        Path out = dir.resolve("out");
        Process process = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(PhasedApp.class, "3", "2", go.toString()).start(out);
        Path first;
        try {
            first = waitForRunTaskSpans(traces, 3, process, out);
            Files.delete(first);
            Files.writeString(go, "");
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM exits");
        } finally {
            process.destroyForcibly();
        }
        String stdout = Files.readString(out.resolve("stdout.txt"));
        String stderr = Files.readString(out.resolve("stderr.txt"));
        assertEquals(0, process.exitValue(), stdout + stderr);
        assertTrue(stdout.contains("phase 2 done"));
        List<String> said = stderr.lines().filter(l -> l.contains("deleted")).toList();
        assertEquals(1, said.size(), stderr);
        assertTrue(said.get(0).startsWith("[agentdbg] trace file " + first), said.get(0));

        Trace trace = Trace.readSingleRun(traces);
        assertEquals(1, trace.files.size(), trace.files.toString());
        String runId = first.getFileName().toString().replace(".jsonl", "");
        assertEquals(runId + ".1.jsonl", trace.files.get(0).getFileName().toString(), "the next part");
        assertTrue(said.get(0).contains(trace.files.get(0).toString()), "the message names the new part: " + said.get(0));
        JsonNode head = trace.records.get(0);
        assertEquals("run", head.get("type").asText());
        assertEquals(1, head.get("part").asInt());
        assertEquals(runId, head.get("runId").asText());
        Set<Integer> methodsSoFar = new HashSet<>();
        for (JsonNode record : trace.records) {
            switch (record.get("type").asText()) {
                case "method" -> methodsSoFar.add(record.get("id").asInt());
                case "span", "start" -> assertTrue(methodsSoFar.contains(record.get("method").asInt()),
                        "the method record comes before " + record);
                default -> { }
            }
        }
        assertEquals(2, trace.spansOf("ResearchAgent#runTask").size(), "everything after the deletion is kept");
        JsonNode stats = trace.finalStats();
        assertEquals(0, stats.get("dropped").asInt());
        assertEquals(2, stats.get("files").asInt());

        ChildJvm.Result summary = new ChildJvm(Jdks.current())
                .jar(ChildJvm.analyzerJar(), "summary", traces.toString()).run(dir.resolve("analyzer"));
        assertEquals(0, summary.exitCode(), summary.stderr() + summary.stdout());
        assertTrue(summary.stdout().contains("ResearchAgent.runTask"), summary.stdout());
    }

    @Test
    void aDirectoryGivenAsTheConfigFileIsReportedAsADirectory(@TempDir Path dir) throws Exception {
        Path notAFile = Files.createDirectories(dir.resolve("agentdbg.properties"));
        ChildJvm.Result result = new ChildJvm(Jdks.current()).workDir(dir)
                .agent("config=" + notAFile + ",output.dir=" + dir.resolve("traces"))
                .main(RulesApp.class).run(dir.resolve("out")).assertSuccess();
        assertTrue(result.stdout().contains("rules app done"));
        List<String> lines = result.stderr().lines().filter(l -> l.contains(notAFile.toString())).toList();
        assertEquals(1, lines.size(), result.stderr());
        assertTrue(lines.get(0).contains("is a directory"), lines.get(0));
        assertFalse(lines.get(0).contains("not found"), lines.get(0));
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedIsReportedOnceWithItsCause(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("in-the-way"), "a file");
        Path config = Configs.sampleAgent(dir, blocker.resolve("traces"));
        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(RulesApp.class).run(dir.resolve("out")).assertSuccess();
        assertTrue(result.stdout().contains("rules app done"));
        List<String> lines = result.stderr().lines().filter(l -> l.contains("cannot write trace files")).toList();
        assertEquals(1, lines.size(), result.stderr());
        assertTrue(lines.get(0).contains(blocker + " is not a directory"), lines.get(0));
        assertFalse(result.stderr().contains("recording to"), "no promise of a file: " + result.stderr());
    }

    @Test
    void anUnreadableTraceIsReportedAsPermissionDenied(@TempDir Path dir) throws Exception {
        // Root reads any file, so as root the analyzer runs as "nobody" (setpriv); as any other user, directly.
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(!root || Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "running as root without setpriv: cannot drop the right to read any file");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path traces = Files.createDirectories(dir.resolve("traces"));
        Path locked = traces.resolve("20261122-003012-4242-a1b2.jsonl");
        Files.writeString(locked, "{\"type\":\"run\",\"schema\":1,\"runId\":\"20261122-003012-4242-a1b2\"}\n");
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(traces, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(new ChildJvm(Jdks.current()).jvmArg("-XX:-UsePerfData")
                .jar(ChildJvm.analyzerJar(), "summary", traces.toString()).command());
        Path out = Files.createDirectories(dir.resolve("out"));
        Process p = new ProcessBuilder(command).redirectOutput(out.resolve("stdout.txt").toFile())
                .redirectError(out.resolve("stderr.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the analyzer exits");
        String all = Files.readString(out.resolve("stdout.txt")) + Files.readString(out.resolve("stderr.txt"));
        assertEquals(2, p.exitValue(), all);
        assertTrue(all.contains("cannot read " + locked + ": permission denied"), all);
        assertFalse(all.contains("\tat "), all);
    }

    /** One clear line for the write failure, naming the OS's reason; no stack trace. */
    private static void assertOneWriteFailure(String stderr, String reason) {
        List<String> failures = stderr.lines().filter(l -> l.startsWith("[agentdbg] cannot write")).toList();
        assertEquals(1, failures.size(), stderr);
        assertTrue(failures.get(0).contains(reason), failures.get(0));
        assertFalse(stderr.contains("\tat "), stderr);
    }

    /** Every file is non-empty, ends with a newline, and every line parses. */
    private static void assertCompleteLinesOnly(Path traces) throws IOException {
        Trace trace = Trace.readSingleRun(traces); // fails on any line that does not parse
        for (Path f : trace.files) {
            byte[] bytes = Files.readAllBytes(f);
            assertTrue(bytes.length > 0, f + " is empty");
            assertEquals('\n', bytes[bytes.length - 1], f + " ends with a complete line");
        }
        assertFalse(trace.spans.isEmpty(), "spans before the fault are kept");
    }

    private static Path waitForRunTaskSpans(Path traces, int count, Process process, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            assertTrue(process.isAlive(), () -> "the app died: " + read(out.resolve("stderr.txt")));
            assertTrue(System.nanoTime() < deadline, "phase 1 never reached the file");
            List<Path> files = jsonl(traces);
            if (files.size() == 1 && runTaskSpans(files.get(0)) >= count) {
                return files.get(0);
            }
            Thread.sleep(20);
        }
    }

    private static int runTaskSpans(Path file) throws IOException {
        int runTask = -1;
        int spans = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode r;
            try {
                r = JSON.readTree(line);
            } catch (IOException e) {
                continue; // a line still being written
            }
            if ("method".equals(r.path("type").asText()) && "runTask".equals(r.path("method").asText())) {
                runTask = r.get("id").asInt();
            } else if ("span".equals(r.path("type").asText()) && r.path("method").asInt() == runTask) {
                spans++;
            }
        }
        return spans;
    }

    private static List<Path> jsonl(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
