package dev.agentdbg.analyzer.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.TimeOrigin;
import dev.agentdbg.analyzer.llm.LlmCollector;
import dev.agentdbg.analyzer.llm.LlmReport;
import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceListener;
import dev.agentdbg.analyzer.stats.DurationDistribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code diff} keeps of one run while it streams past: per-method counts and latency, LLM use by model, the
 * results of tool calls by their arguments, and the call trees, each bounded by {@code maxSpans}.
 *
 * <p>Tree nodes hold no payload; tool results are kept as a cut excerpt and a hash of the whole.
 */
public final class RunSide implements TraceListener {

    /** Characters of a tool's arguments and result shown in the report. */
    public static final int EXCERPT = 200;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One call in a tree: its method's display name, start, duration, status. */
    static final class Node {
        final long id;
        final long parent;
        final String method;
        /** the method, with the tool's name when the span has one (a dispatcher running several tools) */
        final String key;
        final long start;
        final long dur;
        final boolean failed;
        final List<Node> children = new ArrayList<>(0);

        Node(long id, long parent, String method, String tool, long start, long dur, boolean failed) {
            this.id = id;
            this.parent = parent;
            this.method = method;
            this.key = tool == null ? method : method + " [" + tool + "]";
            this.start = start;
            this.dur = dur;
            this.failed = failed;
        }
    }

    /** Calls and latency of one method. */
    public static final class MethodStats {
        long calls;
        long totalNanos;
        final DurationDistribution latency = new DurationDistribution();

        public long calls() {
            return calls;
        }

        public long meanNanos() {
            return calls == 0 ? 0 : totalNanos / calls;
        }

        public long p50Nanos() {
            return latency.percentile(50);
        }
    }

    /** The result a tool gave for one set of arguments (the first call's), cut, and how many calls had them. */
    public record ToolResult(String method, String args, String result, int resultHash, int resultLength,
                             boolean differsWithinRun, long calls) {
    }

    private final SpanFilter filter;
    private final int maxSpans;
    private RunInfo run;
    private final TimeOrigin origin = new TimeOrigin();
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final Map<String, MethodStats> byMethod = new TreeMap<>();
    private final LlmCollector llm = new LlmCollector();
    private final Map<String, ToolResult> toolResults = new LinkedHashMap<>();
    private final Map<String, List<Node>> byTrace = new HashMap<>();
    private long spans;
    private long kept;
    private long toolResultsDropped;

    public RunSide(SpanFilter filter, int maxSpans) {
        this.filter = filter;
        this.maxSpans = maxSpans;
    }

    @Override
    public void run(RunInfo info, TraceFile file) {
        if (run == null || info.part() < run.part()) {
            run = info;
        }
    }

    @Override
    public void method(MethodInfo method) {
        methods.put(method.id(), method);
    }

    @Override
    public void start(CallStart start) {
        origin.start(start);
    }

    @Override
    public void span(Span span) {
        origin.span(span);
        MethodInfo m = methods.getOrDefault(span.method(), MethodInfo.unknown(span.method()));
        if (!filter.test(span, m, origin.nanos())) {
            return;
        }
        spans++;
        String name = m.displayName();
        MethodStats stats = byMethod.computeIfAbsent(name, k -> new MethodStats());
        stats.calls++;
        stats.totalNanos += span.dur();
        stats.latency.record(span.dur());
        llm.span(span, m);
        if (Kinds.TOOL.equals(m.kind()) && (!span.args().isEmpty() || span.result() != null || span.isError())) {
            toolResult(name, span);
        }
        if (kept < maxSpans) {
            kept++;
            byTrace.computeIfAbsent(span.trace(), k -> new ArrayList<>())
                    .add(new Node(span.id(), span.parent(), name, span.attrs().string(GenAi.TOOL_NAME),
                            span.start(), span.dur(), span.isError()));
        }
    }

