package dev.agentdbg.analyzer.why;

import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.ClassSeen;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.SpanError;
import java.util.List;
import java.util.Map;

/**
 * The {@code why} command's answer: one verdict about the target, and the evidence for it.
 *
 * @param methods     the instrumented methods that are the target (their {@code method} records), with their calls
 * @param callers     who made the target's calls: a method's display name, {@code (root)} or {@code (unknown)}
 * @param classes     the {@code class} records of the target's class(es), each with the rules closest to it
 * @param rules       rules the target names (by name or component), with whether they matched anything
 * @param closest     for a target never invoked: the rule that came closest to tracing it, else {@code null}
 * @param siblings    for a target never invoked: methods of the same kind that ran, where it was expected
 */
public record WhyReport(
        String target,
        RunInfo run,
        AgentStats stats,
        Verdict verdict,
        String headline,
        List<MethodCalls> methods,
        Counts counts,
        Map<String, Long> earlyReasons,
        List<SpanRef> failedSpans,
        List<SpanRef> earlySpans,
        List<SpanRef> okSpans,
        List<ErrorGroup> errors,
        List<Caller> callers,
        List<ClassEvidence> classes,
        List<RuleState> rules,
        RuleMiss closest,
        List<MethodCalls> siblings,
        List<String> notes) {

    /** The four answers. */
    public enum Verdict {
        NEVER_INVOKED("never-invoked", "NEVER INVOKED"),
        FAILED("failed", "INVOKED AND FAILED"),
        RETURNED_EARLY("returned-early", "INVOKED BUT RETURNED EARLY"),
        SUCCEEDED("succeeded", "INVOKED AND SUCCEEDED");

        private final String key;
        private final String title;

        Verdict(String key, String title) {
            this.key = key;
            this.title = title;
        }

        /** The JSON value. */
        public String key() {
            return key;
        }

        public String title() {
            return title;
        }
    }

    /** Calls of the target that passed the filters, by outcome; {@code filteredOut} did not pass them. */
    public record Counts(long calls, long ok, long failed, long early, long filteredOut) {
    }

    /** An instrumented method with its calls in the run and who made them ({@code callers} as in the report). */
    public record MethodCalls(MethodInfo method, long calls, long failed, List<Caller> callers) {
    }

    /** A span named as evidence. */
    public record SpanRef(String trace, String span, String parent, String name, long durNanos, long offsetNanos) {
    }

    /** One kind of exception the target failed with: how often, and one span with its stack. */
    public record ErrorGroup(SpanError error, long count, SpanRef first) {
    }

    /** A caller of the target: a method's display name, {@code (root)} or {@code (unknown)}, and how many calls. */
    public record Caller(String name, long calls) {
    }

    /** A class the agent saw, and each rule near it with why it missed (closest first). */
    public record ClassEvidence(ClassSeen seen, List<RuleMiss> misses) {
    }

    /** One rule against one class: why it missed (empty: it matched), and the class's method nearest to its glob. */
    public record RuleMiss(String rule, String conditions, String kind, String className, List<String> reasons,
                           String closestMethod) {
    }

    /** A rule the target names: its conditions, and whether it matched any method in the run (null: unknown). */
    public record RuleState(String name, String kind, String conditions, Boolean matchedAny) {
    }
}
