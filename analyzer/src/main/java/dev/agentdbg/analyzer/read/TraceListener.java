package dev.agentdbg.analyzer.read;

import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;

/**
 * Receives the records of a run in file order while {@link TraceReader} streams it.
 *
 * <p>Every method has an empty default so each report implements only the records it needs.
 */
public interface TraceListener {

    default void run(RunInfo run, TraceFile file) {
    }

    default void method(MethodInfo method) {
    }

    /** A call began; its {@link #span} follows when it ends, unless the run ended first. */
    default void start(CallStart start) {
    }

    default void span(Span span) {
    }

    default void stats(AgentStats stats) {
    }

    default void agentError(AgentError error) {
    }
}
