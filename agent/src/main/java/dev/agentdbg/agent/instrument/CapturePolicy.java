package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Rule;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.semantics.AttributePath;
import dev.agentdbg.semantics.GenAiSemantics;
import dev.agentdbg.semantics.PriceTable;
import net.bytebuddy.description.method.MethodDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decides, per instrumented method, what its calls capture, how they end and how their span
 * attributes are derived, from the rule and the global capture settings.
 */
public final class CapturePolicy {
    private final boolean enabled;
    private final CaptureSettings settings;
    private final PriceTable prices;

    public CapturePolicy(boolean enabled, CaptureSettings settings, PriceTable prices) {
        this.enabled = enabled;
        this.settings = settings;
        this.prices = prices;
    }

    /** The global capture settings (depth, lengths, secret names). */
    CaptureSettings settings() {
        return settings;
    }

    /** Nothing captured, no prices: plain spans, calls end at return. */
    public static CapturePolicy off() {
        return new CapturePolicy(false, CaptureSettings.defaults(), PriceTable.EMPTY);
    }

    /**
     * The rule's attribute paths, plus for a capturing {@code tool} rule that names no tool the
     * default {@code gen_ai.tool.name} of the class (from {@code defaultToolName}, asked only then).
     */
    Map<String, AttributePath> attributesFor(Rule rule, Supplier<AttributePath> defaultToolName) {
        if (!"tool".equals(rule.kind()) || !enabled || !rule.capture()
                || rule.attributes().containsKey(GenAiSemantics.TOOL_NAME)) {
            return rule.attributes();
        }
        Map<String, AttributePath> attributes = new LinkedHashMap<>(rule.attributes());
        attributes.put(GenAiSemantics.TOOL_NAME, defaultToolName.get());
        return attributes;
    }

    /** @return the spec for the method's calls, or null when plain span advice will do */
    CaptureSpec specFor(Rule rule, MethodDescription method) {
        return specFor(rule, method, rule.attributes());
    }

    /** @param attributes the rule's attribute paths as {@link #attributesFor} completed them */
    CaptureSpec specFor(Rule rule, MethodDescription method, Map<String, AttributePath> attributes) {
        int parameters = method.getParameters().size();
        if ("callback".equals(rule.kind())) {
            int outcome = rule.outcome() == Rule.Outcome.ERROR ? CaptureSpec.OUTCOME_ERROR : CaptureSpec.OUTCOME_RESULT;
            return new CaptureSpec(settings.withCallToString(rule.captureToString()), 0, enabled && rule.capture(),
                    -1, outcome, false);
        }
        boolean capture = enabled && rule.capture();
        int allParameters = parameters >= 31 ? -1 : (1 << parameters) - 1;
        int argMask = !capture ? 0 : rule.captureArgMask() == -1 ? allParameters : rule.captureArgMask() & allParameters;
        int callback = rule.endsOnCallback() < parameters ? rule.endsOnCallback() : -1;
        // A call that ends on a callback has the callback's argument as its result, even when the
        // method itself returns nothing (a streaming request).
        boolean result = capture && (!method.getReturnType().represents(void.class) || callback >= 0);
        boolean longRunning = "agent".equals(rule.kind()) || "llm".equals(rule.kind()) || "tool".equals(rule.kind());
        boolean mayReturnFuture = longRunning && FUTURE_TYPES.contains(method.getReturnType().asErasure().getName());
        List<String> receiverPaths = new ArrayList<>();
        if (enabled && !method.isStatic()) {
            attributes.values().forEach(path -> receiverPaths.addAll(path.receiverPaths()));
        }
        // An llm method keeps a spec even when it captures nothing: one nested in another LLM call
        // (two presets on one request) must be recognised. Anything else without capture gets the
        // plain span advice, which allocates nothing.
        if (argMask == 0 && !result && callback < 0 && !mayReturnFuture && receiverPaths.isEmpty()
                && !"llm".equals(rule.kind())) {
            return null;
        }
        CaptureSpec spec = new CaptureSpec(settings.withCallToString(rule.captureToString()), argMask, result,
                callback, 0, mayReturnFuture, "llm".equals(rule.kind()));
        spec.setReceiverPaths(receiverPaths.toArray(new String[0]));
        String primitives = primitiveParameters(method);
        if (primitives != null && callback < 0 && !mayReturnFuture && receiverPaths.isEmpty()
                && !"llm".equals(rule.kind())) {
            spec.setPrimitiveShape(primitives, method.getReturnType().asErasure().getDescriptor().charAt(0));
        }
        return spec;
    }

    /**
     * Descriptor chars of the parameters when they and the return type are all primitive (or void)
     * and few enough to travel unboxed ({@link CaptureSpec#setPrimitiveShape}), else null.
     */
    private static String primitiveParameters(MethodDescription method) {
        if (!method.getReturnType().isPrimitive()
                || method.getParameters().size() > CaptureSpec.MAX_PRIMITIVE_ARGS) {
            return null;
        }
        StringBuilder chars = new StringBuilder();
        for (var p : method.getParameters()) {
            if (!p.getType().isPrimitive()) {
                return null;
            }
            chars.append(p.getType().asErasure().getDescriptor());
        }
        return chars.toString();
    }

    /** Return types a CompletableFuture can be returned as: such calls may end when the future does. */
    private static final java.util.Set<String> FUTURE_TYPES = java.util.Set.of("java.lang.Object",
            "java.util.concurrent.Future", "java.util.concurrent.CompletionStage",
            "java.util.concurrent.CompletableFuture");

    /** Whether the method's advice needs the argument array (capture or callback registration). */
    static boolean needsArguments(CaptureSpec spec) {
        return spec.capturesArgs() || spec.endsOnCallback() >= 0 || spec.readsReceiver();
    }

    /** The attribute derivation for spans of {@code info}, or null when the kind has none. */
    GenAiSemantics semanticsFor(Rule rule, MethodInfo info) {
        return semanticsFor(rule, info, rule.attributes());
    }

    /** @param attributes the rule's attribute paths as {@link #attributesFor} completed them */
    GenAiSemantics semanticsFor(Rule rule, MethodInfo info, Map<String, AttributePath> attributes) {
        boolean genAi = "agent".equals(rule.kind()) || "llm".equals(rule.kind()) || "tool".equals(rule.kind());
        if (!genAi && attributes.isEmpty() && rule.errorWhen() == null) {
            return null;
        }
        return new GenAiSemantics(rule.kind(), info.className(), info.methodName(), rule.provider(),
                attributes, prices, rule.errorWhen());
    }
}
