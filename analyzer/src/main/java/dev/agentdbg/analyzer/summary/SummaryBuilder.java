package dev.agentdbg.analyzer.summary;

import dev.agentdbg.analyzer.llm.LlmCollector;
import dev.agentdbg.analyzer.llm.LlmReport;
import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallNames;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.DetValues;
import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceListener;
import dev.agentdbg.analyzer.replay.ReplayCollector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Aggregates a run's records as they stream past into a {@link Summary}.
 *
 * <p>Totals, percentiles, the slowest spans and error groups are kept per method in bounded memory; the timeline
 * keeps the spans of the traces it shows (and of the traces still running) only. The LLM and tool calls are aggregated alongside, for the summary's
 * LLM totals and the {@code llm} report.
 */
public final class SummaryBuilder implements TraceListener {

    /** A summary shows no payloads. */
    @Override
    public boolean wantsPayloads() {
        return false;
    }

    static final String NO_FINAL_STATS = "no final stats record: the JVM did not exit normally (killed?)";
    private static final int MAX_AGENT_ERRORS = 100;
    /** Agent spans listed under Parallel work; the rest are counted. */
    static final int MAX_PARALLEL = 20;

    /** Identifies a span across traces; span ids alone are only unique with overwhelming probability. */
    private record SpanKey(String trace, long span) {
    }

    /**
     * A breakdown row: a method, or the calls of one agent or tool that a method ran, since frameworks often run
     * every agent or every tool through one generic method.
     */
    private record MethodKey(int method, String agentName, String toolName) {

        static MethodKey of(Span span) {
            return new MethodKey(span.method(), span.attrs().string(GenAi.AGENT_NAME),
                    span.attrs().string(GenAi.TOOL_NAME));
        }

        String genAiName() {
            return agentName != null ? agentName : toolName;
        }
    }

    private final SummaryOptions options;
    private final Map<Integer, MethodInfo> methods = new HashMap<>();
    private final Map<MethodKey, GroupStats> byMethod = new HashMap<>();
    // Spans finish before their parents, so a child's duration waits here until its parent arrives.
    private final Map<SpanKey, Long> childNanos = new HashMap<>();
    // Calls that have begun and not yet ended: a start record waits here for its span record, which may come
    // in a later part. Only open calls are kept, so this holds about one entry per thread and nesting level.
    private final Map<SpanKey, CallStart> open = new HashMap<>();
    private final SlowestSpans slowest;
    private final ErrorCollector errors;
    private final TimelineBuilder timeline;
    private final ParallelWork parallel = new ParallelWork(MAX_PARALLEL);
    private final LlmCollector llm = new LlmCollector();
    private final ReplayCollector replay = new ReplayCollector();
    private final DebugFacts.Collector debug = new DebugFacts.Collector();
    private final List<AgentError> agentErrors = new ArrayList<>();
    private final List<String> runWarnings = new ArrayList<>();
    private RunInfo run;
    private AgentStats stats;
    private long spanCount;
    private long firstStart = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;
    // The latest instant any record names besides span ends: starts, and the end of each stats record.
    private long lastSeen = Long.MIN_VALUE;

    public SummaryBuilder(SummaryOptions options) {
        this.options = options;
        this.slowest = new SlowestSpans(options.top());
        this.errors = new ErrorCollector(SummaryOptions.unlimitedIfZero(options.maxErrors()));
        this.timeline = options.timeline() ? new TimelineBuilder(options) : null;
    }

    @Override
    public void run(RunInfo record, TraceFile file) {
        if (run == null) {
            run = record;
            if (record.schema() > RunInfo.SUPPORTED_SCHEMA) {
                runWarnings.add("trace schema " + record.schema() + " is newer than this analyzer understands ("
                        + RunInfo.SUPPORTED_SCHEMA + "); some information may be missing");
            }
        } else if (!run.runId().equals(record.runId())) {
            runWarnings.add(file.path().getFileName() + " belongs to run " + record.runId() + ", not "
                    + run.runId() + "; read anyway");
        }
    }

    @Override
    public void method(MethodInfo method) {
        methods.putIfAbsent(method.id(), method);
    }

    @Override
    public void start(CallStart start) {
        lastSeen = Math.max(lastSeen, start.start());
        open.put(new SpanKey(start.trace(), start.id()), start);
    }

