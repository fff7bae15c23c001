package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports stream: a run whose spans would take several times the heap if they were held is exported whole, in
 * every format, by an analyzer JVM with a small heap.
 */
class ExportMemoryTest {

    /** Traces of a root agent span, an LLM call and a tool call handed to a pool thread. */
    private static final int TRACES = 50_000;
    private static final int HEAP_MB = 32;

    @TempDir
    Path dir;

    @Test
    void twoHundredThousandSpansExportInA32MbHeap() throws Exception {
        Path trace = dir.resolve("20261122-003012-4242-a1b2.jsonl");
        long t0 = 1_795_307_412_345_678_000L;
        try (BufferedWriter w = Files.newBufferedWriter(trace, StandardCharsets.UTF_8)) {
            w.write(Traces.sampleLines().get(0));
            w.write("\n{\"type\":\"method\",\"id\":1,\"class\":\"com.acme.Agent\",\"method\":\"run\",\"kind\":\"agent\","
                    + "\"component\":\"agent\"}\n{\"type\":\"method\",\"id\":2,\"class\":\"com.acme.Llm\",\"method\":"
                    + "\"complete\",\"kind\":\"llm\",\"component\":\"openai\"}\n{\"type\":\"method\",\"id\":3,"
                    + "\"class\":\"com.acme.Tool\",\"method\":\"run\",\"kind\":\"tool\",\"component\":\"calc\"}\n");
            for (int i = 0; i < TRACES; i++) {
                String traceId = String.format("%032x", i + 1L);
                String root = String.format("%016x", 4L * i + 1);
                long start = t0 + i * 1_000_000L;
                w.write(call("start", traceId, root, null, 1, "main", 1, start, false, -1));
                w.write(call("span", traceId, String.format("%016x", 4L * i + 2), root, 2, "main", 1,
                        start + 10_000, false, 300_000));
                w.write(call("start", traceId, String.format("%016x", 4L * i + 3), root, 3, "pool-1", 22,
                        start + 400_000, true, -1));
                w.write(call("span", traceId, String.format("%016x", 4L * i + 3), root, 3, "pool-1", 22,
                        start + 400_000, true, 200_000));
                w.write(call("span", traceId, String.format("%016x", 4L * i + 4), root, 3, "main", 1,
                        start + 700_000, false, 100_000));
                w.write(call("span", traceId, root, null, 1, "main", 1, start, false, 900_000));
            }
        }
        int spans = 4 * TRACES;
        for (String format : new String[] {"otlp-json", "chrome"}) {
            Path out = dir.resolve("out." + format);
            Process p = childAnalyzer(List.of("export", trace.toString(), "--format", format, "-o", out.toString()));
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), format + ":\n" + err);
            assertTrue(err.startsWith("exported " + spans + " span(s)"), err);
            assertTrue(!err.contains("note:"), "every arrow drawn: " + err);
            assertTrue(Files.size(out) > 2L * HEAP_MB * 1024 * 1024, "the export alone is larger than the heap");
            Files.delete(out);
        }
    }

    private static String call(String type, String trace, String span, String parent, int method, String thread,
                               long threadId, long start, boolean async, long dur) {
        return "{\"type\":\"" + type + "\",\"trace\":\"" + trace + "\",\"span\":\"" + span + "\""
                + (parent == null ? "" : ",\"parent\":\"" + parent + "\"") + ",\"method\":" + method
                + (async ? ",\"async\":true" : "") + ",\"thread\":\"" + thread + "\",\"threadId\":" + threadId
                + ",\"start\":" + start + (dur < 0 ? "" : ",\"dur\":" + dur + ",\"status\":\"ok\"")
                + (method == 2 && dur >= 0 ? ",\"attrs\":{\"gen_ai.request.model\":\"gpt-4o\","
                        + "\"gen_ai.usage.input_tokens\":120,\"gen_ai.usage.output_tokens\":40}" : "")
                + "}\n";
    }

    private static Process childAnalyzer(List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + HEAP_MB + "m",
                "-Dagentdbg.analyzer.readThreads=1", "-cp", System.getProperty("java.class.path"),
                AnalyzerMain.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
