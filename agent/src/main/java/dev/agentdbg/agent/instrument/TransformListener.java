package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.AgentCounters;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Counts transformed classes and transform failures for the trace's stats; optionally logs them. */
final class TransformListener extends AgentBuilder.Listener.Adapter {
    private final boolean verbose;

    TransformListener(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                 boolean loaded, DynamicType dynamicType) {
        AgentCounters.classesTransformed.incrementAndGet();
        if (verbose) {
            System.err.println("[agentdbg] instrumented " + typeDescription.getName());
        }
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                        Throwable throwable) {
        AgentCounters.transformFailure(typeName, throwable);
        TransformedClass.failed(throwable);
        if (verbose) {
            System.err.println("[agentdbg] could not instrument " + typeName + ": " + throwable);
        }
    }
}
