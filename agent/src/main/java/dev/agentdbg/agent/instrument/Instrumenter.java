package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.propagation.JdkInstrumentation;
import dev.agentdbg.agent.rules.Rule;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.values.ValueCodec;
import dev.agentdbg.replay.values.ValueRecords;
import dev.agentdbg.semantics.AttributePath;
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
import java.util.function.Supplier;

import static net.bytebuddy.matcher.ElementMatchers.hasDescriptor;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

/** Turns the rules into a class transformer: a cheap filter in front, ByteBuddy advice behind it. */
public final class Instrumenter {
    private final List<Rule> rules;
    private final MethodRegistry registry;
    private final boolean verbose;
    private final CapturePolicy capture;

    /** The edit advice, for {@code llm} and {@code tool} methods; null unless the debugger is on. */
    private Advice editCapture;
    private Advice editArgsCapture;
    private boolean debugEdits;

    /**
     * With the live debugger on, {@code llm} and {@code tool} methods get advice that can assign what the user
     * edits at a pause (their arguments and result) instead of the plain capture advice. Off by default, so the
     * instrumentation without the debugger stays exactly what it was.
     */
    public Instrumenter withDebugEdits(boolean on) {
        this.debugEdits = on;
        return this;
    }

    public Instrumenter(List<Rule> rules, MethodRegistry registry, boolean verbose, CapturePolicy capture) {
        this.rules = rules;
        this.registry = registry;
        this.verbose = verbose;
        this.capture = capture;
    }

    /**
     * Notes on each {@code subtypeOf} rule without {@code methods} the supertype methods it picks,
     * where the supertype's class file is visible at start-up, and prints them when {@code verbose}.
     */
    public static void resolvePicksAtStartup(List<Rule> rules, boolean verbose) {
        SupertypePicks.resolveAtStartup(rules, verbose);
    }

