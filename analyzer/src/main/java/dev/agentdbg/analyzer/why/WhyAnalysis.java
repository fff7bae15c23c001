package dev.agentdbg.analyzer.why;

import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.ClassSeen;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RuleInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.why.WhyReport.Caller;
import dev.agentdbg.analyzer.why.WhyReport.ClassEvidence;
import dev.agentdbg.analyzer.why.WhyReport.Counts;
import dev.agentdbg.analyzer.why.WhyReport.MethodCalls;
import dev.agentdbg.analyzer.why.WhyReport.RuleMiss;
import dev.agentdbg.analyzer.why.WhyReport.RuleState;
import dev.agentdbg.analyzer.why.WhyReport.SpanRef;
import dev.agentdbg.analyzer.why.WhyReport.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what a {@link WhyCollector} kept into the verdict and its evidence. */
public final class WhyAnalysis {

    /** Classes shown as evidence, and rules shown per class. */
    static final int CLASSES_SHOWN = 5;
    static final int MISSES_SHOWN = 3;

    private WhyAnalysis() {
    }

    public static WhyReport build(WhyCollector c) {
        c.finish();
        WhyTarget target = c.target();
        RunInfo run = c.runInfo();
        AgentStats stats = c.agentStats();
        List<MethodCalls> methods = new ArrayList<>();
        for (MethodInfo m : c.methods().values()) {
            if (target.matches(m)) {
                methods.add(calls(c, m));
            }
        }
        methods.sort(Comparator.comparing((MethodCalls mc) -> mc.method().displayName()));
        Counts counts = new Counts(c.targetCalls, c.targetOk, c.targetFailed, c.targetEarly, c.filteredOut);
        List<String> notes = new ArrayList<>();
        List<RuleInfo> rules = run == null ? List.of() : run.rules();
        List<RuleState> named = new ArrayList<>();
        for (RuleInfo r : rules) {
            if (target.namesRule(r)) {
                Boolean matched = stats == null || stats.unmatchedRules() == null ? null
                        : !stats.unmatchedRules().contains(r.name());
                named.add(new RuleState(r.name(), r.kind(), r.conditions(), matched));
            }
        }
        List<ClassEvidence> classes = new ArrayList<>();
        RuleMiss closest = null;
        List<MethodCalls> siblings = List.of();
        Verdict verdict;
        String headline;
        if (c.targetCalls == 0) {
            verdict = Verdict.NEVER_INVOKED;
            List<RuleMisses.Miss> best = new ArrayList<>();
            int matchingClasses = 0;
            List<ClassSeen> seenFirst = new ArrayList<>(c.classes);
            // the classes a rule could have traced first: a class only named like one is weaker evidence
            seenFirst.sort(Comparator.comparingInt(s -> ClassSeen.NEARBY.equals(s.outcome()) ? 1 : 0));
            boolean strong = seenFirst.stream().anyMatch(s -> target.matchesClass(s) && !ClassSeen.NEARBY.equals(s.outcome()));
            for (ClassSeen seen : seenFirst) {
                if (!target.matchesClass(seen) || strong && ClassSeen.NEARBY.equals(seen.outcome())
                        && !target.isMethodGlob()) {
                    continue;
                }
                matchingClasses++;
                if (classes.size() >= CLASSES_SHOWN) {
                    continue;
                }
                List<RuleMisses.Miss> misses = new ArrayList<>();
                for (RuleInfo r : rules) {
                    if (seen.rules().contains(r.name()) || target.namesRule(r)
                            || seen.className().equals(r.subtypeOf())) {
                        misses.add(RuleMisses.check(r, seen, target.methodName()));
                    }
                }
                misses.sort(RuleMisses.closestFirst(target));
                if (!misses.isEmpty()) {
                    best.add(misses.get(0));
                }
                classes.add(new ClassEvidence(seen, misses.stream().limit(MISSES_SHOWN).map(WhyAnalysis::miss).toList()));
            }
            if (matchingClasses > classes.size()) {
                notes.add((matchingClasses - classes.size()) + " more class record(s) match; narrow the target to see them");
            }
            best.sort(RuleMisses.closestFirst(target));
            closest = best.isEmpty() ? null : miss(best.get(0));
            headline = neverInvokedHeadline(target, methods, classes, named, closest);
            if (methods.isEmpty() && classes.isEmpty() && named.isEmpty()) {
                headline += rules.isEmpty() ? "; the run has no rules"
                        : "; the run's rules: " + String.join(", ", rules.stream().map(RuleInfo::name).toList());
            }
            RuleInfo expected = expectedRule(rules, closest, named, methods);
            if (expected != null) {
                siblings = siblings(c, expected, methods);
            }
            if (stats != null && stats.dropped() > 0) {
                notes.add(stats.dropped() + " span(s) were dropped by the agent: a call may be among them");
            }
            if (stats != null && stats.classesNotNoted() > 0) {
                notes.add(stats.classesNotNoted() + " class(es) near a rule were not described (agentdbg.classes.max "
                        + "reached): raise it to see them");
            }
            if (c.classes.isEmpty() && stats != null) {
                notes.add("the trace has no class records: an agent older than this analyzer, or no class near any rule "
                        + "was loaded");
            }
        } else if (c.targetFailed > 0) {
            verdict = Verdict.FAILED;
            headline = c.targetFailed + " of " + c.targetCalls + " call(s) failed" + (c.targetFailed < c.targetCalls
                    ? "; " + (c.targetCalls - c.targetFailed) + " returned" : "");
        } else if (c.targetEarly > 0) {
            verdict = Verdict.RETURNED_EARLY;
            headline = c.targetEarly + " of " + c.targetCalls + " call(s) returned early: "
                    + String.join(", ", c.earlyReasons.keySet());
        } else {
            verdict = Verdict.SUCCEEDED;
            headline = "all " + c.targetCalls + " call(s) returned" + (c.targetCalls == 1 ? "" : ", none of them early");
        }
        if (c.filteredOut > 0) {
            notes.add(c.filteredOut + " call(s) of the target were left out by the filters");
        }
        if (c.openDropped > 0) {
            notes.add("more than " + WhyCollector.OPEN_CAP + " calls were open at once: some callers are unknown");
        }
        // Offsets count from the run's first call like --from/--to and every other report, not the agent's start.
        long runStart = c.originNanos();
        List<WhyReport.ErrorGroup> errors = new ArrayList<>();
        c.errors.values().forEach(g -> errors.add(new WhyReport.ErrorGroup(g.error(), g.count()[0],
                ref(g.first(), c, runStart))));
        if (c.otherErrors > 0) {
            notes.add(c.otherErrors + " failure(s) of other exception types are not listed");
        }
        return new WhyReport(target.text(), run, stats, verdict, headline, methods, counts,
                new LinkedHashMap<>(c.earlyReasons), refs(c.failedSpans, c, runStart), refs(c.earlySpans, c, runStart),
                refs(c.okSpans, c, runStart), errors, callers(c, c.targetCallers), classes, named, closest, siblings,
                notes);
    }

