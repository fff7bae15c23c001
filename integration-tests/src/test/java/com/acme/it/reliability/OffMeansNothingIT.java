package com.acme.it.reliability;

import com.acme.it.apps.PlainApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Off is fully off: a disabled agent (from any configuration source) only reads its configuration
 * and returns, and a run that traced nothing leaves nothing on disk.
 */
class OffMeansNothingIT {
    private static final String RULES = String.join("\n",
            "agentdbg.rule.agents.match=com.acme.it.apps.*Agent#run*",
            "agentdbg.rule.agents.kind=agent",
            "agentdbg.rule.llm.match=com.acme.it.apps.ChatClient#complete",
            "agentdbg.rule.llm.kind=llm", "");
    private static final String CDS_WARNING = "Sharing is only supported for boot loader classes";

    @ParameterizedTest
    @ValueSource(strings = {"agent argument", "system property", "environment", "file"})
    void disabledFromAnySourceLoadsNothingPrintsNoCdsLineAndWritesNothing(String source, @TempDir Path dir)
            throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, RULES + ("file".equals(source) ? "agentdbg.enabled=false\n" : ""));
        Path classLog = dir.resolve("classes.txt");
        ChildJvm child = new ChildJvm(Jdks.current()).workDir(work)
                .jvmArg("-Xlog:class+load=info:file=" + classLog).main(PlainApp.class);
        switch (source) {
            case "agent argument" -> child.agent("config=" + config + ",enabled=false");
            case "system property" -> child.agent("config=" + config).jvmArg("-Dagentdbg.enabled=false");
            case "environment" -> child.agent("config=" + config).env("AGENTDBG_ENABLED", "false");
            default -> child.agent("config=" + config);
        }
        ChildJvm.Result off = child.run(dir.resolve("off")).assertSuccess();
        ChildJvm.Result without = new ChildJvm(Jdks.current()).workDir(work).main(PlainApp.class)
                .run(dir.resolve("without")).assertSuccess();

        assertFalse(off.stderr().contains(CDS_WARNING), "the jar is not appended to the boot class path: " + off.stderr());
        assertEquals(without.stdout(), off.stdout(), "the application's output is unchanged");
        List<String> agentLines = off.stderr().lines().filter(l -> l.startsWith("[agentdbg]")).toList();
        assertEquals(1, agentLines.size(), off.stderr());
        assertTrue(agentLines.get(0).startsWith("[agentdbg] disabled"), off.stderr());
        assertEquals(without.stderr(), off.stderr().lines().filter(l -> !l.startsWith("[agentdbg]"))
                .map(l -> l + System.lineSeparator()).reduce("", String::concat));
        assertEquals(List.of(), contents(work), "nothing is created");

        List<String> agentClasses = Files.readAllLines(classLog).stream()
                .filter(l -> l.contains(" dev.agentdbg.")).toList();
        assertTrue(agentClasses.stream().allMatch(l -> l.contains("dev.agentdbg.agent.Premain ")
                        || l.contains("dev.agentdbg.agent.OffSwitch ")),
                "only the shim is loaded: " + String.join("\n", agentClasses));
    }

    @Test
    void rulesThatMatchNothingWriteNothingAndNameTheRulesOnce(@TempDir Path dir) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, "agentdbg.rule.ghost.match=com.acme.nowhere.**\nagentdbg.rule.ghost.kind=tool\n"
                + "agentdbg.rule.phantom.subtypeOf=com.acme.nowhere.Tool\nagentdbg.rule.phantom.kind=tool\n");
        ChildJvm.Result result = new ChildJvm(Jdks.current()).workDir(work).agent("config=" + config)
                .main(PlainApp.class).run(dir.resolve("out")).assertSuccess();

        assertTrue(result.stdout().contains("plain app done"), result.stdout());
        assertEquals(List.of(), contents(work), "no directory, no file");
        List<String> naming = result.stderr().lines()
                .filter(l -> l.startsWith("[agentdbg]") && l.contains("ghost")).toList();
        assertEquals(1, naming.size(), result.stderr());
        assertTrue(naming.get(0).contains("phantom"), naming.get(0));
        assertFalse(result.stderr().contains("Exception"), result.stderr());
    }

    @Test
    void noRulesAtAllCreatesNoDefaultDirectory(@TempDir Path dir) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        ChildJvm.Result result = new ChildJvm(Jdks.current()).workDir(work).agent(null)
                .main(PlainApp.class).run(dir.resolve("out")).assertSuccess();
        assertTrue(result.stdout().contains("plain app done"), result.stdout());
        assertTrue(result.stderr().contains("no rules configured"), result.stderr());
        assertEquals(List.of(), contents(work), "no ./agentdbg-traces");
    }

    @Test
    void whenSomethingWasTracedTheUnmatchedRulesStillReachTheTrace(@TempDir Path dir) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, RULES + "agentdbg.rule.ghost.match=com.acme.nowhere.**\nagentdbg.rule.ghost.kind=tool\n");
        ChildJvm.Result result = new ChildJvm(Jdks.current()).workDir(work).agent("config=" + config)
                .main(PlainApp.class).run(dir.resolve("out")).assertSuccess();
        String announced = result.stderr().lines().filter(l -> l.startsWith("[agentdbg] recording to")).findFirst()
                .orElseThrow(() -> new AssertionError(result.stderr()));

        Trace trace = Trace.readSingleRun(work.resolve("agentdbg-traces"));
        assertTrue(announced.contains(trace.files.get(0).getFileName().toString()), announced + " vs " + trace.files);
        assertEquals(List.of("ghost"), Trace.texts(trace.finalStats().get("unmatchedRules")));
        assertTrue(trace.runs.get(0).get("rules").toString().contains("ghost"));
        assertEquals(3, trace.spansOf("ResearchAgent#runTask").size());
    }

    private static List<String> contents(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
