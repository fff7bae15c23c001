package dev.agentdbg.analyzer.why;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.analyzer.errors.MessageNormalizer;
import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.TimeOrigin;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.ClassSeen;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.model.SpanError;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams a run once for {@code why}. What it keeps does not grow with the number of spans: per instrumented
 * method a call count and its callers' methods; for the target, counts, a few span ids per outcome and up to
 * {@value #ERROR_GROUPS} kinds of exception; the {@code class} records (bounded by the agent); and, to tell
 * which spans had an LLM or tool call beneath them and which method each parent ran, only the spans still open
 * (children are written before their parents), capped at {@value #OPEN_CAP}.
 */
public final class WhyCollector implements TraceListener {

    static final int SAMPLE_SPANS = 5;
    static final int ERROR_GROUPS = 10;
    static final int OPEN_CAP = 100_000;
    static final int RECENT = 8_192;
    static final int CLASS_CAP = 2_000;
    /** Stands for "no parent" among caller method ids. */
    static final int ROOT = -1;
    /** Stands for a parent whose method could not be told (its span is missing or was let go). */
    static final int UNKNOWN_PARENT = -2;

    private final WhyTarget target;
    private final SpanFilter filter;
    private RunInfo run;
    /** The time filters count from the run's first call, as in every command (see {@link TimeOrigin}). */
    private final TimeOrigin origin = new TimeOrigin();
    private AgentStats stats;
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final Map<Integer, Boolean> isTarget = new HashMap<>();
    final Map<Integer, MethodCalls> calls = new HashMap<>();
    final List<ClassSeen> classes = new ArrayList<>();
    long classesOverCap;

    /**
     * Span id -> {method id, parent span id} of recent spans: a span on another thread may be written after its
     * parent (each thread's spans are written in turn), and still needs its parent's method and ancestors.
     */
    private final LinkedHashMap<Long, long[]> recent = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
            return size() > RECENT;
        }
    };
    /**
     * Target agent calls with no LLM or tool call beneath them so far: one written later (from another thread)
     * may still show they did their work. Decided at the end, or when let go past {@value #RECENT}.
     */
    private final LinkedHashMap<Long, Span> maybeEarly = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Span> eldest) {
            if (size() > RECENT) {
                early(eldest.getValue(), NO_WORK);
                return true;
            }
            return false;
        }
    };
    static final String NO_WORK = "returned before calling any LLM or tool";
    /** Parent span id -> method ids of its children seen so far (the parent is still open). */
    private final Map<Long, List<Integer>> waiting = new HashMap<>();
    /** Span ids still open that already had an LLM or tool call beneath them. */
    private final Set<Long> hadWork = new HashSet<>();
    long openDropped;

    // the target's calls
    long targetCalls;
    long targetFailed;
    long targetEarly;
    long targetOk;
    long filteredOut;
    final List<Span> failedSpans = new ArrayList<>();
    final List<Span> earlySpans = new ArrayList<>();
    final List<Span> okSpans = new ArrayList<>();
    final Map<String, Long> earlyReasons = new LinkedHashMap<>();
    final Map<String, ErrorGroup> errors = new LinkedHashMap<>();
    long otherErrors;
    /** Parent span id -> how many target calls it made, until the parent's method is known. */
    private final Map<Long, Long> targetParents = new HashMap<>();
    final Map<Integer, Long> targetCallers = new HashMap<>();

    /** Calls of one instrumented method, and the methods that made them. */
    static final class MethodCalls {
        long calls;
        long failed;
        final Map<Integer, Long> callers = new HashMap<>();
    }

    /** One kind of exception the target ended with. */
    record ErrorGroup(SpanError error, Span first, long[] count) {
    }

    public WhyCollector(WhyTarget target, SpanFilter filter) {
        this.target = target;
        this.filter = filter;
    }

    @Override
    public void run(RunInfo info, TraceFile file) {
        if (run == null) {
            run = info;
        }
    }

    @Override
    public void method(MethodInfo method) {
        methods.putIfAbsent(method.id(), method);
    }

    @Override
    public void stats(AgentStats s) {
        if (stats == null || s.isFinal() || !stats.isFinal()) {
            stats = s;
        }
    }

    @Override
    public void classSeen(ClassSeen seen) {
        if (classes.size() < CLASS_CAP) {
            classes.add(seen);
        } else {
            classesOverCap++;
        }
    }

    @Override
    public void start(CallStart start) {
        origin.start(start);
    }

    @Override
    public void span(Span span) {
        origin.span(span);
        MethodInfo m = method(span.method());
        boolean work = hadWork.remove(span.id());
        List<Integer> children = waiting.remove(span.id());
        if (children != null) {
            for (int child : children) {
                caller(child, span.method());
            }
        }
        Long madeTargetCalls = targetParents.remove(span.id());
        if (madeTargetCalls != null) {
            targetCallers.merge(span.method(), madeTargetCalls, Long::sum);
        }
        recent.put(span.id(), new long[] {span.method(), span.parent()});
        MethodCalls own = calls.computeIfAbsent(span.method(), k -> new MethodCalls());
        own.calls++;
        own.failed += span.isError() ? 1 : 0;
        if (!span.hasParent()) {
            caller(span.method(), ROOT);
        } else {
            long[] parent = recent.get(span.parent());
            if (parent != null) {
                caller(span.method(), (int) parent[0]); // the parent was written first: work on another thread
            } else if (open()) {
                waiting.computeIfAbsent(span.parent(), k -> new ArrayList<>(2)).add(span.method());
            } else {
                caller(span.method(), UNKNOWN_PARENT);
            }
        }
        boolean isWork = Kinds.LLM.equals(m.kind()) || Kinds.TOOL.equals(m.kind());
        if (work || isWork) {
            markAncestors(span.parent());
        }
        if (isTarget(m, span)) {
            if (!filter.test(span, m, origin.nanos())) {
                filteredOut++;
            } else {
                target(span, m, work);
            }
        }
    }

    /**
     * An LLM or tool call ended beneath {@code parent}: every ancestor already written that was waiting to be
     * judged did its work; the first one still open is told when it ends.
     */
    private void markAncestors(long parent) {
        for (int depth = 0; parent != 0 && depth < 256; depth++) {
            Span waitingTarget = maybeEarly.remove(parent);
            if (waitingTarget != null) {
                ok(waitingTarget);
            }
            long[] ancestor = recent.get(parent);
            if (ancestor == null) {
                if (open()) {
                    hadWork.add(parent);
                }
                return;
            }
            parent = ancestor[1];
        }
    }

    private boolean open() {
        if (waiting.size() + hadWork.size() + targetParents.size() < OPEN_CAP) {
            return true;
        }
        openDropped++;
        return false;
    }

    private void caller(int method, int caller) {
        calls.computeIfAbsent(method, k -> new MethodCalls()).callers.merge(caller, 1L, Long::sum);
    }

    /** After the last record: calls whose parent never ended in the trace have an unknown caller. */
    void finish() {
        waiting.values().forEach(children -> children.forEach(child -> caller(child, UNKNOWN_PARENT)));
        waiting.clear();
        targetParents.values().forEach(n -> targetCallers.merge(UNKNOWN_PARENT, n, Long::sum));
        targetParents.clear();
        hadWork.clear();
        maybeEarly.values().forEach(span -> early(span, NO_WORK));
        maybeEarly.clear();
    }

    private boolean isTarget(MethodInfo m, Span span) {
        return isTarget.computeIfAbsent(m.id(), id -> target.matches(m)) || target.matchesAttributes(span, m.kind());
    }

    private void target(Span span, MethodInfo m, boolean hadWorkBeneath) {
        targetCalls++;
        if (!span.hasParent()) {
            targetCallers.merge(ROOT, 1L, Long::sum);
        } else if (recent.containsKey(span.parent())) {
            targetCallers.merge((int) recent.get(span.parent())[0], 1L, Long::sum);
        } else if (open()) {
            targetParents.merge(span.parent(), 1L, Long::sum);
        }
        Span kept = span.withoutPayload();
        if (span.isError()) {
            targetFailed++;
            sample(failedSpans, kept);
            // folded as errors folds them: "reset 41" and "reset 42" are one kind of failure
            String key = span.error().type() + "\n" + MessageNormalizer.normalize(span.error().message());
            ErrorGroup g = errors.get(key);
            if (g != null) {
                g.count()[0]++;
            } else if (errors.size() < ERROR_GROUPS) {
                errors.put(key, new ErrorGroup(span.error(), kept, new long[] {1}));
            } else {
                otherErrors++;
            }
            return;
        }
        String early = earlyReason(span, m, hadWorkBeneath);
        if (NO_WORK.equals(early)) {
            maybeEarly.put(span.id(), kept);
        } else if (early != null) {
            early(kept, early);
        } else {
            ok(kept);
        }
    }

    private void early(Span span, String reason) {
        targetEarly++;
        earlyReasons.merge(reason, 1L, Long::sum);
        sample(earlySpans, span);
    }

    private void ok(Span span) {
        targetOk++;
        sample(okSpans, span);
    }

    /** Why a call that returned counts as returning early, or null when it did its work. */
    private static String earlyReason(Span span, MethodInfo m, boolean hadWorkBeneath) {
        JsonNode result = span.result();
        if (result != null) {
            if (result.isNull()) {
                return "returned null";
            }
            if (result.isBoolean() && !result.asBoolean()) {
                return "returned false";
            }
            if (result.isTextual() && result.asText().isBlank()) {
                return "returned an empty string";
            }
            if ((result.isArray() || result.isObject()) && result.isEmpty()) {
                return "returned an empty " + (result.isArray() ? "collection" : "object");
            }
        }
        boolean leaf = Kinds.LLM.equals(m.kind()) || Kinds.TOOL.equals(m.kind()) || "retrieval".equals(m.kind());
        if ("agent".equals(m.kind()) && !leaf && !hadWorkBeneath) {
            return NO_WORK;
        }
        return null;
    }

    private static void sample(List<Span> into, Span span) {
        if (into.size() < SAMPLE_SPANS) {
            into.add(span);
        }
    }

    /** The method record of an id, or a stand-in when none was read. */
    MethodInfo method(int id) {
        return methods.computeIfAbsent(id, MethodInfo::unknown);
    }

    Map<Integer, MethodInfo> methods() {
        return methods;
    }

    RunInfo runInfo() {
        return run;
    }

    /** Epoch ns of the run's first call, the +0 of the offsets as of the time window; 0 if no call was read. */
    long originNanos() {
        return origin.nanos();
    }

    AgentStats agentStats() {
        return stats;
    }

    WhyTarget target() {
        return target;
    }
}
