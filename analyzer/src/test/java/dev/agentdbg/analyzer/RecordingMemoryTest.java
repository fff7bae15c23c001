package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording whose bodies together are larger than the analyzer's heap is still planned and summarised: bodies are
 * never kept (and never built), only a few numbers per call.
 */
class RecordingMemoryTest {

    private static final int CALLS = 18;
    private static final int BODY = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void bodiesLargerThanTheHeapAreNotKept() throws Exception {
        Path file = dir.resolve(Recordings.RUN_ID + ".jsonl");
        String body = "y".repeat(BODY);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(Recordings.goldenLines().get(0));
            w.write('\n');
            for (int call = 1; call <= CALLS; call++) {
                w.write("{\"type\":\"exchange\",\"call\":" + call + ",\"span\":\"00000000000000a1\","
                        + "\"client\":\"java.net.http\",\"endpoint\":\"POST /v1/chat/completions\",\"request\":"
                        + "{\"method\":\"POST\",\"url\":\"http://127.0.0.1:1/v1/chat/completions\",\"headers\":{},"
                        + "\"body\":\"" + body + "\"},\"response\":{\"status\":200,\"headers\":{},\"headersAt\":1,"
                        + "\"chunks\":[{\"at\":2,\"text\":\"" + body + "\"}]},\"complete\":true}\n");
            }
        }
        assertTrue(Files.size(file) > 3L * heapMb() * 1024 * 1024, "the bodies are several heaps' worth");
        for (List<String> command : List.of(List.of("replay-plan", file.toString()),
                List.of("summary", file.toString()))) {
            Process p = childAnalyzer(command);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), command + ":\n" + err + out);
            assertTrue(out.contains(command.get(0).equals("summary") ? "recorded: " + CALLS + " LLM exchanges"
                    : "LLM calls by endpoint (" + CALLS + " recorded, " + CALLS + " served)"), out);
        }
    }

    private static int heapMb() {
        return 24;
    }

    private static Process childAnalyzer(List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx" + heapMb() + "m", "-cp",
                System.getProperty("java.class.path"), AnalyzerMain.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).start();
    }
}
