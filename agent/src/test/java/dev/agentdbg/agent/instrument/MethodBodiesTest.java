package dev.agentdbg.agent.instrument;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accessors and constant names read from javac's bytecode, never by running it. */
class MethodBodiesTest {
    private static final String STRING = "()Ljava/lang/String;";

    static MethodBodies bodies(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return MethodBodies.read(in.readAllBytes());
        }
    }

    @Test
    void aLiteralIsTheConstantName() throws IOException {
        MethodBodies b = bodies(ToolFixtures.LiteralName.class);
        assertEquals("web_search", b.constantString("name", STRING));
        assertTrue(b.isAccessor("name", STRING));
        assertTrue(b.isAccessor("size", "()I"), "returns a constant int");
        assertTrue(b.isAccessor("close", "()V"), "does nothing");
        assertFalse(b.isAccessor("execute", STRING), "calls methods: real work");
    }

    @Test
    void staticFinalConstantsAreReadInlinedOrFromTheStaticInitializer() throws IOException {
        assertEquals("calculator", bodies(ToolFixtures.InlinedConstant.class).constantString("name", STRING));
        MethodBodies clinit = bodies(ToolFixtures.StaticInitializer.class);
        assertEquals("clock", clinit.constantString("getName", STRING));
        assertNull(bodies(ToolFixtures.MutableStatic.class).constantString("name", STRING),
                "a static field that is not final may change: no constant");
        assertTrue(bodies(ToolFixtures.MutableStatic.class).isAccessor("name", STRING));
    }

    @Test
    void anInstanceFieldIsNamedForReadingAtCallStart() throws IOException {
        MethodBodies b = bodies(ToolFixtures.FieldName.class);
        assertNull(b.constantString("name", STRING));
        assertEquals("name", b.returned("name", STRING).instanceField());
    }

    @Test
    void computedOrBranchingNamesAreNotAccessors() throws IOException {
        assertFalse(bodies(ToolFixtures.Computed.class).isAccessor("name", STRING));
        assertNull(bodies(ToolFixtures.Computed.class).constantString("name", STRING));
        assertFalse(bodies(ToolFixtures.Branching.class).isAccessor("name", STRING));
        assertNull(bodies(ToolFixtures.Branching.class).returned("name", STRING));
    }

    @Test
    void methodsWithParametersAreNeverAccessors() throws IOException {
        assertFalse(bodies(ToolFixtures.Nameless.class).isAccessor("execute", "(Ljava/lang/String;)Ljava/lang/String;"));
    }
}
