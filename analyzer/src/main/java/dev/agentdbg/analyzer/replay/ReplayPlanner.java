package dev.agentdbg.analyzer.replay;

import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.DetValues;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Works out, while a recording streams past, which recorded answers a replay would serve: per LLM endpoint and per
 * method key, what was recorded, what can be served and why the rest cannot, under the given
 * {@code agentdbg.replay.kinds} and {@code agentdbg.replay.until}. Keeps a few numbers per recorded call, never a
 * body or a value.
 */
public final class ReplayPlanner implements TraceListener {

    /** The plan comes from the recorded exchanges and values, not from captured payloads. */
    @Override
    public boolean wantsPayloads() {
        return false;
    }

    /** Lost lines and missing call numbers listed one by one; the rest are counted. */
    public static final int MAX_LISTED = 20;

    /** One recorded LLM call: its number, where it went, which llm span, and why it cannot be served. */
    private record Call(long call, String endpoint, long span, String reason) {
    }

    /** The answers of one method key, in recorded order: {@code null} for a servable one, else why not. */
    private record ValueKey(String key, String kind, String rule) {
    }

    private final Set<String> kinds;
    private final Integer until;
    private RunInfo run;
    private final Map<Integer, String> llmRules = new HashMap<>();
    private final Map<Long, String> llmSpanRules = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Set<Long> callNumbers = new HashSet<>();
    private long duplicateCalls;
    private final Map<ValueKey, List<String>> values = new LinkedHashMap<>();
    private final List<ReplayPlan.LostLine> lost = new ArrayList<>();
    private long lostTotal;
    private long otherLost;
    private final Map<String, Set<String>> detSites = new TreeMap<>();
    private final Map<String, Long> detValues = new HashMap<>();

    /** @param until LLM calls numbered above it run live; {@code null} serves them all */
    public ReplayPlanner(List<String> kinds, Integer until) {
        this.kinds = new TreeSet<>(kinds);
        this.until = until;
    }

    @Override
    public void run(RunInfo record, TraceFile file) {
        if (run == null) {
            run = record;
        }
    }

    @Override
    public void method(MethodInfo method) {
        if (Kinds.LLM.equals(method.kind()) && method.rule() != null) {
            llmRules.putIfAbsent(method.id(), method.rule());
        }
    }

    // An exchange names its llm span; the span's rule decides whether a list of rule names serves it.
    @Override
    public void start(CallStart start) {
        noteLlmSpan(start.id(), start.method());
    }

    @Override
    public void span(Span span) {
        noteLlmSpan(span.id(), span.method());
    }

    private void noteLlmSpan(long id, int method) {
        String rule = llmRules.get(method);
        if (rule != null) {
            llmSpanRules.put(id, rule);
        }
    }

    @Override
    public void exchange(Exchange e) {
        if (!callNumbers.add(e.call())) {
            // A part lost and re-written keeps the first copy, as the runtime does with the first answer it finds.
            duplicateCalls++;
            return;
        }
        calls.add(new Call(e.call(), e.endpoint(), e.span(), e.unservableReason()));
    }

    @Override
    public void value(RecordedValue v) {
        values.computeIfAbsent(new ValueKey(v.key(), v.kind(), v.rule()), k -> new ArrayList<>())
                .add(v.unservableReason());
    }

    @Override
    public void det(DetValues d) {
        detSites.computeIfAbsent(d.what(), k -> new HashSet<>()).add(d.site());
        detValues.merge(d.what(), d.values(), Long::sum);
    }

    @Override
    public void skipped(SkippedLine line, String type, String head) {
        LineGuess guess = LineGuess.of(type, head);
        if (!guess.mayHoldAnswer()) {
            otherLost++;
            return;
        }
        lostTotal++;
        String why = "lost: line " + line.line() + " of " + line.file().getFileName() + " is unreadable: "
                + line.reason();
        if ("exchange".equals(guess.type()) && guess.call() > 0 && callNumbers.add(guess.call())) {
            calls.add(new Call(guess.call(), guess.key() == null ? "(unknown endpoint)" : guess.key(), 0, why));
        } else if ("value".equals(guess.type()) && guess.key() != null) {
            values.computeIfAbsent(new ValueKey(guess.key(), guess.kind() == null ? "tool" : guess.kind(),
                    guess.rule()), k -> new ArrayList<>()).add(why);
        }
        if (lost.size() < MAX_LISTED) {
            lost.add(new ReplayPlan.LostLine(line.file(), line.line(), line.reason(), guess.type(), guess.call(),
                    guess.key()));
        }
    }

