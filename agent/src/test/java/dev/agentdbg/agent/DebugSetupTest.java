package dev.agentdbg.agent;

import dev.agentdbg.agent.config.AgentConfig;
import dev.agentdbg.agent.config.ConfigLoader;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.runtime.debug.BreakpointSpec;
import dev.agentdbg.runtime.debug.DebugSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The debugger's keys: defaults, switching on, breakpoints, and one clear line per bad value. */
class DebugSetupTest {
    private static final Set<String> RULES = Set.of("llm", "planner", "tools");

    private static AgentConfig config(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return ConfigLoader.load(null, p, Map.of());
    }

    @Test
    void offByDefaultWithTheDocumentedDefaults() {
        AgentConfig config = config();
        DebugSettings s = DebugSetup.settings(config, RULES);
        assertFalse(s.enabled());
        assertEquals(600_000, s.maxPauseMillis());
        assertEquals(30_000, s.releaseAfterMillis());
        assertTrue(s.bind().isLoopbackAddress());
        assertFalse(s.remoteBind());
        assertTrue(s.breakpoints().isEmpty());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
    }

    @Test
    void aPortAloneSwitchesItOnAndBreakpointsAreReadWithTheirOptions() {
        AgentConfig config = config("agentdbg.debug.port", "7777", "agentdbg.debug.maxPause", "2m",
                "agentdbg.debug.releaseAfter", "500ms",
                "agentdbg.break.first", "llm",
                "agentdbg.break.search", "tool:web_search", "agentdbg.break.search.at", "both",
                "agentdbg.break.search.hit", "3", "agentdbg.break.search.when", "args[0] contains Lisbon",
                "agentdbg.break.plans", "com.acme.*Planner#plan*");
        DebugSettings s = DebugSetup.settings(config, RULES);
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
        assertTrue(s.enabled());
        assertEquals(7777, s.port());
        assertEquals(120_000, s.maxPauseMillis());
        assertEquals(500, s.releaseAfterMillis());
        List<BreakpointSpec> b = s.breakpoints();
        assertEquals(List.of("first", "plans", "search"), b.stream().map(BreakpointSpec::name).toList());
        assertInstanceOf(BreakpointSpec.RuleTarget.class, b.get(0).target());
        assertEquals(PauseGate.AT_ENTER, b.get(0).at());
        assertEquals(0, b.get(0).hit());
        assertNull(b.get(0).when());
        BreakpointSpec search = b.get(2);
        assertEquals(PauseGate.AT_ENTER | PauseGate.AT_EXIT, search.at());
        assertEquals(3, search.hit());
        assertNotNull(search.when());
    }

    @Test
    void eachBadValueIsOneLineNamingTheKeyAndWhatHappensInstead() {
        AgentConfig config = config("agentdbg.debug", "yes please", "agentdbg.debug.port", "80000",
                "agentdbg.debug.maxPause", "forever", "agentdbg.debug.releaseAfter", "0s",
                "agentdbg.debug.bind", "debug.example.com",
                "agentdbg.break.a", "kind:llms",
                "agentdbg.break.b", "llm", "agentdbg.break.b.hit", "0",
                "agentdbg.break.c", "llm", "agentdbg.break.c.when", "args[0].model",
                "agentdbg.break.d", "llm", "agentdbg.break.d.at", "entry",
                "agentdbg.break.e", "plannr",
                "agentdbg.break.f.hit", "2",
                "agentdbg.break.g", "llm", "agentdbg.break.g.hti", "2");
        DebugSettings s = DebugSetup.settings(config, RULES);
        List<String> w = config.warnings();
        String all = String.join("\n", w);
        assertTrue(s.enabled(), "the port switched it on");
        assertEquals(0, s.port());
        assertEquals(600_000, s.maxPauseMillis());
        assertEquals(30_000, s.releaseAfterMillis());
        assertTrue(s.bind().isLoopbackAddress());
        assertEquals(List.of("e", "g"), s.breakpoints().stream().map(BreakpointSpec::name).toList());
        for (String expected : List.of(
                "configuration value agentdbg.debug='yes please' (system property) is not true or false; using the default false",
                "configuration value agentdbg.debug.port='80000' (system property) is not a port (0..65535, 0 = any free port); the debugger uses a free port",
                "configuration value agentdbg.debug.maxPause='forever' (system property) is not a duration (examples: 500ms, 2s); using the default 10m",
                "configuration value agentdbg.debug.releaseAfter='0s' (system property) must be longer than 0; using the default 30s",
                "configuration value agentdbg.debug.bind='debug.example.com' (system property) is not an IP address (examples: 127.0.0.1, 0.0.0.0, ::1); the debugger binds to 127.0.0.1",
                "configuration value agentdbg.break.a='kind:llms' (system property) names the unknown kind 'llms'; kinds are agent, llm, tool, retrieval, chain, custom; breakpoint a ignored",
                "configuration value agentdbg.break.b.hit='0' (system property) is not a call number (1 = the first matching call); breakpoint b ignored",
                "configuration value agentdbg.break.d.at='entry' (system property) is not enter, exit or both; breakpoint d ignored",
                "configuration value agentdbg.break.e='plannr' (system property) names no rule (did you mean 'planner'?); the breakpoint is kept but stops at nothing until such a rule exists",
                "configuration keys agentdbg.break.f.* set options of a breakpoint that has no target (agentdbg.break.f=<target> is missing); ignored",
                "unknown configuration key 'agentdbg.break.g.hti' (system property) (did you mean 'agentdbg.break.g.hit'?); ignored")) {
            assertTrue(w.contains(expected), "missing:\n" + expected + "\nin:\n" + all);
        }
        assertTrue(all.contains("configuration value agentdbg.break.c.when='args[0].model' (system property) is not <path> <op> <value>"), all);
        assertEquals(12, w.size(), all);
    }

    @Test
    void aNonLoopbackBindNeedsTheKeyAndIsWarnedAbout() {
        AgentConfig config = config("agentdbg.debug", "true", "agentdbg.debug.bind", "0.0.0.0");
        DebugSettings s = DebugSetup.settings(config, RULES);
        assertTrue(s.remoteBind());
        assertEquals("0.0.0.0", s.bind().getHostAddress());
        assertEquals(List.of("the debugger listens on 0.0.0.0 (agentdbg.debug.bind): anyone who can reach that address "
                + "and has the token can pause and change this program"), config.warnings());
        AgentConfig loop = config("agentdbg.debug", "true", "agentdbg.debug.bind", "[::1]");
        assertFalse(DebugSetup.settings(loop, RULES).remoteBind());
        assertTrue(loop.warnings().isEmpty(), loop.warnings().toString());
    }

    @Test
    void breakpointsWithTheDebuggerOffAreReported() {
        AgentConfig config = config("agentdbg.break.x", "kind:llm");
        DebugSettings s = DebugSetup.settings(config, RULES);
        assertFalse(s.enabled());
        assertEquals(List.of("breakpoints are set (agentdbg.break.*) but the debugger is off; set agentdbg.debug=true "
                + "to stop at them"), config.warnings());
    }
}
