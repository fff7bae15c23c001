package dev.agentdbg.runtime.debug;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real JVM that ends while one of its threads is paused: it ends, and the thread is released. */
class ExitWhilePausedTest {
    private static String run(String how, int expectedExit) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ExitWhilePausedMain.class.getName(), how).redirectErrorStream(true).start();
        // Only so that a broken build fails instead of hanging; a passing run ends at once.
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the JVM did not end: " + out);
        assertEquals(expectedExit, p.exitValue(), out);
        return out;
    }

    @Test
    void systemExitReleasesThePausedThreadThroughTheShutdownHook() throws Exception {
        String out = run("exit", 3);
        assertTrue(out.contains("paused"), out);
        assertTrue(out.contains("the JVM is ending: 1 paused thread was released"), out);
    }

    @Test
    void aProgramWhoseMainReturnedEndsOnceNoPageReleasesItsPausedThread() throws Exception {
        List<String> lines = run("return", 0).lines().toList();
        assertTrue(lines.contains("released NO_PAGE"), lines.toString());
        assertTrue(lines.contains("ran on"), lines.toString());
    }
}
