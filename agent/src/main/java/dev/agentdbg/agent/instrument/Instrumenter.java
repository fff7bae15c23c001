package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Rule;
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

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasDescriptor;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;

/** Turns the rules into a ByteBuddy {@link AgentBuilder} and installs it. */
public final class Instrumenter {
    private final List<Rule> rules;
    private final MethodRegistry registry;
    private final boolean verbose;

    public Instrumenter(List<Rule> rules, MethodRegistry registry, boolean verbose) {
        this.rules = rules;
        this.registry = registry;
        this.verbose = verbose;
    }

    public void install(Instrumentation instrumentation) {
        MethodSelector selector = new MethodSelector(rules);
        Advice advice = Advice.withCustomMapping()
                .bind(MethodId.class, new MethodIdMapping(registry))
                .to(SpanAdvice.class, new ClassFileLocator.Compound(
                        ClassFileLocator.ForClassLoader.of(SpanAdvice.class.getClassLoader()),
                        ClassFileLocator.ForClassLoader.ofSystemLoader()));

        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new TransformListener(verbose))
                // ignore() replaces ByteBuddy's defaults: keep out our own classes, the JDK and
                // anything the bootstrap loader defines.
                .ignore(nameStartsWith("dev.agentdbg.agent.")
                        .or(nameStartsWith("dev.agentdbg.bootstrap."))
                        .or(nameStartsWith("dev.agentdbg.runtime."))
                        .or(nameStartsWith("dev.agentdbg.shaded."))
                        .or(nameStartsWith("java."))
                        .or(nameStartsWith("javax."))
                        .or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun."))
                        .or(isSynthetic()))
                .or(any(), isBootstrapClassLoader())
                .type(selector.typeMatcher())
                .transform((builder, type, classLoader, module, protectionDomain) ->
                        instrument(builder, type, selector, advice))
                .installOn(instrumentation);
    }

    private net.bytebuddy.dynamic.DynamicType.Builder<?> instrument(
            net.bytebuddy.dynamic.DynamicType.Builder<?> builder, TypeDescription type,
            MethodSelector selector, Advice advice) {
        List<MethodSelector.Selection> selections = selector.select(type);
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
