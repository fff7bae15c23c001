package dev.agentdbg.analyzer.llm;

import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.Span;
import dev.agentdbg.analyzer.stats.DurationDistribution;

/** The finished calls of one tool, or of all tools (the totals): calls, failures and latency. */
public final class ToolStats {

    private final String toolName;
    private final MethodInfo method;
    private long calls;
    private long failures;
    private final DurationDistribution latency = new DurationDistribution();

    /** A tool known by its {@code gen_ai.tool.name}, or else by its method; both {@code null} for the totals. */
    ToolStats(String toolName, MethodInfo method) {
        this.toolName = toolName;
        this.method = method;
    }

    void add(Span span) {
        calls++;
        if (span.isError()) {
            failures++;
        }
        latency.record(span.dur());
    }

    void addAll(ToolStats other) {
        calls += other.calls;
        failures += other.failures;
        latency.addAll(other.latency);
    }

    /** The tool name, else {@code Class.method}; {@code null} for the totals. */
    public String name() {
        return toolName != null ? toolName : method == null ? null : method.displayName();
    }

    /** {@code gen_ai.tool.name}, or {@code null} when the tool is known by its method. */
    public String toolName() {
        return toolName;
    }

    /** The method, for a tool the spans did not name; {@code null} otherwise. */
    public MethodInfo method() {
        return method;
    }

    public long calls() {
        return calls;
    }

    /** Calls that ended by throwing. */
    public long failures() {
        return failures;
    }

    public DurationDistribution latency() {
        return latency;
    }
}
