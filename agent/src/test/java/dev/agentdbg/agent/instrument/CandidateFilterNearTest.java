package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which classes that no rule applies to are still close enough to one to be noted for {@code why}. */
class CandidateFilterNearTest {

    private final CandidateFilter filter = new CandidateFilter(List.of(
            Rule.builder("agents", "agent").match("com.acme.research.agents.*Agent").methods("run").build(),
            Rule.builder("critic", "agent").match("com.acme.research.agents.CriticAgent").methods("critique").build(),
            Rule.builder("vendor", "tool").match("com.**").build(),
            Rule.builder("tools", "tool").subtypeOf("com.acme.research.tools.Tool").build()));

    @Test
    void aClassInARulesPackageIsNearIt() {
        assertEquals(List.of("agents", "critic"), filter.nearRules("com/acme/research/agents/PromptBuilder"));
        assertEquals(List.of(), filter.nearRules("com/acme/research/agents/sub/Deeper"), "only the package itself");
    }

    @Test
    void aClassNamedLikeARulesClassInAnotherPackageIsNearIt() {
        assertEquals(List.of("critic"), filter.nearRules("com/acme/research/agent/CriticAgent"), "package differs");
        assertEquals(List.of(), filter.nearRules("org/other/PlannerAgent"),
                "*Agent starts with a wildcard: every class of that name would be noted");
    }

    @Test
    void aVendorWidePrefixOrASupertypeAloneMakesNothingNear() {
        assertEquals(List.of(), filter.nearRules("com/example/Unrelated"), "com. is not a package a rule names");
        assertEquals(List.of(), filter.nearRules("org/acme/research/tools/Hammer"));
    }

    @Test
    void theCandidatesRulesAreTheOnesWhoseClassConditionsMayHold() throws Exception {
        byte[] notATool;
        try (var in = getClass().getResourceAsStream("CandidateFilterNearTest.class")) {
            notATool = in.readAllBytes();
        }
        assertEquals(List.of("agents", "critic", "vendor"),
                filter.rulesFor("com/acme/research/agents/CriticAgent", notATool, getClass().getClassLoader()));
    }
}
