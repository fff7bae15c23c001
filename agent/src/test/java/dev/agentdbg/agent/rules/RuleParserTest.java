package dev.agentdbg.agent.rules;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleParserTest {
    @Test
    void classGlobStarStaysInsideOnePackageSegment() {
        Glob glob = Glob.forClass("com.acme.agents.*Agent");
        assertTrue(glob.matches("com.acme.agents.PlannerAgent"));
        assertTrue(glob.matches("com.acme.agents.Agent"));
        assertFalse(glob.matches("com.acme.agents.sub.PlannerAgent"));
        assertFalse(glob.matches("com.acme.agents.PlannerAgentFactory"));
        assertEquals("com.acme.agents.", glob.literalPrefix());
    }

    @Test
    void doubleStarCrossesPackagesAndDollarIsLiteral() {
        assertTrue(Glob.forClass("com.acme.**").matches("com.acme.a.b.C"));
        assertTrue(Glob.forClass("com.acme.**.*Tool").matches("com.acme.x.y.SearchTool"));
        assertTrue(Glob.forClass("com.acme.Outer$Inner").matches("com.acme.Outer$Inner"));
        assertFalse(Glob.forClass("com.acme.Outer$Inner").matches("com.acme.OuterXInner"));
        assertTrue(Glob.forClass("com.acme.?ool").matches("com.acme.Tool"));
    }

    @Test
    void methodGlobs() {
        Glob glob = Glob.forMethod("run*");
        assertTrue(glob.matches("run"));
        assertTrue(glob.matches("runTask"));
        assertFalse(glob.matches("rerun"));
    }

    @Test
    void malformedGlobsSayWhatAndWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Glob.forClass("com.acme.[x"));
        assertEquals("has an unexpected character '[' at position 10 (a class glob is a binary class name with * ** ?)",
                e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Glob.forClass("com..x")).getMessage()
                .contains("empty package segment at position 5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Glob.forMethod("run(String)")).getMessage()
                .contains("'('"));
    }

    @Test
    void matchSplitsIntoClassAndMethod() {
        Rule rule = RuleParser.parseRule("p", Map.of("match", "com.acme.*Agent#run*", "kind", "Agent"));
        assertEquals("agent", rule.kind());
        assertTrue(rule.classGlob().matches("com.acme.PlannerAgent"));
        assertTrue(rule.methodGlob().matches("runTask"));
        assertNull(rule.component());
        Rule classOnly = RuleParser.parseRule("c", Map.of("match", "com.acme.Client", "kind", "llm", "component", "openai"));
        assertNull(classOnly.methodGlob());
        assertEquals("openai", classOnly.component());
    }

    @Test
    void rulesWithoutTargetOrWithBadKindAreRejectedWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RuleParser.parseRule("x", Map.of("kind", "tool"))).getMessage()
                .contains("needs one of agentdbg.rule.x.match, .subtypeOf or .annotatedWith"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RuleParser.parseRule("x", Map.of("match", "a.B", "kind", "robot"))).getMessage()
                .contains("has kind 'robot', which is not one of agent, llm, tool, retrieval, chain, custom"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RuleParser.parseRule("x", Map.of("match", "a.B"))).getMessage().contains("has no kind"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RuleParser.parseRule("x", Map.of("subtypeOf", "com.acme.*", "kind", "tool"))).getMessage()
                .contains("must be a fully qualified type name"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RuleParser.parseRule("x", Map.of("match", "a.B#c#d", "kind", "tool"))).getMessage()
                .contains("more than one '#'"));
    }

    @Test
    void captureOptionsAttributePathsAndCallbacks() {
        Rule llm = RuleParser.parseRule("openai", Map.of("match", "com.acme.Client#complete", "kind", "llm",
                "capture.args", "0, 2", "arguments", "3", "attr.gen_ai.request.model", "args[0].model"));
        assertTrue(llm.capture(), "llm calls are captured by default");
        assertEquals(0b101, llm.captureArgMask());
        assertEquals(3, llm.argumentCount());
        assertEquals("args[0].model", llm.attributes().get("gen_ai.request.model").toString());
        assertEquals("com.acme.Client#complete", llm.describe().get("match"), "described as written");

        assertFalse(RuleParser.parseRule("a", Map.of("match", "x.A", "kind", "agent")).capture(),
                "agent methods may hold huge state: not captured unless asked");
        assertTrue(RuleParser.parseRule("a", Map.of("match", "x.A", "kind", "agent", "capture", "yes")).capture());

        Rule done = RuleParser.parseRule("done", Map.of("subtypeOf", "x.Handler", "methods", "onComplete",
                "kind", "callback", "outcome", "result"));
        assertEquals(Rule.Outcome.RESULT, done.outcome());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleParser.parseRule("d",
                Map.of("subtypeOf", "x.H", "kind", "callback"))).getMessage().contains("no outcome"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleParser.parseRule("p",
                Map.of("match", "x.A", "kind", "llm", "attr.gen_ai.request.model", "request.model")))
                .getMessage().contains("must start with args[<n>], result or this"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleParser.parseRule("c",
                Map.of("match", "x.A", "kind", "llm", "capture", "maybe"))).getMessage()
                .contains("capture 'maybe' is not true or false"));
    }
}
