package dev.agentdbg.analyzer.inspect;

import dev.agentdbg.analyzer.filter.SpanFilter;
import dev.agentdbg.analyzer.filter.TimeOrigin;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.BadInputException;
import dev.agentdbg.analyzer.read.ReadReport;
import dev.agentdbg.analyzer.read.RunFiles;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceListener;
import dev.agentdbg.analyzer.read.TraceReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Streams a run for {@code inspect}: the spans matching a filter, or one span with its parent chain, children and
 * subtree. Spans are written children first, so one span is found in a first pass and its relatives in a second;
 * only the chosen span keeps its payload, and every other collection is bounded.
 */
public final class Inspector {

    /** A span id as the command takes it: 16 hex digits, or their first ones. */
    public static final Pattern SPAN_ID = Pattern.compile("[0-9a-fA-F]{1,16}");
    /** Spans held (without payloads) to build a subtree; past this the tree is cut and says so. */
    static final int MAX_TREE_SPANS = 100_000;
    /** Passes over the run to follow a parent chain whose spans were written before their children (async work). */
    private static final int MAX_CHAIN_PASSES = 4;
    private static final int CANDIDATES_NAMED = 5;

    private final TraceReader reader;

    public Inspector() {
        this(new TraceReader());
    }

    /** An inspector that reads with {@code reader} (and its progress line). */
    public Inspector(TraceReader reader) {
        this.reader = reader;
    }

    /** The spans of {@code run} that {@code filter} lets through, the earliest {@code limit} of them kept. */
    public Listing list(RunFiles run, SpanFilter filter, int limit) throws BadInputException {
        EarliestSpans kept = new EarliestSpans(limit);
        Methods methods = new Methods();
        RunInfo[] info = new RunInfo[1];
        long[] spans = new long[1];
        TimeOrigin origin = new TimeOrigin();
        ReadReport read = reader.read(run, new TraceListener() {
            @Override
            public void run(RunInfo r, TraceFile file) {
                if (info[0] == null) {
                    info[0] = r;
                }
            }

            @Override
            public void method(MethodInfo m) {
                methods.add(m);
            }

            @Override
            public void start(CallStart start) {
                origin.start(start);
            }

            @Override
            public void span(Span span) {
                spans[0]++;
                origin.span(span);
                MethodInfo m = methods.of(span.method());
                if (filter.test(span, m, origin.nanos())) {
                    kept.offer(new SpanRow(span.withoutPayload(), m));
                }
            }
        });
        requireRecords(run, read);
        return new Listing(run.runId(), info[0], origin.nanos(), kept.sorted(), kept.offered(), spans[0], read,
                List.of());
    }

    /**
     * The span whose id starts with {@code idPrefix} (among those {@code filter} lets through) with its relatives.
     *
     * @param treeDepth the levels of the subtree to show, 0 for all, or -1 for no subtree
     * @param limit     children listed, and lines of the subtree
     * @throws BadInputException when no span or more than one span has such an id
     */
    public Inspection inspect(RunFiles run, String idPrefix, SpanFilter filter, int treeDepth, int limit)
            throws BadInputException {
        String prefix = idPrefix.toLowerCase(Locale.ROOT);
        Finder finder = new Finder(prefix, filter, limit);
        ReadReport read = reader.read(run, finder);
        requireRecords(run, read);
        if (finder.found == null) {
            throw new BadInputException("no span with id " + (prefix.length() == 16 ? prefix : "starting with " + prefix)
                    + " in run " + run.runId() + (filter.isAll() ? "" : " that matches the filters") + " ("
                    + finder.spans + " spans read); list them with: inspect <trace> [filters]");
        }
        if (!finder.others.isEmpty()) {
            List<String> all = new ArrayList<>();
            all.add(finder.found.idHex());
            finder.others.forEach(id -> all.add(Span.hex(id)));
            List<String> named = all.stream().sorted().limit(CANDIDATES_NAMED).toList();
            long total = finder.others.size() + 1;
            throw new BadInputException("span id prefix " + prefix + " is ambiguous: " + total + " spans start with it ("
                    + String.join(", ", named) + (total > named.size() ? ", ..." : "") + "); give more digits");
        }
        Span span = finder.found;
        long runStart = finder.origin.nanos();
        if (finder.exact && treeDepth < 0 && finder.wanted == 0) {
            // A full id: the first pass collected the children and records too, and the chain reached its root.
            List<SpanRow> ancestors = new ArrayList<>(finder.chain);
            java.util.Collections.reverse(ancestors);
            return new Inspection(run.runId(), finder.info, runStart, span, finder.methods.of(span.method()),
                    ancestors, 0, false, finder.children.sorted(), finder.children.offered(), null,
                    finder.replayed, finder.exchanges, finder.values, finder.debug, read, List.of());
        }
        Relatives relatives = new Relatives(span, finder.methods, finder.chain, finder.wanted, treeDepth >= 0, limit);
        reader.read(run, relatives);
        for (int pass = 0; relatives.chainProgressed && relatives.wanted != 0 && pass < MAX_CHAIN_PASSES; pass++) {
            relatives.chainProgressed = false;
            reader.read(run, relatives.chainOnly());
        }
        List<SpanRow> ancestors = new ArrayList<>(relatives.chain);
        java.util.Collections.reverse(ancestors);
        List<String> notes = new ArrayList<>();
        Inspection.Tree tree = null;
        if (treeDepth >= 0) {
            if (relatives.treeCut) {
                notes.add("the subtree holds more than " + MAX_TREE_SPANS + " spans; the tree shows the first of them");
            }
            tree = relatives.tree(treeDepth, limit);
        }
        return new Inspection(run.runId(), finder.info, runStart, span, finder.methods.of(span.method()), ancestors,
                relatives.wanted, relatives.wantedRunning, relatives.children.sorted(), relatives.children.offered(),
                tree, relatives.replayed, relatives.exchanges, relatives.values, relatives.debug, read, notes);
    }

