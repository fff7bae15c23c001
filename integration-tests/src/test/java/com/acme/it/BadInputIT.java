package com.acme.it;

import com.acme.it.apps.RulesApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad configuration never stops the application; each problem is one clear line on stderr. */
class BadInputIT {
    @Test
    void badKeysGlobsAndKindsAreReportedAndTheAppRuns(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.sampleAgent(dir, traces,
                "agentdbg.bufer.size=1024",
                "agentdbg.rule.broken.match=com.acme.[it#run",
                "agentdbg.rule.broken.kind=agent",
                "agentdbg.rule.wrongkind.match=com.acme.it.apps.Helper",
                "agentdbg.rule.wrongkind.kind=tol",
                "agentdbg.rule.tools.kidn=tool",
                "agentdbg.flush.interval.ms=soon");
        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(RulesApp.class).run(dir).assertSuccess();

        String err = result.stderr();
        assertTrue(result.stdout().contains("rules app done"));
        assertTrue(err.contains("[agentdbg] unknown configuration key 'agentdbg.bufer.size' (agentdbg.properties)"
                + " (did you mean 'agentdbg.buffer.size'?); ignored"), err);
        assertTrue(err.contains("[agentdbg] rule 'broken' match 'com.acme.[it#run': class part has an unexpected "
                + "character '[' at position 10"), err);
        assertTrue(err.contains("[agentdbg] rule 'wrongkind' has kind 'tol', which is not one of agent, llm, tool,"), err);
        assertTrue(err.contains("(did you mean 'agentdbg.rule.tools.kind'?)"), err);
        assertTrue(err.contains("agentdbg.flush.interval.ms='soon' (agentdbg.properties) is not a whole number; "
                + "using the default 200"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);

        // The valid rules still work, and the warnings are in the trace for later readers.
        Trace trace = Trace.readSingleRun(traces);
        assertEquals(2, trace.spansOf("ResearchAgent#runTask").size());
        assertEquals(5, trace.runs.get(0).get("warnings").size(), trace.runs.get(0).get("warnings").toString());
    }

    @Test
    void badCaptureSettingsPathsPricesAndPresetsAreReportedAndTheAppRuns(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.sampleAgent(dir, traces,
                "agentdbg.capture.maxDepth=deep",
                "agentdbg.presets=langchain4j,openai_java",
                "agentdbg.price.gpt-4o=cheap",
                "agentdbg.rule.llmpath.match=com.acme.it.apps.Helper",
                "agentdbg.rule.llmpath.kind=llm",
                "agentdbg.rule.llmpath.attr.gen_ai.request.model=request.model",
                "agentdbg.rule.callback.subtypeOf=com.acme.it.apps.Tool",
                "agentdbg.rule.callback.kind=callback");
        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(RulesApp.class).run(dir).assertSuccess();

        String err = result.stderr();
        assertTrue(result.stdout().contains("rules app done"));
        assertTrue(err.contains("[agentdbg] configuration value agentdbg.capture.maxDepth='deep' (agentdbg.properties) "
                + "is not a whole number; using the default 8"), err);
        assertTrue(err.contains("[agentdbg] unknown preset 'openai_java' in agentdbg.presets (did you mean 'openai-java'?)"), err);
        assertTrue(err.contains("[agentdbg] price agentdbg.price.gpt-4o='cheap' is not <input>,<cached input>,<output>"), err);
        assertTrue(err.contains("[agentdbg] rule 'llmpath' attribute path 'request.model' must start with args[<n>], "
                + "result or this"), err);
        assertTrue(err.contains("[agentdbg] rule 'callback' has kind callback but no outcome"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);

        Trace trace = Trace.readSingleRun(traces);
        assertEquals(2, trace.spansOf("ResearchAgent#runTask").size(), "the valid rules still work");
        assertEquals(0, trace.finalStats().get("internalErrors").asLong());
    }

    @Test
    void missingConfigFileIsReported(@TempDir Path dir) throws Exception {
        ChildJvm.Result result = new ChildJvm(Jdks.current())
                .agent("config=" + dir.resolve("nope.properties") + ",output.dir=" + dir.resolve("traces"))
                .main(RulesApp.class).run(dir).assertSuccess();
        assertTrue(result.stderr().contains("[agentdbg] configuration file " + dir.resolve("nope.properties")
                + " not found"), result.stderr());
        assertTrue(result.stderr().contains("no rules configured"), result.stderr());
        assertTrue(result.stdout().contains("rules app done"));
    }

    @Test
    void unwritableOutputDirectoryIsReportedAndTheAppRuns(@TempDir Path dir) throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "in the way");
        Path config = Configs.sampleAgent(dir, notADirectory.resolve("traces"));
        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(RulesApp.class).run(dir).assertSuccess();
        assertTrue(result.stdout().contains("rules app done"));
        assertTrue(result.stderr().contains("[agentdbg] cannot write trace files to " + notADirectory.resolve("traces")),
                result.stderr());
        assertTrue(result.stderr().contains("Tracing is off for the rest of this run; the application continues."));
        assertFalse(result.stderr().contains("\tat "), result.stderr());
    }

    @Test
    void precedenceIsArgumentsThenSystemPropertiesThenEnvironmentThenFile(@TempDir Path dir) throws Exception {
        Path fileDir = dir.resolve("from-file");
        Path envDir = dir.resolve("from-env");
        Path sysDir = dir.resolve("from-sysprop");
        Path argDir = dir.resolve("from-args");
        Path config = Configs.sampleAgent(dir, fileDir);

        new ChildJvm(Jdks.current()).agent("config=" + config).env("AGENTDBG_OUTPUT_DIR", envDir.toString())
                .main(RulesApp.class).run(dir.resolve("1")).assertSuccess();
        assertTrue(Files.isDirectory(envDir) && !Files.exists(fileDir), "environment beats the file");

        new ChildJvm(Jdks.current()).agent("config=" + config).env("AGENTDBG_OUTPUT_DIR", envDir.toString())
                .jvmArg("-Dagentdbg.output.dir=" + sysDir).main(RulesApp.class).run(dir.resolve("2")).assertSuccess();
        assertTrue(Files.isDirectory(sysDir), "system property beats the environment");

        new ChildJvm(Jdks.current()).agent("config=" + config + ",output.dir=" + argDir)
                .jvmArg("-Dagentdbg.output.dir=" + sysDir).main(RulesApp.class).run(dir.resolve("3")).assertSuccess();
        assertTrue(Files.isDirectory(argDir), "agent argument beats the system property");

        // The config file itself can come from the environment too.
        Path envConfigDir = dir.resolve("env-config");
        new ChildJvm(Jdks.current()).agent(null).env("AGENTDBG_CONFIG", config.toString())
                .env("AGENTDBG_OUTPUT_DIR", envConfigDir.toString())
                .main(RulesApp.class).run(dir.resolve("4")).assertSuccess();
        assertEquals(2, Trace.readSingleRun(envConfigDir).spansOf("ResearchAgent#runTask").size());
    }

    @Test
    void disabledMeansNothingIsInstrumented(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.sampleAgent(dir, traces, "agentdbg.enabled=false");
        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(RulesApp.class).run(dir).assertSuccess();
        assertTrue(result.stderr().contains("[agentdbg] disabled"), result.stderr());
        assertFalse(Files.exists(traces));
    }
}
