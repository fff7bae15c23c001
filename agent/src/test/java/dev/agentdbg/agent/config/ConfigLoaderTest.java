package dev.agentdbg.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @Test
    void agentArgumentsBeatSystemPropertiesBeatEnvironmentBeatFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agentdbg.properties");
        Files.writeString(file, "agentdbg.buffer.size=16\nagentdbg.flush.interval.ms=11\n"
                + "agentdbg.exception.frames=3\nagentdbg.verbose=true\n");
        Properties system = new Properties();
        system.setProperty("agentdbg.buffer.size", "64");
        system.setProperty("agentdbg.flush.interval.ms", "22");
        Map<String, String> env = Map.of("AGENTDBG_BUFFER_SIZE", "128", "AGENTDBG_FLUSH_INTERVAL_MS", "33",
                "AGENTDBG_EXCEPTION_FRAMES", "4", "PATH", "/bin");

        AgentConfig config = ConfigLoader.load("config=" + file + ",buffer.size=256", system, env);

        assertEquals(256, config.integer(ConfigKeys.BUFFER_SIZE, 16, 1 << 20), "argument");
        assertEquals(22, config.integer(ConfigKeys.FLUSH_INTERVAL_MS, 10, 1000), "system property");
        assertEquals(4, config.integer(ConfigKeys.EXCEPTION_FRAMES, 0, 100), "environment");
        assertTrue(config.bool(ConfigKeys.VERBOSE), "file");
        assertEquals("agent argument", config.origin(ConfigKeys.BUFFER_SIZE));
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
    }

    @Test
    void unknownKeysGetTheNearestValidKey() {
        Properties system = new Properties();
        system.setProperty("agentdbg.outptu.dir", "x");
        system.setProperty("agentdbg.rule.a.macth", "com.X");
        system.setProperty("agentdbg.something.else.entirely", "1");
        AgentConfig config = ConfigLoader.load("", system, Map.of("AGENTDBG_BUFER_SIZE", "1"));
        String all = String.join("\n", config.warnings());
        assertTrue(all.contains("'agentdbg.outptu.dir' (system property) (did you mean 'agentdbg.output.dir'?)"), all);
        assertTrue(all.contains("(did you mean 'agentdbg.rule.a.match'?)"), all);
        assertTrue(all.contains("unknown configuration key 'agentdbg.something.else.entirely' (system property); ignored"), all);
        assertTrue(all.contains("unknown environment variable AGENTDBG_BUFER_SIZE (did you mean AGENTDBG_BUFFER_SIZE?)"), all);
        assertEquals("./agentdbg-traces", config.string(ConfigKeys.OUTPUT_DIR), "the unknown key was dropped");
    }

    @Test
    void badValuesFallBackToDefaultsWithAWarning() {
        Properties system = new Properties();
        system.setProperty("agentdbg.buffer.size", "lots");
        system.setProperty("agentdbg.enabled", "maybe");
        system.setProperty("agentdbg.file.rotate.size", "12 parsecs");
        AgentConfig config = ConfigLoader.load(null, system, Map.of());
        assertEquals(65536, config.integer(ConfigKeys.BUFFER_SIZE, 16, 1 << 20));
        assertTrue(config.bool(ConfigKeys.ENABLED));
        assertEquals(100L * 1024 * 1024, config.size(ConfigKeys.FILE_ROTATE_SIZE, 1024));
        assertEquals(3, config.warnings().size(), config.warnings().toString());
    }

    @Test
    void sizesAcceptUnits() {
        assertEquals(100L * 1024 * 1024, AgentConfig.parseSize("100MB"));
        assertEquals(512L * 1024, AgentConfig.parseSize("512k"));
        assertEquals(1L << 30, AgentConfig.parseSize("1 GB"));
        assertEquals(4096, AgentConfig.parseSize("4096"));
    }

    @Test
    void environmentVariablesMapToRuleKeys() {
        assertEquals("agentdbg.rule.planner.match", ConfigLoader.envToKey("AGENTDBG_RULE_PLANNER_MATCH"));
        assertEquals("agentdbg.rule.tools.subtypeOf", ConfigLoader.envToKey("AGENTDBG_RULE_TOOLS_SUBTYPE_OF"));
        assertEquals("agentdbg.rule.tools.annotatedWith", ConfigLoader.envToKey("AGENTDBG_RULE_TOOLS_ANNOTATEDWITH"));
        assertEquals("agentdbg.output.dir", ConfigLoader.envToKey("AGENTDBG_OUTPUT_DIR"));
        assertEquals(null, ConfigLoader.envToKey("AGENTDBG_NOPE"));
    }

    @Test
    void environmentVariablesMapToBreakpoints() {
        assertEquals("agentdbg.break.search", ConfigLoader.envToKey("AGENTDBG_BREAK_SEARCH"));
        assertEquals("agentdbg.break.slow_llm.when", ConfigLoader.envToKey("AGENTDBG_BREAK_SLOW_LLM_WHEN"));
        assertEquals("agentdbg.break.llm.hit", ConfigLoader.envToKey("AGENTDBG_BREAK_LLM_HIT"));
        assertEquals("agentdbg.break.llm.at", ConfigLoader.envToKey("AGENTDBG_BREAK_LLM_AT"));
        AgentConfig config = ConfigLoader.load("", new Properties(),
                Map.of("AGENTDBG_BREAK_SEARCH", "tool:web_search", "AGENTDBG_BREAK_SEARCH_AT", "exit"));
        assertEquals(List.of(), config.warnings());
        assertEquals(Map.of("search", "tool:web_search", "search.at", "exit"), config.withPrefix("agentdbg.break."));
        assertEquals("environment", config.origin("agentdbg.break.search.at"));
    }

    @Test
    void missingOrBrokenFileIsAWarningNotAFailure(@TempDir Path dir) throws Exception {
        AgentConfig missing = ConfigLoader.load("config=" + dir.resolve("absent.properties"), new Properties(), Map.of());
        assertTrue(missing.warnings().get(0).contains("absent.properties not found"), missing.warnings().toString());

        Path broken = dir.resolve("broken.properties");
        Files.writeString(broken, "agentdbg.output.dir=\\uZZZZ\n");
        AgentConfig bad = ConfigLoader.load("config=" + broken, new Properties(), Map.of());
        assertTrue(bad.warnings().get(0).contains("could not be read"), bad.warnings().toString());

        AgentConfig args = ConfigLoader.load("justaword", new Properties(), Map.of());
        assertTrue(args.warnings().get(0).contains("agent argument 'justaword' is not key=value"));
        assertFalse(args.bool(ConfigKeys.VERBOSE));
    }

    @Test
    void suggestionsOnlyForPlausibleTypos() {
        assertEquals("agentdbg.buffer.size", Suggestions.nearest("agentdbg.bufer.size", ConfigKeys.names()));
        assertEquals(null, Suggestions.nearest("agentdbg.completely.unrelated.thing", ConfigKeys.names()));
    }

    @Test
    void captureKeysAttributePathsPricesAndPresetsAreRecognised() {
        Properties system = new Properties();
        system.setProperty("agentdbg.rule.llm.match", "com.acme.Client#complete");
        system.setProperty("agentdbg.rule.llm.kind", "llm");
        system.setProperty("agentdbg.rule.llm.capture.args", "0");
        system.setProperty("agentdbg.rule.llm.attr.gen_ai.request.model", "args[0].model");
        system.setProperty("agentdbg.price.gpt-4o-mini", "0.15,0.075,0.60");
        system.setProperty("agentdbg.capture.maxDepth", "4");
        system.setProperty("agentdbg.presets", "langchain4j, openai-jav");
        AgentConfig config = ConfigLoader.load("", system,
                Map.of("AGENTDBG_RULE_TOOLS_CAPTURE_TO_STRING", "true"));

        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
        assertEquals(Map.of("match", "com.acme.Client#complete", "kind", "llm", "capture.args", "0",
                "attr.gen_ai.request.model", "args[0].model"), config.rules().get("llm"));
        assertEquals("true", config.rules().get("tools").get("capture.toString"), "environment, longest attribute");
        assertEquals(Map.of("gpt-4o-mini", "0.15,0.075,0.60"), config.prices());
        assertEquals(4, config.integer(ConfigKeys.CAPTURE_MAX_DEPTH, 1, 64));

        List<dev.agentdbg.agent.rules.Rule> presetRules = dev.agentdbg.agent.presets.Presets.rules(config);
        String all = String.join("\n", config.warnings());
        assertTrue(all.contains("unknown preset 'openai-jav' in agentdbg.presets (did you mean 'openai-java'?)"), all);
        assertTrue(presetRules.stream().allMatch(r -> r.name().startsWith("langchain4j")), presetRules.toString());
    }
}
