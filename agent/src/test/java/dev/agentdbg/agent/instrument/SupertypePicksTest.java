package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Rule;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a subtypeOf rule without methods picks of its supertype, and how it says so. */
class SupertypePicksTest {
    private static final List<String> NONE = List.of();

    @Test
    void accessorsAreParameterlessGettersAndNamesOrObjectMethods() {
        for (String name : List.of("name", "getName", "isReadOnly", "hasNext", "toolName", "parametersSchema",
                "description", "spec", "toolSpecification", "userId", "version", "metadata", "toString", "hashCode")) {
            assertTrue(SupertypePicks.isAccessor(name, NONE), name);
        }
        assertTrue(SupertypePicks.isAccessor("equals", List.of("java.lang.Object")));
        for (String name : List.of("execute", "run", "call", "get", "apply", "invoke", "valid", "identity", "paid",
                "history", "is", "getaway", "category")) {
            assertFalse(SupertypePicks.isAccessor(name, NONE), name);
        }
        assertFalse(SupertypePicks.isAccessor("getName", List.of("java.util.Locale")), "takes a parameter: work");
        assertFalse(SupertypePicks.isAccessor("name", List.of("java.lang.String")));
    }

    @Test
    void theClassFileAndByteBuddyGiveTheSamePicks() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                ToolFixtures.Tool.class.getName().replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        }
        SupertypePicks.Picks fromFile = SupertypePicks.ofClassFile(bytes);
        SupertypePicks.Picks fromType = SupertypePicks.of(TypeDescription.ForLoadedType.of(ToolFixtures.Tool.class));
        assertEquals("category(), execute(String)", fromFile.text());
        assertEquals(fromFile.text(), fromType.text());
        assertEquals(List.of("category", "execute"), List.copyOf(fromFile.names()));
        Rule rule = Rule.builder("tools", "tool").subtypeOf(ToolFixtures.Tool.class.getName()).build();
        assertEquals("rule tools (subtypeOf " + ToolFixtures.Tool.class.getName() + ") picks category(), execute(String); "
                + "not the accessors getDescription(), isReadOnly(), name(), parametersSchema(), toString()",
                fromFile.describe(rule));
    }

    @Test
    void startUpResolutionRecordsThePicksOfVisibleSupertypesOnly() {
        Rule visible = Rule.builder("tools", "tool").subtypeOf(ToolFixtures.Tool.class.getName()).build();
        Rule missing = Rule.builder("plugins", "tool").subtypeOf("com.example.nowhere.PluginTool").build();
        Rule withMethods = Rule.builder("run", "tool").subtypeOf(ToolFixtures.Tool.class.getName()).methods("execute").build();
        SupertypePicks.resolveAtStartup(List.of(visible, missing, withMethods), false);
        assertEquals("category(), execute(String)", visible.picks());
        assertEquals("category(), execute(String)", visible.describe().get("picks"), "in the run record");
        assertNull(missing.picks(), "learnt at the first class that implements it");
        assertFalse(missing.describe().containsKey("picks"));
        assertNull(withMethods.picks(), "the methods glob, not the supertype, decides");
    }
}
