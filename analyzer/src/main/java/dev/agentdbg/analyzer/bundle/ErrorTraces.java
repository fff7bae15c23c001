package dev.agentdbg.analyzer.bundle;

import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.TraceListener;
import dev.agentdbg.analyzer.summary.Summary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first traces in which each error group of the summary occurred, so that {@code bundle --error <n>} can select
 * them in a second pass. Keeps at most {@code perGroup} trace ids per group.
 */
public final class ErrorTraces implements TraceListener {

    /** Only which traces failed. */
    @Override
    public boolean wantsPayloads() {
        return false;
    }

    private final int perGroup;
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final Map<String, Set<String>> traces = new HashMap<>();

    public ErrorTraces(int perGroup) {
        this.perGroup = perGroup;
    }

    @Override
    public void method(MethodInfo method) {
        methods.putIfAbsent(method.id(), method);
    }

    @Override
    public void span(Span span) {
        if (!span.isError()) {
            return;
        }
        MethodInfo m = methods.getOrDefault(span.method(), MethodInfo.unknown(span.method()));
        String key = key(CallNames.label(m.displayName(), CallNames.genAiName(span.attrs())), span.error().type(),
                span.method());
        Set<String> set = traces.computeIfAbsent(key, k -> new LinkedHashSet<>());
        if (set.size() < perGroup) {
            set.add(span.trace());
        }
    }

    /** The first traces of {@code group}, in the order their failures were read. */
    public List<String> tracesOf(Summary.ErrorGroup group) {
        Set<String> set = traces.get(key(group.name(), group.type(), group.method().id()));
        return set == null ? List.of() : new ArrayList<>(set);
    }

    private static String key(String name, String type, int method) {
        return name + '\u0000' + type + '\u0000' + method;
    }
}
