package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakpoint targets and options as the user writes them, and the message a bad one gets. */
class BreakpointSpecTest {
    private final MethodInfo chat = new MethodInfo(1, "com.acme.llm.ChatClient", "chatStream", "()V", "llm", "ChatClient", "llm");
    private final MethodInfo tool = new MethodInfo(2, "com.acme.Tools", "search", "()V", "tool", "web_search", "tools");

    @Test
    void eachTargetFormMatchesWhatItNames() {
        assertTrue(BreakpointSpec.parseTarget("llm").matches(chat));
        assertFalse(BreakpointSpec.parseTarget("llm").matches(tool));
        assertTrue(BreakpointSpec.parseTarget("kind:LLM").matches(chat));
        assertTrue(BreakpointSpec.parseTarget("tool:web_search").matches(tool));
        assertFalse(BreakpointSpec.parseTarget("agent:web_search").matches(tool));
        assertTrue(BreakpointSpec.parseTarget("com.acme.*#chat*").matches(chat));
        assertTrue(BreakpointSpec.parseTarget("com.acme.llm.ChatClient#chatStrea?").matches(chat));
        assertFalse(BreakpointSpec.parseTarget("com.acme.llm.Chat#*").matches(chat), "a glob matches the whole name");
        assertFalse(BreakpointSpec.parseTarget("com.acme.(llm)#*").matches(chat), "regex characters are literal");
        assertInstanceOf(BreakpointSpec.MethodTarget.class, BreakpointSpec.parseTarget(" com.X#y "));
    }

    @Test
    void badTargetsAndOptionsSayWhatIsExpected() {
        assertEquals("names the unknown kind 'llms'; kinds are agent, llm, tool, retrieval, chain, custom",
                assertThrows(IllegalArgumentException.class, () -> BreakpointSpec.parseTarget("kind:llms")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BreakpointSpec.parseTarget(""))
                .getMessage().startsWith("is empty; a breakpoint target is a rule name, kind:<"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BreakpointSpec.parseTarget("method:x"))
                .getMessage().startsWith("starts with the unknown 'method:'"));
        assertEquals("names no tool after 'tool:'",
                assertThrows(IllegalArgumentException.class, () -> BreakpointSpec.parseTarget("tool:")).getMessage());
        assertEquals("is not class#method (example: com.acme.*Planner#plan*)",
                assertThrows(IllegalArgumentException.class, () -> BreakpointSpec.parseTarget("#plan")).getMessage());
        assertEquals("is not enter, exit or both",
                assertThrows(IllegalArgumentException.class, () -> BreakpointSpec.parseAt("entry")).getMessage());
        assertEquals(PauseGate.AT_ENTER | PauseGate.AT_EXIT, BreakpointSpec.parseAt(" Both "));
        assertEquals("is not a call number (1 = the first matching call)",
                assertThrows(IllegalArgumentException.class, () -> BreakpointSpec.parseHit("0")).getMessage());
        assertEquals(1_000, BreakpointSpec.parseHit("1_000"));
    }
}