    private static void requireRecords(RunFiles run, ReadReport read) throws BadInputException {
        if (read.records() == 0) {
            String why = read.skipped().isEmpty() ? "" : ": " + read.skipped().get(0).describe();
            String what = run.parts().size() == 1 ? run.parts().get(0).path().toString()
                    : "run " + run.runId() + " (" + run.parts().size() + " files)";
            throw new BadInputException("no trace records could be read from " + what + why);
        }
    }

    /** First pass: the span asked for, other spans its prefix would name, and the ancestors written after it. */
    private static final class Finder implements TraceListener {
        final String prefix;
        final SpanFilter filter;
        final Methods methods = new Methods();
        final List<Long> others = new ArrayList<>();
        final List<SpanRow> chain = new ArrayList<>();
        RunInfo info;
        Span found;
        long wanted;
        long spans;
        final TimeOrigin origin = new TimeOrigin();

        /** A full 16-digit id: its children and records can be collected before the span itself is read. */
        final boolean exact;
        final long exactId;
        final EarliestSpans children;
        final List<Replayed> replayed = new ArrayList<>();
        final List<Exchange> exchanges = new ArrayList<>();
        final List<RecordedValue> values = new ArrayList<>();
        final List<dev.agentdbg.analyzer.model.DebugEvent> debug = new ArrayList<>();

        Finder(String prefix, SpanFilter filter, int limit) {
            this.prefix = prefix;
            this.filter = filter;
            this.exact = prefix.length() == 16;
            this.exactId = exact ? Long.parseUnsignedLong(prefix, 16) : 0;
            this.children = new EarliestSpans(limit);
        }

        @Override
        public void start(CallStart start) {
            origin.start(start);
        }

        @Override
        public void debug(dev.agentdbg.analyzer.model.DebugEvent e) {
            if (exact && e.span() == exactId && debug.size() < 100) {
                debug.add(e);
            }
        }

        @Override
        public void replayed(Replayed r) {
            if (exact && r.span() == exactId && replayed.size() < 100) {
                replayed.add(r);
            }
        }

        @Override
        public void exchange(Exchange e) {
            if (exact && e.span() == exactId && exchanges.size() < 100) {
                exchanges.add(e);
            }
        }

        @Override
        public void value(RecordedValue v) {
            if (exact && v.span() == exactId && values.size() < 100) {
                values.add(v);
            }
        }

        @Override
        public void run(RunInfo r, TraceFile file) {
            if (info == null) {
                info = r;
            }
        }

        @Override
        public void method(MethodInfo m) {
            methods.add(m);
        }

        @Override
        public void span(Span span) {
            spans++;
            origin.span(span);
            if (exact && span.parent() == exactId && span.id() != exactId) {
                children.offer(new SpanRow(span.withoutPayload(), methods.of(span.method())));
            }
            if (found != null && wanted != 0 && span.id() == wanted && span.trace().equals(found.trace())) {
                chain.add(new SpanRow(span.withoutPayload(), methods.of(span.method())));
                wanted = span.parent();
            }
            if (!span.idHex().startsWith(prefix)
                    || !filter.test(span, methods.of(span.method()), origin.nanos())) {
                return;
            }
            if (found == null) {
                found = span;
                wanted = span.parent();
            } else if (span.id() != found.id() && !others.contains(span.id()) && others.size() < 1000) {
                others.add(span.id());
            }
        }
    }