    /**
     * Registers the class transformer at once (so no class is missed) and builds the ByteBuddy part
     * behind it on a background thread (so the application's start does not wait for ByteBuddy).
     */
    public void install(Instrumentation instrumentation) {
        ClassSightings.warmUp();
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
        MethodSelector selector = new MethodSelector(rules, verbose);
        Advices advices = new Advices(advice(SpanAdvice.class), advice(CaptureAdvice.class),
                advice(ResultAdvice.class), advice(CallbackAdvice.class), advice(PrimitiveCaptureAdvice.class));
        ValueAdvices values = ValueAdvices.forMode(ReplayMode.settings(), this::advice);
        if (debugEdits) {
            editCapture = advice(EditCaptureAdvice.class);
            editArgsCapture = advice(EditArgsCaptureAdvice.class);
        }
        if (values != null) {
            ValueRecords.configure(capture.settings());
            // Kryo's classes load here, on the agentdbg-init thread, not at the first recorded call.
            ValueCodec.decode(ValueCodec.encode(java.util.List.of("warm-up"), null, 4096).bytes(), null);
        }
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new TransformListener(verbose))
                // ignore() replaces ByteBuddy's defaults; CandidateFilter already keeps out our own
                // classes, the shaded libraries, the JDK and the bootstrap loader's classes.
                .ignore(isSynthetic())
                .type(selector.typeMatcher())
                .transform((builder, type, classLoader, module, protectionDomain) ->
                        instrument(builder, type, classLoader, selector, advices, values))
                .makeRaw();
    }

    /**
     * The kinds of advice: plain spans; spans that capture arguments; spans that only need the
     * return value (captured, or a future that ends the call); callbacks that end deferred calls.
     */
    private record Advices(Advice span, Advice capture, Advice result, Advice callback, Advice primitive) {
    }

    private Advice advice(Class<?> adviceClass) {
        return Advice.withCustomMapping()
                .bind(MethodId.class, new MethodIdMapping(registry))
                .bind(ArgumentBits.class, PrimitiveBitsMapping.arguments("agentdbgState"))
                .bind(ResultBits.class, PrimitiveBitsMapping.result())
                .to(adviceClass, new ClassFileLocator.Compound(
                        ClassFileLocator.ForClassLoader.of(adviceClass.getClassLoader()),
                        ClassFileLocator.ForClassLoader.ofSystemLoader()));
    }

    private net.bytebuddy.dynamic.DynamicType.Builder<?> instrument(
            net.bytebuddy.dynamic.DynamicType.Builder<?> builder, TypeDescription type, ClassLoader classLoader,
            MethodSelector selector, Advices advices, ValueAdvices values) {
        List<MethodSelector.Selection> selections = selector.selectionFor(type);
        if (selections.isEmpty()) {
            return builder;
        }
        Map<String, MethodInfo> byNameAndDescriptor = new HashMap<>();
        ElementMatcher.Junction<MethodDescription> plain = none();
        ElementMatcher.Junction<MethodDescription> capturing = none();
        ElementMatcher.Junction<MethodDescription> resultOnly = none();
        ElementMatcher.Junction<MethodDescription> callbacks = none();
        ElementMatcher.Junction<MethodDescription> primitive = none();
        ElementMatcher.Junction<MethodDescription> recordValues = none();
        ElementMatcher.Junction<MethodDescription> replayValues = none();
        ElementMatcher.Junction<MethodDescription> editing = none();
        ElementMatcher.Junction<MethodDescription> editingArgs = none();
        AttributePath[] toolName = new AttributePath[1]; // read from the class files once per class, if needed
        Supplier<AttributePath> defaultToolName = () -> toolName[0] != null ? toolName[0]
                : (toolName[0] = ToolNames.forClass(type, classLoader));
        for (MethodSelector.Selection s : selections) {
            MethodDescription.InDefinedShape m = s.method();
            Rule rule = s.rule();
            String component = rule.component() != null ? rule.component() : simpleName(type);
            MethodInfo info = registry.register(type.getName(), m.getInternalName(), m.getDescriptor(),
                    rule.kind(), component, rule.name());
            byNameAndDescriptor.put(m.getInternalName() + m.getDescriptor(), info);
            Map<String, AttributePath> attributes = capture.attributesFor(rule, defaultToolName);
            CaptureSpec spec = capture.specFor(rule, m, attributes);
            info.setCapture(spec);
            info.setSemantics(capture.semanticsFor(rule, info, attributes));
            ElementMatcher.Junction<MethodDescription> method = named(m.getInternalName()).and(hasDescriptor(m.getDescriptor()));
            if ("callback".equals(rule.kind())) {
                callbacks = callbacks.or(method);
            } else if (spec != null && spec.primitiveArgCount() >= 0) {
                primitive = primitive.or(method);
            } else if (spec != null && CapturePolicy.needsArguments(spec) && editCapture != null
                    && ("llm".equals(rule.kind()) || "tool".equals(rule.kind()))) {
                boolean returnsObject = !m.getReturnType().isPrimitive();
                if (returnsObject) {
                    editing = editing.or(method);
                } else {
                    editingArgs = editingArgs.or(method);
                }
                dev.agentdbg.bootstrap.DebugEdits.markEditable(info.id(), dev.agentdbg.bootstrap.DebugEdits.ARGS
                        | (returnsObject ? dev.agentdbg.bootstrap.DebugEdits.RESULT : 0));
            } else if (spec != null && CapturePolicy.needsArguments(spec)) {
                capturing = capturing.or(method);
            } else if (spec != null) {
                resultOnly = resultOnly.or(method);
            } else {
                plain = plain.or(method);
            }
            if (values != null && values.records(rule)) {
                recordValues = recordValues.or(method);
            } else if (values != null && values.replays(rule)) {
                replayValues = replayValues.or(method);
            }
            rule.markMatched();
            if (verbose) {
                System.err.println("[agentdbg]   " + type.getName() + "#" + m.getInternalName() + " -> "
                        + rule.kind() + " (" + rule.name() + ")");
            }
        }
        builder = builder.visit(advices.span().on(plain)).visit(advices.capture().on(capturing))
                .visit(advices.result().on(resultOnly))
                .visit(advices.callback().on(callbacks)).visit(advices.primitive().on(primitive));
        if (editCapture != null) {
            // In place of the capture advice (debug mode only), so one advice both pauses and assigns the edit.
            builder = builder.visit(editCapture.on(editing)).visit(editArgsCapture.on(editingArgs));
        }
        if (values != null) {
            // Visited after the span advice, so inlined inside it: the span still opens and closes
            // around a recorded or replayed call, and sees the replayed value or exception.
            builder = values.record() != null ? builder.visit(values.record().on(recordValues))
                    : builder.visit(values.replay().on(replayValues));
        }
        return builder.visit(new SourceLineCapture(byNameAndDescriptor));
    }

    /** Simple name, or for anonymous classes the binary name after the package ({@code Outer$1}). */
    static String simpleName(TypeDescription type) {
        String simple;
        try {
            simple = type.getSimpleName();
        } catch (RuntimeException e) {
            simple = null; // a nested class whose enclosing class cannot be resolved
        }
        if (simple != null && !simple.isEmpty()) {
            return simple;
        }
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
