package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.propagation.JdkInstrumentation;
import dev.agentdbg.agent.rules.Rule;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.hasDescriptor;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

/** Turns the rules into a class transformer: a cheap filter in front, ByteBuddy advice behind it. */
public final class Instrumenter {
    private final List<Rule> rules;
    private final MethodRegistry registry;
    private final boolean verbose;

    public Instrumenter(List<Rule> rules, MethodRegistry registry, boolean verbose) {
        this.rules = rules;
        this.registry = registry;
        this.verbose = verbose;
    }

    /**
     * Registers the class transformer at once (so no class is missed) and builds the ByteBuddy part
     * behind it on a background thread (so the application's start does not wait for ByteBuddy).
     */
    public void install(Instrumentation instrumentation) {
        AgentTransformer transformer = new AgentTransformer(new CandidateFilter(rules));
        // Context propagation through the JDK's executors and threads is set up before the first
        // candidate class is released: no instrumented code, hence no span, can run before it.
        transformer.prepareInBackground(() -> {
            ClassFileTransformer byteBuddy = buildByteBuddyTransformer();
            try {
                JdkInstrumentation.install(instrumentation);
            } catch (Throwable t) {
                AgentCounters.internalError("propagation-setup", t);
            }
            return byteBuddy;
        });
        instrumentation.addTransformer(transformer, true);
    }

    private ClassFileTransformer buildByteBuddyTransformer() {
        MethodSelector selector = new MethodSelector(rules);
        Advice advice = Advice.withCustomMapping()
                .bind(MethodId.class, new MethodIdMapping(registry))
                .to(SpanAdvice.class, new ClassFileLocator.Compound(
                        ClassFileLocator.ForClassLoader.of(SpanAdvice.class.getClassLoader()),
                        ClassFileLocator.ForClassLoader.ofSystemLoader()));
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new TransformListener(verbose))
                // ignore() replaces ByteBuddy's defaults; CandidateFilter already keeps out our own
                // classes, the shaded libraries, the JDK and the bootstrap loader's classes.
                .ignore(isSynthetic())
                .type(selector.typeMatcher())
                .transform((builder, type, classLoader, module, protectionDomain) ->
                        instrument(builder, type, selector, advice))
                .makeRaw();
    }

    private net.bytebuddy.dynamic.DynamicType.Builder<?> instrument(
            net.bytebuddy.dynamic.DynamicType.Builder<?> builder, TypeDescription type,
            MethodSelector selector, Advice advice) {
        List<MethodSelector.Selection> selections = selector.selectionFor(type);
        if (selections.isEmpty()) {
            return builder;
        }
        Map<String, MethodInfo> byNameAndDescriptor = new HashMap<>();
        ElementMatcher.Junction<MethodDescription> methods = none();
        for (MethodSelector.Selection s : selections) {
            MethodDescription.InDefinedShape m = s.method();
            Rule rule = s.rule();
            String component = rule.component() != null ? rule.component() : simpleName(type);
            MethodInfo info = registry.register(type.getName(), m.getInternalName(), m.getDescriptor(),
                    rule.kind(), component, rule.name());
            byNameAndDescriptor.put(m.getInternalName() + m.getDescriptor(), info);
            methods = methods.or(named(m.getInternalName()).and(hasDescriptor(m.getDescriptor())));
            rule.markMatched();
            if (verbose) {
                System.err.println("[agentdbg]   " + type.getName() + "#" + m.getInternalName() + " -> "
                        + rule.kind() + " (" + rule.name() + ")");
            }
        }
        return builder.visit(advice.on(methods)).visit(new SourceLineCapture(byNameAndDescriptor));
    }

    /** Simple name, or for anonymous classes the binary name after the package ({@code Outer$1}). */
    static String simpleName(TypeDescription type) {
        String simple = type.getSimpleName();
        if (simple != null && !simple.isEmpty()) {
            return simple;
        }
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
