package dev.agentdbg.analyzer.slow;

import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.TimeOrigin;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Finds the spans over their threshold and splits each one's time into LLM wait, tool time and own time.
 *
 * <p>A span record is written when the call ends, so children come before their parent. For every parent that has
 * not ended yet this keeps the intervals its children spent in LLM calls and in tool calls (their unions, at most
 * {@value Intervals#CAP} disjoint intervals each) and its direct tool children (at most {@value #MAX_DIRECT_TOOLS});
 * when the parent ends they are measured and handed up to its own parent. At most {@value #MAX_PENDING} parents are
 * pending at once; children of further ones are counted as cut. The slow spans kept are the {@code top} longest.
 *
 * <p>An async LLM or tool call may end after its parent (a stream read on another thread): its {@code start} record
 * came before the parent's span, so when the parent ends with such a call still open, the call counts from its start
 * to the parent's end, and its own span record, when it comes, is not counted again. The part of it after the
 * parent's end is in no ancestor's LLM or tool time.
 */
public final class SlowCollector implements TraceListener {

    /** Times only; inspect shows a slow span's payload. */
    @Override
    public boolean wantsPayloads() {
        return false;
    }

    static final int MAX_PENDING = 100_000;
    static final int MAX_DIRECT_TOOLS = 256;

    /** What the children of one not yet ended span contributed. */
    private static final class Pending {
        final Intervals llm = new Intervals();
        final Intervals tool = new Intervals();
        long[] toolStarts = new long[0];
        long[] toolEnds = new long[0];
        int tools;

        void directTool(long start, long end) {
            if (tools == MAX_DIRECT_TOOLS) {
                return;
            }
            if (tools == toolStarts.length) {
                toolStarts = Arrays.copyOf(toolStarts, Math.max(4, tools * 2));
                toolEnds = Arrays.copyOf(toolEnds, toolStarts.length);
            }
            toolStarts[tools] = start;
            toolEnds[tools] = end;
            tools++;
        }

        /** Two or more direct tool calls and none overlapping another. */
        boolean serial() {
            if (tools < 2) {
                return false;
            }
            Integer[] order = new Integer[tools];
            for (int i = 0; i < tools; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong(i -> toolStarts[i]));
            for (int k = 1; k < tools; k++) {
                if (toolStarts[order[k]] < toolEnds[order[k - 1]]) {
                    return false;
                }
            }
            return true;
        }

        long savable() {
            long sum = 0;
            long max = 0;
            for (int i = 0; i < tools; i++) {
                long d = toolEnds[i] - toolStarts[i];
                sum += d;
                max = Math.max(max, d);
            }
            return sum - max;
        }
    }

    private static final Pending NONE = new Pending();

    /** An LLM or tool call that has begun and not ended yet. */
    private record Open(long id, long start, boolean llm) {
    }

    private final SpanFilter filter;
    private final Map<Integer, Long> percentiles;
    private final Long absolute;
    private final int top;
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    /** Open LLM and tool calls by their parent's id. */
    private final Map<Long, List<Open>> open = new HashMap<>();
    /** Calls already counted up to their parent's end, whose span records are still to come. */
    private final Set<Long> late = new HashSet<>();
    private final PriorityQueue<SlowSpan> slowest = new PriorityQueue<>(
            Comparator.comparingLong((SlowSpan s) -> s.span().dur()));
    private final Intervals wall = Intervals.folding();
    private final Intervals llmWall = Intervals.folding();
    /** LLM and tool intervals together: tool time is its measure minus the LLM wait. */
    private final Intervals busyWall = Intervals.folding();
    private RunInfo run;
    private final TimeOrigin origin = new TimeOrigin();
    private long considered;
    private long slow;
    private long roots;
    private long cutChildren;
    private long cutIntervals;

    /**
     * @param percentiles each method's threshold by method id (the first pass), or {@code null} with {@code absolute}
     * @param absolute    one threshold for every span in ns, or {@code null}
     */
    public SlowCollector(SpanFilter filter, Map<Integer, Long> percentiles, Long absolute, int top) {
        this.filter = filter;
        this.percentiles = percentiles;
        this.absolute = absolute;
        this.top = top;
    }

    @Override
    public void run(RunInfo run, TraceFile file) {
        if (this.run == null) {
            this.run = run;
        }
    }

    @Override
    public void method(MethodInfo method) {
        methods.putIfAbsent(method.id(), method);
    }

    @Override
    public void start(CallStart start) {
        origin.start(start);
        MethodInfo m = methods.computeIfAbsent(start.method(), MethodInfo::unknown);
        boolean llm = Kinds.LLM.equals(m.kind());
        if (!start.hasParent() || !(llm || Kinds.TOOL.equals(m.kind()))) {
            return;
        }
        if (open.size() >= MAX_PENDING && !open.containsKey(start.parent())) {
            return;
        }
        open.computeIfAbsent(start.parent(), k -> new ArrayList<>(2)).add(new Open(start.id(), start.start(), llm));
    }

    @Override
    public void span(Span span) {
        origin.span(span);
        MethodInfo m = methods.computeIfAbsent(span.method(), MethodInfo::unknown);
        if (span.hasParent()) {
            List<Open> siblings = open.get(span.parent());
            if (siblings != null) {
                siblings.removeIf(o -> o.id() == span.id());
                if (siblings.isEmpty()) {
                    open.remove(span.parent());
                }
            }
        }
        Pending mine = pending.remove(span.id());
        List<Open> stillOpen = open.remove(span.id());
        if (stillOpen != null) {
            mine = mine == null ? new Pending() : mine;
            for (Open o : stillOpen) {
                if (o.llm()) {
                    mine.llm.add(o.start(), span.end());
                } else {
                    mine.tool.add(o.start(), span.end());
                    mine.directTool(o.start(), span.end());
                }
                if (late.size() < MAX_PENDING) {
                    late.add(o.id());
                }
            }
        }
        Pending children = mine == null ? NONE : mine;
        cutIntervals += children.llm.dropped() + children.tool.dropped();
        long lo = span.start();
        long hi = span.end();
        Intervals llm = children.llm.clip(lo, hi);
        Intervals tool = children.tool.clip(lo, hi);
        boolean isLlm = Kinds.LLM.equals(m.kind());
        boolean isTool = Kinds.TOOL.equals(m.kind());
        if (isLlm) {
            // An LLM call's own time is the wait for the model.
            llm = new Intervals();
            llm.add(lo, hi);
        }
        long llmNs = llm.measure();
        Intervals both = new Intervals();
        both.addAll(llm);
        both.addAll(tool);
        long bothNs = both.measure();
        long toolNs = bothNs - llmNs;
        long ownNs = span.dur() - bothNs;

        if (filter.test(span, m, origin.nanos())) {
            considered++;
            Long threshold = absolute != null ? absolute : percentiles.get(span.method());
            if (threshold != null && span.dur() >= threshold) {
                slow++;
                boolean serial = children.serial();
                SlowSpan.Verdict verdict = verdict(isLlm, llmNs, toolNs, ownNs, serial);
                offer(new SlowSpan(span.withoutPayload(), m, threshold, llmNs, toolNs, ownNs, children.tools, serial,
                        serial ? children.savable() : 0, verdict));
            }
        }

        if (!span.hasParent()) {
            if (filter.traces() == null || filter.traces().stream().anyMatch(t -> span.trace().startsWith(t))) {
                roots++;
                wall.add(lo, hi);
                llmWall.addAll(llm);
                busyWall.addAll(llm);
                busyWall.addAll(tool);
                if (isTool) {
                    busyWall.add(lo, hi);
                }
            }
            return;
        }
        if (late.remove(span.id())) {
            return;
        }
        Pending parent = pending.get(span.parent());
        if (parent == null) {
            if (pending.size() >= MAX_PENDING) {
                cutChildren++;
                return;
            }
            parent = new Pending();
            pending.put(span.parent(), parent);
        }
        if (isLlm) {
            parent.llm.add(lo, hi);
        } else if (isTool) {
            parent.tool.add(lo, hi);
            parent.directTool(lo, hi);
        } else {
            parent.llm.addAll(llm);
            parent.tool.addAll(tool);
        }
    }

    private static SlowSpan.Verdict verdict(boolean isLlm, long llm, long tool, long own, boolean serial) {
        if (isLlm || (llm >= tool && llm >= own)) {
            return SlowSpan.Verdict.LLM;
        }
        if (own >= tool) {
            return SlowSpan.Verdict.OWN;
        }
        return serial ? SlowSpan.Verdict.SERIAL_TOOLS : SlowSpan.Verdict.TOOLS;
    }

    private void offer(SlowSpan s) {
        slowest.add(s);
        if (slowest.size() > top) {
            slowest.poll();
        }
    }

    public SlowReport build(Double percentile) {
        List<SlowSpan> spans = new ArrayList<>(slowest);
        spans.sort(Comparator.comparingLong((SlowSpan s) -> s.span().dur()).reversed()
                .thenComparingLong(s -> s.span().start()));
        long wallNs = wall.measure();
        long llmNs = llmWall.measure();
        long bothNs = busyWall.measure();
        long droppedIntervals = cutIntervals;
        SlowReport.Total total = new SlowReport.Total(roots, wallNs, llmNs, bothNs - llmNs, wallNs - bothNs);
        return new SlowReport(run, origin.nanos(), percentile, absolute, considered, slow, spans, total,
                new SlowReport.Cut(droppedIntervals, cutChildren, pending.size(),
                        wall.approximate() + llmWall.approximate() + busyWall.approximate()));
    }
}
