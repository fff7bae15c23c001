package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Binds {@link MethodId} to the id registered for the method being instrumented, so one parsed
 * advice serves every method and each call site passes its id as a constant.
 */
final class MethodIdMapping implements Advice.OffsetMapping {
    private final MethodRegistry registry;

    MethodIdMapping(MethodRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                          Assigner assigner, Advice.ArgumentHandler argumentHandler, Sort sort) {
        MethodInfo info = registry.find(instrumentedType.getName(), instrumentedMethod.getInternalName(),
                instrumentedMethod.getDescriptor());
        if (info == null) {
            // Only methods registered by the transformer get advice; anything else is a bug here.
            throw new IllegalStateException("no method id for " + instrumentedType.getName() + "#"
                    + instrumentedMethod.getInternalName());
        }
        return Target.ForStackManipulation.of(info.callSiteId());
    }
}