    private void toolResult(String method, Span span) {
        String args = canonical(span.args());
        String key = method + "\u0000" + args;
        String result = span.isError()
                ? "threw " + span.error().headline()
                : span.result() == null ? "(not captured)" : canonical(span.result());
        ToolResult seen = toolResults.get(key);
        if (seen == null) {
            if (toolResults.size() >= maxSpans) {
                toolResultsDropped++;
                return;
            }
            toolResults.put(key, new ToolResult(method, cut(args), cut(result), result.hashCode(), result.length(),
                    false, 1));
        } else {
            boolean differs = seen.differsWithinRun()
                    || seen.resultHash() != result.hashCode() || seen.resultLength() != result.length();
            toolResults.put(key, new ToolResult(seen.method(), seen.args(), seen.result(), seen.resultHash(),
                    seen.resultLength(), differs, seen.calls() + 1));
        }
    }

    /** JSON with object keys sorted; a string holding a JSON object or array is read as that JSON. */
    static String canonical(Object value) {
        try {
            return MAPPER.writeValueAsString(sorted(MAPPER.valueToTree(value)));
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String t = node.asText().strip();
            if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
                try {
                    return sorted(MAPPER.readTree(t));
                } catch (Exception e) {
                    return node;
                }
            }
            return node;
        }
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(Comparator.naturalOrder());
            names.forEach(n -> out.set(n, sorted(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            var out = MAPPER.createArrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }

    static String cut(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT - 1) + "…";
    }

    /** The run record, or {@code null} when none was readable. */
    public RunInfo runInfo() {
        return run;
    }

    /** Spans that passed the filters. */
    public long spans() {
        return spans;
    }

    /** Spans kept in the trees; fewer than {@link #spans()} when the cap cut them. */
    public long keptSpans() {
        return kept;
    }

    public int maxSpans() {
        return maxSpans;
    }

    public Map<String, MethodStats> byMethod() {
        return byMethod;
    }

    public LlmReport llm() {
        return llm.build(List.of());
    }

    public Map<String, ToolResult> toolResults() {
        return toolResults;
    }

    public long toolResultsDropped() {
        return toolResultsDropped;
    }

    /**
     * The call trees, one per trace, in order of their first start: each a list of roots (a span whose parent is
     * not kept is a root), children ordered by start.
     */
    /**
     * Sorts siblings by start, except that siblings that overlap in time (tools run in parallel) are sorted by key:
     * which of them started first is down to the scheduler, and must not make two runs differ.
     */
    static void inCallOrder(List<Node> siblings) {
        siblings.sort(Comparator.comparingLong((Node n) -> n.start).thenComparing(n -> n.key));
        int from = 0;
        long end = Long.MIN_VALUE;
        for (int i = 0; i <= siblings.size(); i++) {
            if (i == siblings.size() || i > from && siblings.get(i).start >= end) {
                if (i - from > 1) {
                    siblings.subList(from, i).sort(Comparator.comparing((Node n) -> n.key)
                            .thenComparingLong(n -> n.start));
                }
                from = i;
                end = Long.MIN_VALUE;
            }
            if (i < siblings.size()) {
                end = Math.max(end, siblings.get(i).start + siblings.get(i).dur);
            }
        }
    }

    /** One trace's call tree: its id and its roots. */
    record Tree(String trace, List<Node> roots) {
    }

    List<Tree> trees() {
        List<Tree> out = new ArrayList<>();
        for (Map.Entry<String, List<Node>> e : byTrace.entrySet()) {
            List<Node> nodes = e.getValue();
            Map<Long, Node> byId = new HashMap<>();
            nodes.forEach(n -> byId.put(n.id, n));
            List<Node> roots = new ArrayList<>();
            for (Node n : nodes) {
                Node p = n.parent == 0 ? null : byId.get(n.parent);
                (p == null ? roots : p.children).add(n);
            }
            inCallOrder(roots);
            nodes.forEach(n -> inCallOrder(n.children));
            out.add(new Tree(e.getKey(), roots));
        }
        out.sort(Comparator.comparingLong((Tree t) -> t.roots().get(0).start).thenComparing(Tree::trace));
        return out;
    }
}
