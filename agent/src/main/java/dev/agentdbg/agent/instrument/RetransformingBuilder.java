package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.AgentCounters;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

import static net.bytebuddy.matcher.ElementMatchers.none;

/**
 * The AgentBuilder for advice on a few classes named exactly (JDK executors and threads, HTTP client
 * transports): classes loaded before the agent are retransformed, nothing but the named types is
 * matched, so nothing needs ignoring, and a failed transformation is counted, never thrown.
 */
public final class RetransformingBuilder {
    private RetransformingBuilder() {
    }

    public static AgentBuilder create() {
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                                        Throwable throwable) {
                        AgentCounters.transformFailure(typeName, throwable);
                    }
                })
                .ignore(none());
    }
}