    /** Second pass: children, the subtree's spans, the rest of the parent chain, the record/replay records. */
    private static final class Relatives implements TraceListener {
        final Span target;
        final Methods methods;
        final List<SpanRow> chain;
        final boolean withTree;
        final EarliestSpans children;
        final List<Replayed> replayed = new ArrayList<>();
        final List<Exchange> exchanges = new ArrayList<>();
        final List<RecordedValue> values = new ArrayList<>();
        final List<dev.agentdbg.analyzer.model.DebugEvent> debug = new ArrayList<>();
        final Map<Long, List<SpanRow>> byParent = new HashMap<>();
        int treeSpans;
        boolean treeCut;
        long wanted;
        boolean wantedRunning;
        boolean chainProgressed;

        Relatives(Span target, Methods methods, List<SpanRow> chain, long wanted, boolean withTree, int limit) {
            this.target = target;
            this.methods = methods;
            this.chain = chain;
            this.wanted = wanted;
            this.withTree = withTree;
            this.children = new EarliestSpans(limit);
        }

        @Override
        public void span(Span span) {
            follow(span);
            if (!span.trace().equals(target.trace()) || span.id() == target.id()) {
                return;
            }
            if (span.parent() == target.id()) {
                children.offer(new SpanRow(span.withoutPayload(), methods.of(span.method())));
            }
            if (withTree && (span.parent() == target.id()
                    || span.start() >= target.start() && span.start() <= target.end())) {
                if (treeSpans >= MAX_TREE_SPANS) {
                    treeCut = true;
                    return;
                }
                treeSpans++;
                byParent.computeIfAbsent(span.parent(), k -> new ArrayList<>())
                        .add(new SpanRow(span.withoutPayload(), methods.of(span.method())));
            }
        }

        void follow(Span span) {
            if (wanted != 0 && span.id() == wanted && span.trace().equals(target.trace())) {
                chain.add(new SpanRow(span.withoutPayload(), methods.of(span.method())));
                wanted = span.parent();
                wantedRunning = false;
                chainProgressed = true;
            }
        }

        @Override
        public void start(CallStart start) {
            if (wanted != 0 && start.id() == wanted && start.trace().equals(target.trace())) {
                wantedRunning = true;
            }
        }

        @Override
        public void debug(dev.agentdbg.analyzer.model.DebugEvent e) {
            if (e.span() == target.id() && debug.size() < 100) {
                debug.add(e);
            }
        }

        @Override
        public void replayed(Replayed r) {
            if (r.span() == target.id() && replayed.size() < 100) {
                replayed.add(r);
            }
        }

        @Override
        public void exchange(Exchange e) {
            if (e.span() == target.id() && exchanges.size() < 100) {
                exchanges.add(e);
            }
        }

        @Override
        public void value(RecordedValue v) {
            if (v.span() == target.id() && values.size() < 100) {
                values.add(v);
            }
        }

        TraceListener chainOnly() {
            return new TraceListener() {
                @Override
                public void span(Span span) {
                    follow(span);
                }

                @Override
                public void start(CallStart start) {
                    Relatives.this.start(start);
                }
            };
        }

        Inspection.Tree tree(int depth, int limit) {
            int[] lines = {0};
            return node(new SpanRow(target.withoutPayload(), methods.of(target.method())), 0, depth, limit, lines);
        }

        private Inspection.Tree node(SpanRow row, int level, int depth, int limit, int[] lines) {
            List<SpanRow> kids = new ArrayList<>(byParent.getOrDefault(row.span().id(), List.of()));
            kids.sort(Comparator.comparingLong((SpanRow r) -> r.span().start()).thenComparingLong(r -> r.span().id()));
            List<Inspection.Tree> shown = new ArrayList<>();
            long hidden = 0;
            for (SpanRow kid : kids) {
                if ((depth > 0 && level + 1 > depth) || lines[0] >= limit) {
                    hidden += 1 + descendants(kid.span().id());
                    continue;
                }
                lines[0]++;
                shown.add(node(kid, level + 1, depth, limit, lines));
            }
            return new Inspection.Tree(row, shown, hidden);
        }

        private long descendants(long id) {
            long n = 0;
            List<Long> todo = new ArrayList<>(List.of(id));
            while (!todo.isEmpty()) {
                for (SpanRow r : byParent.getOrDefault(todo.remove(todo.size() - 1), List.of())) {
                    n++;
                    todo.add(r.span().id());
                }
            }
            return n;
        }
    }
}
