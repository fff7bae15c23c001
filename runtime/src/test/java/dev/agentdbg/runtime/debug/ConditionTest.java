package dev.agentdbg.runtime.debug;

import dev.agentdbg.capture.CapturedCall;
import dev.agentdbg.capture.ListSnapshot;
import dev.agentdbg.capture.ObjectSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code .when} language on captured calls, and what a bad or failing condition says. */
class ConditionTest {
    private static CapturedCall request() {
        ObjectSnapshot req = new ObjectSnapshot("com.acme.ChatRequest");
        req.fields.put("model", "gpt-4o-mini");
        req.fields.put("maxTokens", 512);
        req.fields.put("prompt", "Plan a trip to Lisbon");
        ListSnapshot tools = new ListSnapshot("java.util.List");
        tools.elements.addAll(List.of("weather", "web_search"));
        tools.totalSize = 2;
        req.fields.put("tools", tools);
        return new CapturedCall(new Object[] {req});
    }

    private static boolean test(String condition) {
        return Condition.parse(condition).test(request());
    }

    @Test
    void eachOperatorOnCapturedArguments() {
        assertTrue(test("args[0].model == gpt-4o-mini"));
        assertTrue(test("args[0].model == 'gpt-4o-mini'"));
        assertFalse(test("args[0].model != \"gpt-4o-mini\""));
        assertTrue(test("args[0].prompt contains Lisbon"));
        assertTrue(test("args[0].prompt matches (?i)^plan"));
        assertTrue(test("args[0].maxTokens >= 512"));
        assertFalse(test("args[0].maxTokens > 512"));
        assertTrue(test("args[0].maxTokens == 512.0"));
        assertTrue(test("args[0].maxTokens<1000"));
        assertTrue(test("args[0].tools[*] == web_search"), "holds for one element");
        assertFalse(test("args[0].tools[*] == calculator"));
    }

    @Test
    void badConditionsSayWhatIsExpected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Condition.parse("args[0].model"))
                .getMessage().startsWith("is not <path> <op> <value>"));
        assertEquals("compares with 'many', which is not a number",
                assertThrows(IllegalArgumentException.class, () -> Condition.parse("args[0].n > many")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Condition.parse("args[0].p matches ("))
                .getMessage().startsWith("has a bad regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Condition.parse("nothing[.x == 1"))
                .getMessage().startsWith("has a bad path 'nothing[.x'"));
    }

    @Test
    void aMissingFieldOrANonNumberFailsInsteadOfGuessing() {
        assertThrows(IllegalStateException.class, () -> test("args[0].temperature == 1"));
        assertThrows(IllegalStateException.class, () -> test("args[0].model > 3"));
        assertThrows(IllegalStateException.class, () -> Condition.parse("args[0].model == x").test(null));
    }
}
