package dev.agentdbg.analyzer.read;

import dev.agentdbg.analyzer.model.AgentError;
import dev.agentdbg.analyzer.model.AgentStats;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.ClassSeen;
import dev.agentdbg.analyzer.model.DetValues;
import dev.agentdbg.analyzer.model.Divergence;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RecordedValue;
import dev.agentdbg.analyzer.model.Replayed;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;

/**
 * Receives the records of a run in file order while {@link TraceReader} streams it.
 *
 * <p>Every method has an empty default so each report implements only the records it needs.
 */
public interface TraceListener {

    /**
     * Whether span and start records should carry their captured {@code args} and {@code result}. They are most of a
     * trace's bytes, so a report that never shows them says {@code false} and the reader skips them unparsed.
     */
    default boolean wantsPayloads() {
        return true;
    }

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

    /** What the live debugger did: a pause, a release, a warning, an edit, a breakpoint change. */
    default void debug(dev.agentdbg.analyzer.model.DebugEvent event) {
    }

    default void agentError(AgentError error) {
    }

    /** A class the agent saw near one of its rules when it was loaded ({@code class} record). */
    default void classSeen(ClassSeen seen) {
    }

    /** A recorded LLM exchange (record mode), without its bodies. */
    default void exchange(Exchange exchange) {
    }

    /** A recorded tool or rule value (record mode), without the value itself. */
    default void value(RecordedValue value) {
    }

    /** Recorded clock, random or UUID values of one call site (record mode), counted. */
    default void det(DetValues det) {
    }

    /** A call a replay answered from the recording. */
    default void replayed(Replayed replayed) {
    }

    /** A request of a replay that differed from the recorded one. */
    default void divergence(Divergence divergence) {
    }

    /**
     * A line that could not be used (it is also in the {@link ReadReport}).
     *
     * @param type the record type when the line parsed but was rejected, else {@code null}
     * @param head the line's first bytes as text (at most {@value LineDecoder#HEAD_BYTES}), for a guess at what a
     *             corrupt or torn line held
     */
    default void skipped(SkippedLine line, String type, String head) {
    }
}