    @Override
    public void span(Span span) {
        spanCount++;
        firstStart = Math.min(firstStart, span.start());
        lastEnd = Math.max(lastEnd, span.end());
        if (!open.isEmpty()) {
            open.remove(new SpanKey(span.trace(), span.id()));
        }
        Long children = childNanos.remove(new SpanKey(span.trace(), span.id()));
        long self = Math.max(0, span.dur() - (children == null ? 0 : children));
        // Work handed to another thread runs beside its parent, not inside its time: not subtracted.
        if (span.hasParent() && !span.async()) {
            childNanos.merge(new SpanKey(span.trace(), span.parent()), span.dur(), Long::sum);
        }
        byMethod.computeIfAbsent(MethodKey.of(span), k -> new GroupStats()).add(span.dur(), self, span.isError());
        slowest.offer(span, self);
        parallel.span(span, method(span.method()));
        llm.span(span, method(span.method()));
        if (replayRun()) {
            replay.span(span, method(span.method()));
        }
        if (span.isError()) {
            errors.add(span, self);
        }
        if (timeline != null) {
            timeline.add(span);
        }
    }

    @Override
    public void stats(AgentStats record) {
        stats = record;
        if (record.endNanos() > 0) {
            lastSeen = Math.max(lastSeen, record.endNanos());
        }
    }

    @Override
    public void agentError(AgentError error) {
        if (agentErrors.size() < MAX_AGENT_ERRORS) {
            agentErrors.add(error);
        }
    }

    @Override
    public void exchange(Exchange exchange) {
        replay.exchange(exchange);
    }

    @Override
    public void value(RecordedValue value) {
        replay.value(value);
    }

    @Override
    public void det(DetValues det) {
        replay.det(det);
    }

    @Override
    public void replayed(Replayed replayed) {
        replay.replayed(replayed);
    }

    @Override
    public void divergence(Divergence divergence) {
        replay.divergence(divergence);
    }

    @Override
    public void debug(dev.agentdbg.analyzer.model.DebugEvent event) {
        debug.add(event);
    }

    /** Only a replay needs its llm spans counted (for its replay line); other runs pay nothing. */
    private boolean replayRun() {
        return run != null && run.isReplay();
    }

    private MethodInfo method(int id) {
        MethodInfo m = methods.get(id);
        return m != null ? m : MethodInfo.unknown(id);
    }

    /** The finished summary; call once, after the reader has gone through every file. */
    public Summary build(Summary.Selection selection, ReadReport read, List<String> inputNotes) {
        Summary.Wall wall = wall();
        List<Summary.UnfinishedCall> unfinished = unfinished(wall.end());
        List<String> warnings = new ArrayList<>(inputNotes);
        warnings.addAll(read.notes());
        if (read.ignoredValuesWarning() != null) {
            warnings.add(read.ignoredValuesWarning());
        }
        warnings.addAll(read.fieldWarnings());
        warnings.addAll(runWarnings);
        warnings.addAll(statsWarnings(unfinished.size()));
        long unknown = byMethod.entrySet().stream().filter(e -> !methods.containsKey(e.getKey().method()))
                .mapToLong(e -> e.getValue().count()).sum()
                + unfinished.stream().filter(u -> u.method().isUnknown()).count();
        if (unknown > 0) {
            warnings.add(unknown + " span(s) refer to a method id that no method record describes");
        }
        for (AgentError e : agentErrors) {
            warnings.add("agent fault in " + e.where() + " (" + e.count() + "x): " + e.message());
        }
        if (replayRun()) {
            unfinished.forEach(u -> replay.span(u.call().asSpan(u.runningNanos()), u.method()));
        }
        Summary.Timeline tl = timeline == null ? null
                : timeline.build(this::method, unfinished);
        return new Summary(selection, read, run, stats, List.copyOf(agentErrors), List.copyOf(warnings), wall,
                spanCount, errors.total(), kindRows(), componentRows(), methodRows(), neverCalled(),
                slowest.slowestFirst(this::method), errors.listed(this::method), errors.groups(this::method),
                unfinished, tl, parallel.build(this::method), llm.build(unfinished.stream()
                        .map(u -> new LlmReport.Unfinished(u.call(), u.method(), u.depth(), u.runningNanos()))
                        .toList()), replay.build(run), debug.build());
    }

