package dev.agentdbg.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A hand-written tool's default gen_ai.tool.name, decided from its class files. */
class ToolNamesTest {
    private static String nameOf(Class<?> type) {
        return ToolNames.forClass(TypeDescription.ForLoadedType.of(type), type.getClassLoader()).toString();
    }

    @Test
    void constantsBecomeLiterals() {
        assertEquals("'web_search'", nameOf(ToolFixtures.LiteralName.class));
        assertEquals("'calculator'", nameOf(ToolFixtures.InlinedConstant.class));
        assertEquals("'clock'", nameOf(ToolFixtures.StaticInitializer.class), "getName() counts too");
    }

    @Test
    void fieldsAreReadFromTheToolWithTheClassNameAsFallback() {
        assertEquals("this.name | 'FieldName'", nameOf(ToolFixtures.FieldName.class));
        assertEquals("this.toolName | 'Inherits'", nameOf(ToolFixtures.Inherits.class),
                "a name method inherited from a superclass is read from the superclass's class file");
    }

    @Test
    void otherwiseTheSimpleClassName() {
        assertEquals("'Computed'", nameOf(ToolFixtures.Computed.class));
        assertEquals("'Branching'", nameOf(ToolFixtures.Branching.class));
        assertEquals("'MutableStatic'", nameOf(ToolFixtures.MutableStatic.class), "a mutable static is not a constant");
        assertEquals("'Nameless'", nameOf(ToolFixtures.Nameless.class));
    }

    @Test
    void theClassBeingTransformedIsReadFromItsOwnBytes() throws Exception {
        byte[] bytes;
        try (var in = getClass().getClassLoader().getResourceAsStream(
                ToolFixtures.LiteralName.class.getName().replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        }
        TransformedClass.set(ToolFixtures.LiteralName.class.getName().replace('.', '/'), bytes);
        try {
            // No loader: only the bytes being transformed can answer.
            assertEquals("'web_search'", ToolNames.forClass(
                    TypeDescription.ForLoadedType.of(ToolFixtures.LiteralName.class), null).toString());
        } finally {
            TransformedClass.clear();
        }
    }
}
