package com.acme.it.reliability;

import com.acme.it.apps.springai.SpringAiApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyzer jar on a trace the real agent wrote with {@code agentdbg.presets=spring-ai}: the preset's methods
 * that never ran are one line, not one row each, and the report fits the terminal.
 */
class AnalyzerOnAgentTraceIT {

    @Test
    void presetMethodsNeverCalledAreFoldedAndTheReportFits(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, "agentdbg.output.dir=" + traces + "\nagentdbg.presets=spring-ai\n");
        new ChildJvm(Jdks.current()).agent("config=" + config).main(SpringAiApp.class).run(dir).assertSuccess();

        for (int columns : new int[] {80, 120}) {
            ChildJvm.Result summary = new ChildJvm(Jdks.current()).env("COLUMNS", String.valueOf(columns))
                    .jar(ChildJvm.analyzerJar(), "summary", traces.toString()).run(dir.resolve("summary-" + columns));
            assertEquals(0, summary.exitCode(), summary.stderr());
            String out = summary.stdout();
            for (String line : out.split("\n")) {
                assertTrue(line.length() <= columns, "a line of " + line.length() + " columns:\n" + line + "\n" + out);
            }
            int from = out.indexOf("Instrumented but never called (");
            assertTrue(from >= 0, "the ChatClient's other methods never ran:\n" + out);
            int end = out.indexOf("\n\n", from);
            String section = out.substring(from, end < 0 ? out.length() : end);
            assertTrue(section.contains("  spring-ai preset: "), section);
            assertTrue(section.contains(" never called ("), section);
            assertEquals(2, section.lines().count(), "the title and one line for the preset:\n" + section);
        }
    }
}