    private static String neverInvokedHeadline(WhyTarget target, List<MethodCalls> methods,
                                               List<ClassEvidence> classes, List<RuleState> named, RuleMiss closest) {
        if (!methods.isEmpty()) {
            return "instrumented (" + methods.size() + " method(s)) but never called: no span in the run";
        }
        if (classes.stream().anyMatch(e -> ClassSeen.TRANSFORMED.equals(e.seen().outcome()))) {
            return "its class was instrumented for other methods; no rule traced " + target.text();
        }
        if (classes.stream().anyMatch(e -> ClassSeen.FAILED.equals(e.seen().outcome()))) {
            return "its class was loaded but instrumenting it failed";
        }
        if (!classes.isEmpty()) {
            String cls = classes.get(0).seen().simpleName();
            if (closest != null && !closest.reasons().isEmpty()) {
                return cls + " was loaded but not instrumented; the closest rule, " + closest.rule() + ", missed: "
                        + closest.reasons().get(0);
            }
            return cls + " was loaded but not instrumented: no rule matched "
                    + (target.hasMethodPart() ? "the method" : "any of its methods");
        }
        if (!named.isEmpty()) {
            return "rule " + named.get(0).name() + " matched no method; no class near it was loaded";
        }
        return "no span, no instrumented method and no class record match it";
    }

    /** The rule whose kind tells which spans ran where the target was expected. */
    private static RuleInfo expectedRule(List<RuleInfo> rules, RuleMiss closest, List<RuleState> named,
                                         List<MethodCalls> methods) {
        String name = !named.isEmpty() ? named.get(0).name() : closest != null ? closest.rule()
                : methods.isEmpty() ? null : methods.get(0).method().rule();
        return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** Methods of the expected rule's kind that ran, most called first. */
    private static List<MethodCalls> siblings(WhyCollector c, RuleInfo expected, List<MethodCalls> targets) {
        List<MethodCalls> out = new ArrayList<>();
        for (MethodInfo m : c.methods().values()) {
            WhyCollector.MethodCalls mc = c.calls.get(m.id());
            if (mc != null && mc.calls > 0 && expected.kind() != null && expected.kind().equals(m.kind())
                    && targets.stream().noneMatch(t -> t.method().id() == m.id())) {
                out.add(calls(c, m));
            }
        }
        out.sort(Comparator.comparingLong(MethodCalls::calls).reversed()
                .thenComparing(mc -> mc.method().displayName()));
        return out.size() > 5 ? out.subList(0, 5) : out;
    }

    private static MethodCalls calls(WhyCollector c, MethodInfo m) {
        WhyCollector.MethodCalls mc = c.calls.get(m.id());
        return mc == null ? new MethodCalls(m, 0, 0, List.of())
                : new MethodCalls(m, mc.calls, mc.failed, callers(c, mc.callers));
    }

    private static List<Caller> callers(WhyCollector c, Map<Integer, Long> byMethod) {
        List<Caller> out = new ArrayList<>();
        byMethod.forEach((id, n) -> out.add(new Caller(id == WhyCollector.ROOT ? "(root)"
                : id == WhyCollector.UNKNOWN_PARENT ? "(unknown)" : c.method(id).displayName(), n)));
        out.sort(Comparator.comparingLong(Caller::calls).reversed().thenComparing(Caller::name));
        return out;
    }

    private static RuleMiss miss(RuleMisses.Miss m) {
        return new RuleMiss(m.rule().name(), m.rule().conditions(), m.rule().kind(), m.seen().className(), m.reasons(),
                m.closestMethod());
    }

    private static List<SpanRef> refs(List<Span> spans, WhyCollector c, long runStart) {
        return spans.stream().map(s -> ref(s, c, runStart)).toList();
    }

    private static SpanRef ref(Span s, WhyCollector c, long runStart) {
        return new SpanRef(s.trace(), s.idHex(), s.parentHex(), c.method(s.method()).displayName(), s.dur(),
                runStart == 0 ? -1 : s.start() - runStart);
    }
}
