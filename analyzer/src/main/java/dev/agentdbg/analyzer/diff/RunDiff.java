package dev.agentdbg.analyzer.diff;

import dev.agentdbg.analyzer.llm.ModelStats;
import dev.agentdbg.analyzer.model.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two runs compared: calls per method (by count and by aligned tree position), LLM use per model, latency per method,
 * tool results that changed for the same arguments, and the first point where the call trees diverge.
 *
 * <p>Trees are aligned trace by trace in order of their start; within a trace, calls are matched by method and by
 * position among their same-method siblings, never by span id, so two independent runs compare.
 */
public record RunDiff(Side a, Side b, List<MethodRow> methods, List<ModelRow> models, List<ToolChange> toolChanges,
                      Divergence divergence, List<String> notes) {

    /** One run as the report names it. */
    public record Side(String label, String runId, String mode, String replayOf, long spans, long keptSpans,
                       int traces, int maxSpans, List<String> notes) {

        public boolean cut() {
            return keptSpans < spans;
        }
    }

    /**
     * Calls of one method in both runs; {@code added} and {@code removed} are the calls the aligned trees have in B
     * only and in A only.
     */
    public record MethodRow(String method, long callsA, long callsB, long added, long removed, long p50A, long p50B,
                            long meanA, long meanB) {
        public long delta() {
            return callsB - callsA;
        }
    }

    /** LLM calls and tokens of one model in both runs. */
    public record ModelRow(String model, String provider, long callsA, long callsB, long inputA, long inputB,
                           long outputA, long outputB) {
    }

    /** A tool called with the same arguments in both runs that answered differently. */
    public record ToolChange(String method, String args, String resultA, String resultB, long callsA, long callsB) {
    }

    /**
     * Where the aligned trees first differ: the path from the root to the parent both sides share ({@code trace} is
     * the 1-based trace position), and what each side has there; {@code null} for "nothing".
     */
    public record Divergence(int trace, String traceA, String traceB, List<String> path, String a, String b,
                             String why) {
    }

    private static final class Counts {
        final Map<String, long[]> addedRemoved = new LinkedHashMap<>();

        void add(String method, int slot, long n) {
            addedRemoved.computeIfAbsent(method, k -> new long[2])[slot] += n;
        }
    }

    /** Compares run {@code a} with run {@code b}. */
    public static RunDiff of(RunSide a, Side sideA, RunSide b, Side sideB, List<String> notes) {
        List<RunSide.Tree> ta = a.trees();
        List<RunSide.Tree> tb = b.trees();
        Counts counts = new Counts();
        for (int i = 0; i < Math.max(ta.size(), tb.size()); i++) {
            align(i < ta.size() ? ta.get(i).roots() : List.of(), i < tb.size() ? tb.get(i).roots() : List.of(),
                    counts);
        }
        Divergence divergence = null;
        for (int i = 0; i < Math.max(ta.size(), tb.size()) && divergence == null; i++) {
            RunSide.Tree x = i < ta.size() ? ta.get(i) : null;
            RunSide.Tree y = i < tb.size() ? tb.get(i) : null;
            if (x == null || y == null) {
                divergence = new Divergence(i + 1, x == null ? null : x.trace(), y == null ? null : y.trace(),
                        List.of(), x == null ? null : describe(x.roots().get(0)),
                        y == null ? null : describe(y.roots().get(0)),
                        "run " + (x == null ? "A" : "B") + " has no trace " + (i + 1));
            } else {
                divergence = diverge(i + 1, x.trace(), y.trace(), new ArrayList<>(), x.roots(), y.roots());
            }
        }
        Side sa = new Side(sideA.label(), sideA.runId(), sideA.mode(), sideA.replayOf(), a.spans(), a.keptSpans(),
                ta.size(), a.maxSpans(), sideA.notes());
        Side sb = new Side(sideB.label(), sideB.runId(), sideB.mode(), sideB.replayOf(), b.spans(), b.keptSpans(),
                tb.size(), b.maxSpans(), sideB.notes());
        return new RunDiff(sa, sb, methods(a, b, counts), models(a, b), toolChanges(a, b), divergence,
                List.copyOf(notes));
    }

    /** Matches children by method and position among same-method siblings; counts the unmatched as added/removed. */
    private static void align(List<RunSide.Node> a, List<RunSide.Node> b, Counts counts) {
        Map<String, List<RunSide.Node>> byA = group(a);
        Map<String, List<RunSide.Node>> byB = group(b);
        Set<String> names = new LinkedHashSet<>(byA.keySet());
        names.addAll(byB.keySet());
        for (String m : names) {
            List<RunSide.Node> la = byA.getOrDefault(m, List.of());
            List<RunSide.Node> lb = byB.getOrDefault(m, List.of());
            int common = Math.min(la.size(), lb.size());
            for (int i = 0; i < common; i++) {
                align(la.get(i).children, lb.get(i).children, counts);
            }
            for (int i = common; i < la.size(); i++) {
                subtree(la.get(i), counts, 1);
            }
            for (int i = common; i < lb.size(); i++) {
                subtree(lb.get(i), counts, 0);
            }
        }
    }

    private static Map<String, List<RunSide.Node>> group(List<RunSide.Node> nodes) {
        Map<String, List<RunSide.Node>> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.computeIfAbsent(n.key, k -> new ArrayList<>()).add(n));
        return out;
    }

    /** Slot 0: added (in B only); slot 1: removed (in A only). */
    private static void subtree(RunSide.Node n, Counts counts, int slot) {
        List<RunSide.Node> stack = new ArrayList<>(List.of(n));
        while (!stack.isEmpty()) {
            RunSide.Node x = stack.remove(stack.size() - 1);
            counts.add(x.method, slot, 1);
            stack.addAll(x.children);
        }
    }

    /** Walks both lists of siblings in start order, depth first; the first position that differs. */
    private static Divergence diverge(int trace, String traceA, String traceB, List<String> path,
                                      List<RunSide.Node> a, List<RunSide.Node> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            RunSide.Node x = i < a.size() ? a.get(i) : null;
            RunSide.Node y = i < b.size() ? b.get(i) : null;
            if (x == null || y == null) {
                return new Divergence(trace, traceA, traceB, List.copyOf(path), x == null ? null : describe(x),
                        y == null ? null : describe(y), "call " + (i + 1) + " here is in run " + (x == null ? "B" : "A")
                        + " only");
            }
            if (!x.key.equals(y.key)) {
                return new Divergence(trace, traceA, traceB, List.copyOf(path), describe(x), describe(y),
                        "call " + (i + 1) + " here is another method");
            }
            if (x.failed != y.failed) {
                return new Divergence(trace, traceA, traceB, List.copyOf(path), describe(x), describe(y),
                        "the call failed in run " + (x.failed ? "A" : "B") + " only");
            }
            int nth = 0;
            for (int j = 0; j <= i; j++) {
                nth += a.get(j).key.equals(x.key) ? 1 : 0;
            }
            path.add(nth == 1 ? x.key : x.key + " (call " + nth + ")");
            Divergence d = diverge(trace, traceA, traceB, path, x.children, y.children);
            path.remove(path.size() - 1);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String describe(RunSide.Node n) {
        return n.key + (n.failed ? " (failed)" : "") + ", span " + Span.hex(n.id) + ", " + n.children.size()
                + " child call" + (n.children.size() == 1 ? "" : "s");
    }

    private static List<MethodRow> methods(RunSide a, RunSide b, Counts counts) {
        Set<String> names = new TreeSet<>(a.byMethod().keySet());
        names.addAll(b.byMethod().keySet());
        List<MethodRow> rows = new ArrayList<>();
        RunSide.MethodStats none = new RunSide.MethodStats();
        for (String m : names) {
            RunSide.MethodStats x = a.byMethod().getOrDefault(m, none);
            RunSide.MethodStats y = b.byMethod().getOrDefault(m, none);
            long[] ar = counts.addedRemoved.getOrDefault(m, new long[2]);
            rows.add(new MethodRow(m, x.calls(), y.calls(), ar[0], ar[1], x.calls() == 0 ? 0 : x.p50Nanos(),
                    y.calls() == 0 ? 0 : y.p50Nanos(), x.meanNanos(), y.meanNanos()));
        }
        return rows;
    }

    private static List<ModelRow> models(RunSide a, RunSide b) {
        Map<String, ModelStats[]> byModel = new LinkedHashMap<>();
        a.llm().models().forEach(m -> byModel.computeIfAbsent(m.model() + "\u0000" + m.provider(),
                k -> new ModelStats[2])[0] = m);
        b.llm().models().forEach(m -> byModel.computeIfAbsent(m.model() + "\u0000" + m.provider(),
                k -> new ModelStats[2])[1] = m);
        List<ModelRow> rows = new ArrayList<>();
        for (ModelStats[] pair : byModel.values()) {
            ModelStats any = pair[0] != null ? pair[0] : pair[1];
            rows.add(new ModelRow(any.model(), any.provider(), calls(pair[0]), calls(pair[1]),
                    pair[0] == null ? 0 : pair[0].inputTokens(), pair[1] == null ? 0 : pair[1].inputTokens(),
                    pair[0] == null ? 0 : pair[0].outputTokens(), pair[1] == null ? 0 : pair[1].outputTokens()));
        }
        return rows;
    }

    private static long calls(ModelStats m) {
        return m == null ? 0 : m.calls();
    }

    private static List<ToolChange> toolChanges(RunSide a, RunSide b) {
        List<ToolChange> out = new ArrayList<>();
        for (Map.Entry<String, RunSide.ToolResult> e : a.toolResults().entrySet()) {
            RunSide.ToolResult y = b.toolResults().get(e.getKey());
            RunSide.ToolResult x = e.getValue();
            if (y != null && (x.resultHash() != y.resultHash() || x.resultLength() != y.resultLength())) {
                out.add(new ToolChange(x.method(), x.args(), x.result(), y.result(), x.calls(), y.calls()));
            }
        }
        return out;
    }

    /** Whether B replays A, by the run records. */
    public boolean isReplayOfA() {
        return b.replayOf() != null && b.replayOf().equals(a.runId());
    }

    /** Nothing differs in the calls made: same calls per method, aligned trees equal, no changed tool result. */
    public boolean sameCalls() {
        return divergence == null && toolChanges.isEmpty()
                && methods.stream().allMatch(m -> m.added() == 0 && m.removed() == 0 && m.delta() == 0);
    }
}
