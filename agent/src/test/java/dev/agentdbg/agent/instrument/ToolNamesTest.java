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
    void anUnresolvableSuperclassFallsBackToTheClassName() throws Exception {
        String name = ToolFixtures.Inherits.class.getName();
        byte[] bytes;
        try (var in = getClass().getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        }
        // Only the class's own bytes: its superclass cannot be found, as when a dependency is missing.
        TypeDescription alone = net.bytebuddy.pool.TypePool.Default.of(
                net.bytebuddy.dynamic.ClassFileLocator.Simple.of(name, bytes)).describe(name).resolve();
        assertEquals("'ToolFixtures$Inherits'", ToolNames.forClass(alone, null).toString(),
                "nor its enclosing class: the binary name after the package");
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
