package dev.agentdbg.agent.instrument;

import dev.agentdbg.semantics.AttributePath;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

import java.util.List;

/**
 * The {@code gen_ai.tool.name} a hand-written tool class gets when its rule names none: what its
 * {@code name()} returns when the bytecode shows that is a constant (a literal, a static final
 * String) or a field of the tool (read from the tool when the call starts, as {@code this.field}),
 * else the class's simple name. Decided from class files at instrumentation time: {@code name()}
 * is never called.
 */
final class ToolNames {
    /** Parameterless String methods that name a tool, looked for in this order in each class. */
    static final List<String> NAME_METHODS = List.of("name", "getName", "toolName", "getToolName");

    private ToolNames() {
    }

    /**
     * The path for the tool name of {@code type}'s calls.
     *
     * @param loader the class's loader, to read the class files of superclasses that declare the name method
     */
    static AttributePath forClass(TypeDescription type, ClassLoader loader) {
        String simpleName = Instrumenter.simpleName(type);
        try {
            return fromHierarchy(type, loader, simpleName);
        } catch (RuntimeException | LinkageError e) {
            // A superclass that cannot be resolved must not cost the class its instrumentation.
            return AttributePath.literal(simpleName);
        }
    }

    private static AttributePath fromHierarchy(TypeDescription type, ClassLoader loader, String simpleName) {
        for (TypeDefinition t = type; t != null && !t.represents(Object.class); t = t.getSuperClass()) {
            TypeDescription current = t.asErasure();
            MethodDescription nameMethod = nameMethod(current);
            if (nameMethod == null) {
                continue;
            }
            if (nameMethod.isAbstract()) {
                break;
            }
            AttributePath read = fromBody(current, nameMethod, loader, simpleName);
            return read != null ? read : AttributePath.literal(simpleName);
        }
        return AttributePath.literal(simpleName);
    }

    private static MethodDescription nameMethod(TypeDescription type) {
        for (String name : NAME_METHODS) {
            for (MethodDescription m : type.getDeclaredMethods()) {
                if (m.getInternalName().equals(name) && m.getParameters().isEmpty() && !m.isStatic()
                        && m.getReturnType().asErasure().represents(String.class)) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The constant or the field the method returns, or null when it computes its answer. */
    private static AttributePath fromBody(TypeDescription declaring, MethodDescription method, ClassLoader loader,
                                          String simpleName) {
        MethodBodies bodies = TransformedClass.bodiesOf(declaring.getName());
        if (bodies == null) {
            byte[] bytes = SupertypeResolver.classFile(loader, declaring.getName());
            if (bytes == null) {
                return null;
            }
            try {
                bodies = MethodBodies.read(bytes);
            } catch (RuntimeException e) {
                return null;
            }
        }
        String constant = bodies.constantString(method.getInternalName(), method.getDescriptor());
        if (constant != null) {
            return AttributePath.literal(constant);
        }
        MethodBodies.Returned returned = bodies.returned(method.getInternalName(), method.getDescriptor());
        if (returned != null && returned.instanceField() != null) {
            // Read from the tool when the call starts; its class name when the field is null then.
            return AttributePath.parse("this." + returned.instanceField() + " | '" + simpleName + "'");
        }
        return null;
    }
}