    /** The plan; call once, after the reader has gone through every file. */
    public ReplayPlan build() {
        calls.sort(Comparator.comparingLong(Call::call));
        Map<String, List<Call>> byEndpoint = new TreeMap<>();
        for (Call c : calls) {
            byEndpoint.computeIfAbsent(c.endpoint(), k -> new ArrayList<>()).add(c);
        }
        List<ReplayPlan.Group> llm = new ArrayList<>();
        byEndpoint.forEach((endpoint, list) -> llm.add(endpointGroup(endpoint, list)));
        List<ReplayPlan.Group> valueGroups = new ArrayList<>();
        values.forEach((key, reasons) -> valueGroups.add(valueGroup(key, reasons)));
        valueGroups.sort(Comparator.comparing(ReplayPlan.Group::key).thenComparing(ReplayPlan.Group::kind));
        List<ReplayPlan.Det> det = new ArrayList<>();
        detSites.forEach((what, sites) -> det.add(new ReplayPlan.Det(what, sites.size(), detValues.get(what))));
        List<Long> missing = new ArrayList<>();
        long max = callNumbers.stream().mapToLong(Long::longValue).max().orElse(0);
        long missingTotal = 0;
        for (long n = 1; n <= max; n++) {
            if (!callNumbers.contains(n) && missingTotal++ < MAX_LISTED) {
                missing.add(n);
            }
        }
        List<String> notes = new ArrayList<>();
        if (duplicateCalls > 0) {
            notes.add(duplicateCalls + " exchange record(s) repeat a call number already read (a part written"
                    + " twice?); the first of each is planned");
        }
        return new ReplayPlan(run, List.copyOf(kinds), until, llm, valueGroups, lost, lostTotal, missing,
                missingTotal, det, otherLost, notes);
    }

    private ReplayPlan.Group endpointGroup(String endpoint, List<Call> list) {
        long replayable = 0;
        long served = 0;
        List<Long> liveByKinds = new ArrayList<>();
        List<Long> liveByUntil = new ArrayList<>();
        Map<String, List<Long>> why = new LinkedHashMap<>();
        for (Call c : list) {
            if (c.reason() != null) {
                why.computeIfAbsent(c.reason(), k -> new ArrayList<>()).add(c.call());
                continue;
            }
            replayable++;
            String rule = llmSpanRules.get(c.span());
            if (!kinds.contains(Kinds.LLM) && (rule == null || !kinds.contains(rule))) {
                liveByKinds.add(c.call());
            } else if (until != null && c.call() > until) {
                liveByUntil.add(c.call());
            } else {
                served++;
            }
        }
        List<String> notServed = new ArrayList<>();
        why.forEach((reason, numbers) -> notServed.add(Ranges.calls(numbers) + ": " + reason));
        String liveReason = null;
        if (!liveByKinds.isEmpty()) {
            liveReason = "runs live (replay.kinds=" + String.join(",", kinds) + ")";
        } else if (!liveByUntil.isEmpty()) {
            liveReason = Ranges.calls(liveByUntil) + " live (replay.until=" + until + ")";
        }
        return new ReplayPlan.Group(Kinds.LLM, endpoint, null, list.size(), replayable, served,
                liveByKinds.size() + liveByUntil.size(), liveReason, notServed);
    }

    private ReplayPlan.Group valueGroup(ValueKey key, List<String> reasons) {
        boolean inKinds = kinds.contains(key.kind()) || key.rule() != null && kinds.contains(key.rule());
        long replayable = reasons.stream().filter(r -> r == null).count();
        Map<String, List<Long>> why = new LinkedHashMap<>();
        for (int i = 0; i < reasons.size(); i++) {
            if (reasons.get(i) != null) {
                why.computeIfAbsent(reasons.get(i), k -> new ArrayList<>()).add(i + 1L);
            }
        }
        List<String> notServed = new ArrayList<>();
        why.forEach((reason, numbers) -> notServed.add(Ranges.answers(numbers) + ": " + reason));
        String liveReason = inKinds ? null : "runs live (replay.kinds=" + String.join(",", kinds) + ")";
        return new ReplayPlan.Group(key.kind(), key.key(), key.rule(), reasons.size(), replayable,
                inKinds ? replayable : 0, inKinds ? 0 : replayable, liveReason, notServed);
    }
}
