package com.acme.it.reliability;

import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyzer jar on input too big for its heap, and in a narrow terminal: one clear line and exit code 2 instead
 * of a stack trace, an option that really bounds memory, and output that fits {@code COLUMNS}.
 */
class AnalyzerHostileInputIT {

    private static final long T0 = 1_795_307_412_345_678_000L;

    @Test
    void theTimelineStaysBoundedAndRunningOutOfHeapIsOneLineNamingTheOptionAndExitCode2(@TempDir Path dir)
            throws Exception {
        Path trace = writeManySpans(dir.resolve("big.jsonl"), 250_000);

        // The default timeline shows the first, slowest and failing traces and counts the rest: it fits a tiny heap.
        ChildJvm.Result bounded = new ChildJvm(Jdks.current()).jvmArg("-Xmx16m")
                .jar(ChildJvm.analyzerJar(), "summary", trace.toString()).run(dir.resolve("analyzer-bounded"));
        assertEquals(0, bounded.exitCode(), bounded.stderr());
        assertTrue(bounded.stdout().contains("Spans by kind (250000 spans, 0 failed)"), bounded.stdout());
        assertTrue(bounded.stdout().contains("Timeline (55 of 2500 traces: the first 50, the 5 slowest, the first 10"
                + " failing;"), bounded.stdout());
        assertTrue(bounded.stdout().contains("... 2445 more trace(s) (raise --max-traces)"), bounded.stdout());

        // Asking for every trace keeps every span: in the same heap that runs out, and says so in one line.
        ChildJvm.Result result = new ChildJvm(Jdks.current()).jvmArg("-Xmx16m")
                .jar(ChildJvm.analyzerJar(), "summary", trace.toString(), "--max-traces", "0")
                .run(dir.resolve("analyzer"));
        assertEquals(2, result.exitCode(), result.stderr());
        String err = result.stderr().strip();
        assertFalse(err.contains("\tat "), "no stack trace:\n" + err);
        assertFalse(err.contains("Exception in thread"), err);
        assertEquals(1, err.lines().count(), "one line:\n" + err);
        assertTrue(err.startsWith("agentdbg-analyzer summary: out of memory: the Java heap ("), err);
        assertTrue(err.contains("--max-traces 0") && err.contains("-Xmx"), err);
    }

    @Test
    void theReportFitsColumnsAndWideShortensNothing(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("long-names.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(trace, StandardCharsets.UTF_8)) {
            out.write(runRecord());
            out.write("{\"type\":\"method\",\"id\":1,\"class\":\"com.acme.research.orchestration.agents.planning"
                    + ".HierarchicalResearchPlannerAgent\",\"method\":\"runWithRetriesAndFallbacks\","
                    + "\"kind\":\"agent\","
                    + "\"component\":\"hierarchical-research-planner-with-fallbacks\",\"rule\":\"planner\"}\n");
            out.write(span(1, 1, 0, 1_000_000));
        }
        ChildJvm.Result narrow = new ChildJvm(Jdks.current()).env("COLUMNS", "80")
                .jar(ChildJvm.analyzerJar(), "summary", trace.toString()).run(dir.resolve("narrow"));
        assertEquals(0, narrow.exitCode(), narrow.stderr());
        for (String line : narrow.stdout().split("\n")) {
            assertTrue(line.length() <= 80, "a line of " + line.length() + " columns:\n" + line);
        }
        assertTrue(narrow.stdout().contains("…"), narrow.stdout());

        ChildJvm.Result wide = new ChildJvm(Jdks.current()).env("COLUMNS", "80")
                .jar(ChildJvm.analyzerJar(), "summary", trace.toString(), "--wide").run(dir.resolve("wide"));
        assertEquals(0, wide.exitCode(), wide.stderr());
        assertTrue(wide.stdout().lines().anyMatch(l -> l.length() > 80), wide.stdout());
        assertTrue(wide.stdout().contains("HierarchicalResearchPlannerAgent.runWithRetriesAndFallbacks"),
                wide.stdout());
    }

    /** One method and {@code spans} spans in traces of 100, the slowest last. */
    private static Path writeManySpans(Path file, int spans) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(runRecord());
            out.write("{\"type\":\"method\",\"id\":1,\"class\":\"com.acme.Tool\",\"method\":\"run\",\"kind\":\"tool\","
                    + "\"component\":\"tool\",\"rule\":\"tools\"}\n");
            for (int i = 0; i < spans; i++) {
                out.write(span(i / 100 + 1, i + 1, i * 2_000L, 1_000 + i / 100));
            }
        }
        return file;
    }

    private static String runRecord() {
        return "{\"type\":\"run\",\"schema\":1,\"runId\":\"20261122-003012-9999-a0a0\",\"part\":0,"
                + "\"start\":\"2026-11-22T00:30:12.345678Z\",\"startNanos\":" + T0 + "}\n";
    }

    private static String span(int trace, long span, long startOffset, long dur) {
        return String.format("{\"type\":\"span\",\"trace\":\"%032x\",\"span\":\"%016x\",\"method\":1,"
                + "\"thread\":\"main\",\"threadId\":1,\"start\":%d,\"dur\":%d,\"status\":\"ok\"}%n", trace, span,
                T0 + startOffset, dur);
    }
}