    /**
     * The starts whose span never came; each ran until {@code runEnd} as far as the trace knows. Grouped by trace
     * (the trace that started first comes first), then by start, so a trace's calls read outermost to innermost,
     * like a stack: the last one of a trace is where its thread was when the run ended.
     */
    private List<Summary.UnfinishedCall> unfinished(long runEnd) {
        Map<String, Long> traceStart = new HashMap<>();
        open.values().forEach(c -> traceStart.merge(c.trace(), c.start(), Math::min));
        List<Summary.UnfinishedCall> out = new ArrayList<>();
        open.values().stream()
                .sorted(Comparator.comparingLong((CallStart c) -> traceStart.get(c.trace()))
                        .thenComparing(CallStart::trace).thenComparingLong(CallStart::start)
                        .thenComparingLong(CallStart::id))
                .forEach(c -> out.add(new Summary.UnfinishedCall(c, method(c.method()), depth(c),
                        Math.max(0, runEnd - c.start()))));
        return List.copyOf(out);
    }

    /** How many unfinished calls enclose {@code call}; bounded, since corrupt ids could form a cycle. */
    private int depth(CallStart call) {
        int depth = 0;
        CallStart c = call;
        while (c.hasParent() && depth < open.size()) {
            c = open.get(new SpanKey(c.trace(), c.parent()));
            if (c == null) {
                break;
            }
            depth++;
        }
        return depth;
    }

    /** What the stats say about why spans were lost. */
    private static String dropCauses(AgentStats stats) {
        List<String> causes = new ArrayList<>();
        if (stats.droppedByMemory() > 0) {
            causes.add(stats.droppedByMemory() + " over the memory budget, agentdbg.memory.max");
        }
        if (stats.droppedAtExit() > 0) {
            causes.add(stats.droppedAtExit() + " unwritten when agentdbg.shutdown.timeout ran out at exit");
        }
        long rest = stats.dropped() - stats.droppedByMemory() - stats.droppedAtExit();
        if (rest > 0 || causes.isEmpty()) {
            causes.add((causes.isEmpty() ? "" : rest + " ") + "ring buffer full or writer failed");
        }
        return String.join("; ", causes);
    }

    private List<String> statsWarnings(int unfinished) {
        List<String> out = new ArrayList<>();
        boolean killed = stats == null || !stats.isFinal();
        if (killed) {
            out.add(NO_FINAL_STATS);
        }
        if (stats == null) {
            out.addAll(unfinishedWarning(unfinished, true));
            return out;
        }
        if (stats.dropped() > 0) {
            out.add(stats.dropped() + " span(s) were dropped (" + dropCauses(stats) + "): "
                    + "counts and times below are incomplete");
        }
        if (stats.internalErrors() > 0) {
            out.add("the agent caught " + stats.internalErrors() + " internal error(s); tracing may be incomplete");
        }
        if (stats.transformFailures() > 0) {
            out.add(stats.transformFailures() + " class(es) matched a rule but could not be instrumented");
        }
        if (stats.captureSkipped() > 0) {
            out.add(stats.captureSkipped() + " call(s) were traced without their payloads: the writer fell behind "
                    + "and agentdbg.capture.maxBuffered was reached");
        }
        if (stats.isFinal() && stats.spans() != spanCount) {
            out.add("the agent wrote " + stats.spans() + " span(s) but " + spanCount + " were read");
        }
        out.addAll(unfinishedWarning(unfinished, killed));
        return out;
    }

    private List<String> unfinishedWarning(int unfinished, boolean killed) {
        if (unfinished == 0) {
            return List.of();
        }
        String calls = unfinished == 1 ? "1 call was" : unfinished + " calls were";
        String when = killed ? "at the end of the trace"
                : "when the JVM exited (daemon threads, or System.exit() in a call)";
        // A call whose span record was dropped looks exactly like one that never ended.
        String dropped = stats != null && stats.dropped() > 0
                ? " (spans were dropped: " + (unfinished == 1 ? "it" : "some") + " may have ended without a span"
                        + " record)"
                : "";
        return List.of(calls + " still running " + when + dropped + ": see Unfinished calls");
    }

