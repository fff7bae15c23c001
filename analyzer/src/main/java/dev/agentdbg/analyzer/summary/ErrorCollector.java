package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Collects failed spans: the first few one by one, and all of them counted by (method, agent or tool name, exception
 * type).
 */
final class ErrorCollector {

    private record Entry(Span span, long selfNanos) {
    }

    private record GroupKey(int method, String genAiName, String type) {
    }

    private static final class Group {
        long count;
        final String firstMessage;

        Group(String firstMessage) {
            this.firstMessage = firstMessage;
        }
    }

    private final int limit;
    private final List<Entry> listed = new ArrayList<>();
    private final Map<GroupKey, Group> groups = new LinkedHashMap<>();
    private long total;

    ErrorCollector(int limit) {
        this.limit = limit;
    }

    void add(Span span, long selfNanos) {
        total++;
        if (listed.size() < limit) {
            listed.add(new Entry(span, selfNanos));
        }
        groups.computeIfAbsent(new GroupKey(span.method(), CallNames.genAiName(span.attrs()), span.error().type()),
                k -> new Group(span.error().message())).count++;
    }

    long total() {
        return total;
    }

    /** The listed failures in the order they started, which is the order a user replays a run in. */
    List<Summary.SpanRef> listed(IntFunction<MethodInfo> methods) {
        List<Summary.SpanRef> out = new ArrayList<>();
        for (Entry e : listed) {
            out.add(new Summary.SpanRef(e.span(), methods.apply(e.span().method()), e.selfNanos()));
        }
        out.sort(Comparator.comparingLong((Summary.SpanRef r) -> r.span().start()));
        return List.copyOf(out);
    }

    /** Most frequent first. */
    List<Summary.ErrorGroup> groups(IntFunction<MethodInfo> methods) {
        List<Summary.ErrorGroup> out = new ArrayList<>();
        groups.forEach((key, group) -> {
            MethodInfo m = methods.apply(key.method());
            out.add(new Summary.ErrorGroup(CallNames.label(m.displayName(), key.genAiName()), m, key.type(),
                    group.count, group.firstMessage));
        });
        out.sort(Comparator.comparingLong(Summary.ErrorGroup::count).reversed()
                .thenComparing(Summary.ErrorGroup::name)
                .thenComparing(Summary.ErrorGroup::type));
        return List.copyOf(out);
    }
}
