package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Rule;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.semantics.PriceTable;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which advice a method gets: plain spans must stay plain (no argument array, no boxed result). */
class CapturePolicyTest {
    static class Sample {
        public long compute(long x) { return x; }
        public CompletableFuture<String> ask(String prompt) { return null; }
        public void stream(String prompt, Object handler) { }
    }

    private final CapturePolicy policy = new CapturePolicy(true, CaptureSettings.defaults(), PriceTable.EMPTY);

    private static MethodDescription method(String name) {
        return TypeDescription.ForLoadedType.of(Sample.class).getDeclaredMethods()
                .filter(net.bytebuddy.matcher.ElementMatchers.named(name)).getOnly();
    }

    @Test
    void aToolThatCapturesNothingAndCannotReturnAFutureKeepsThePlainAdvice() {
        Rule tool = Rule.builder("t", "tool").match("x.Sample").capture(false).build();
        assertNull(policy.specFor(tool, method("compute")), "a spec would box the long result on every call");
        Rule custom = Rule.builder("c", "custom").match("x.Sample").build();
        assertNull(policy.specFor(custom, method("compute")));
    }

    @Test
    void aToolRuleGetsTheDefaultToolNameOnlyWhenItCapturesAndNamesNone() {
        java.util.function.Supplier<dev.agentdbg.semantics.AttributePath> byClass =
                () -> dev.agentdbg.semantics.AttributePath.literal("Sample");
        Rule plain = Rule.builder("t", "tool").match("x.Sample").build();
        assertEquals("'Sample'", policy.attributesFor(plain, byClass).get("gen_ai.tool.name").toString());
        Rule named = Rule.builder("t", "tool").match("x.Sample").attribute("gen_ai.tool.name", "args[0].name").build();
        assertEquals("args[0].name", policy.attributesFor(named, byClass).get("gen_ai.tool.name").toString(),
                "the rule's own name wins");
        java.util.function.Supplier<dev.agentdbg.semantics.AttributePath> never = () -> {
            throw new AssertionError("not asked for");
        };
        assertTrue(policy.attributesFor(Rule.builder("t", "tool").match("x.Sample").capture(false).build(), never)
                .isEmpty(), "a rule that captures nothing stays plain: no call allocates for a name");
        assertTrue(policy.attributesFor(Rule.builder("a", "agent").match("x.Sample").build(), never).isEmpty());
        assertTrue(CapturePolicy.off().attributesFor(plain, never).isEmpty());
        assertNull(policy.specFor(Rule.builder("t", "tool").match("x.Sample").capture(false).build(), method("compute"),
                policy.attributesFor(Rule.builder("t", "tool").match("x.Sample").capture(false).build(), never)));
    }

    @Test
    void capturingFutureReturningAndStreamingCallsGetTheirSpec() {
        CaptureSpec tool = policy.specFor(Rule.builder("t", "tool").match("x.Sample").build(), method("compute"));
        assertNotNull(tool);
        assertTrue(tool.capturesArgs() && tool.capturesResult());

        CaptureSpec agent = policy.specFor(Rule.builder("a", "agent").match("x.Sample").build(), method("ask"));
        assertNotNull(agent, "an agent call returning a future ends when the future does");
        assertFalse(agent.capturesArgs());
        assertTrue(agent.endsWithFuture());
        assertFalse(CapturePolicy.needsArguments(agent), "no argument array for a result-only spec");

        CaptureSpec streaming = policy.specFor(Rule.builder("s", "llm").match("x.Sample").captureArgs(0)
                .endsOnCallback(1).build(), method("stream"));
        assertEquals(1, streaming.endsOnCallback());
        assertTrue(streaming.capturesResult(), "a void streaming call's result is its callback's argument");
        assertTrue(streaming.isLlm());
    }
}