    /**
     * From the first span's start (an unfinished call counts) to the final stats record; without one (a killed
     * JVM), to the latest instant the trace names: a span's end, a call's start, a rotation's stats record.
     */
    private Summary.Wall wall() {
        boolean spans = spanCount > 0;
        long first = spans ? firstStart : 0;
        long last = spans ? lastEnd : 0;
        long firstCall = open.values().stream().mapToLong(CallStart::start).min().orElse(Long.MAX_VALUE);
        boolean calls = spans || firstCall != Long.MAX_VALUE;
        boolean finalEnd = stats != null && stats.isFinal() && stats.endNanos() > 0;
        long start = calls ? Math.min(firstStart, firstCall) : (run != null ? run.startNanos() : 0);
        String from = calls ? "first span start" : "agent start";
        if (finalEnd) {
            return new Summary.Wall(start, Math.max(stats.endNanos(), last), first, last, from + " -> final stats");
        }
        if (lastSeen > last || !spans && calls) {
            return new Summary.Wall(start, Math.max(start, Math.max(lastSeen, last)), first, last,
                    from + " -> latest time in the trace");
        }
        return new Summary.Wall(start, spans ? last : start, first, last, from + " -> last span end");
    }

    private List<Summary.BreakdownRow> kindRows() {
        Map<String, GroupStats> groups = new TreeMap<>(Kinds.ORDER);
        byMethod.forEach((key, g) -> groups.computeIfAbsent(method(key.method()).kind(), k -> new GroupStats())
                .addAll(g));
        List<Summary.BreakdownRow> rows = new ArrayList<>();
        groups.forEach((kind, g) -> rows.add(row(kind, kind, null, g)));
        return List.copyOf(rows);
    }

    private List<Summary.BreakdownRow> componentRows() {
        Map<String, GroupStats> groups = new HashMap<>();
        Map<String, TreeSet<String>> kinds = new HashMap<>();
        byMethod.forEach((key, g) -> {
            MethodInfo m = method(key.method());
            groups.computeIfAbsent(m.component(), k -> new GroupStats()).addAll(g);
            kinds.computeIfAbsent(m.component(), k -> new TreeSet<>(Kinds.ORDER)).add(m.kind());
        });
        List<Summary.BreakdownRow> rows = new ArrayList<>();
        groups.forEach((c, g) -> rows.add(row(c, String.join(",", kinds.get(c)), c, g)));
        return sortByTotal(rows);
    }

    private List<Summary.BreakdownRow> methodRows() {
        Map<String, Long> nameCounts = new HashMap<>();
        byMethod.keySet().stream().map(MethodKey::method).distinct()
                .forEach(id -> nameCounts.merge(method(id).displayName(), 1L, Long::sum));
        List<Summary.BreakdownRow> rows = new ArrayList<>();
        byMethod.forEach((key, g) -> {
            MethodInfo m = method(key.method());
            // Overloads share a display name; only then is the parameter list worth its width.
            String name = nameCounts.get(m.displayName()) > 1 ? m.displayNameWithParameters() : m.displayName();
            rows.add(new Summary.BreakdownRow(CallNames.label(name, key.genAiName()), m.kind(), m.component(), m,
                    key.agentName(), key.toolName(), g.count(), g.errors(), g.totalNanos(), g.selfNanos(), g.p50(),
                    g.p95()));
        });
        return sortByTotal(rows);
    }

    private static Summary.BreakdownRow row(String name, String kind, String component, GroupStats g) {
        return new Summary.BreakdownRow(name, kind, component, null, null, null, g.count(), g.errors(), g.totalNanos(),
                g.selfNanos(), g.p50(), g.p95());
    }

    private static List<Summary.BreakdownRow> sortByTotal(List<Summary.BreakdownRow> rows) {
        rows.sort(Comparator.comparingLong(Summary.BreakdownRow::totalNanos).reversed()
                .thenComparing(Summary.BreakdownRow::name));
        return List.copyOf(rows);
    }

    private List<MethodInfo> neverCalled() {
        Set<Integer> ran = new HashSet<>();
        open.values().forEach(c -> ran.add(c.method()));
        byMethod.keySet().forEach(key -> ran.add(key.method()));
        return methods.values().stream()
                .filter(m -> !ran.contains(m.id()))
                .sorted(Comparator.comparing(MethodInfo::className).thenComparing(MethodInfo::method)
                        .thenComparingInt(MethodInfo::id))
                .toList();
    }
}
