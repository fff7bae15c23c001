package dev.agentdbg.analyzer.export;

import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import java.io.IOException;

/**
 * One export format: receives the run's spans as the trace is read and writes (or sends) them straight away, so no
 * format holds the whole run. {@link ExportCollector} calls it in file order.
 */
public interface SpanWriter extends AutoCloseable {

    /** The run record, once, before any span. */
    void begin(RunInfo run) throws IOException;

    /** Every call that began (agent, llm and tool calls), selected or not: its span follows when it ends. */
    default void start(CallStart start) {
    }

    /** Every span read, selected or not, before {@link #span} when it is selected: the call has ended. */
    default void ended(Span span) {
    }

    /**
     * A selected span.
     *
     * @param unfinished the call was still running when the trace ends; {@code span.dur()} runs to the end of the run
     */
    void span(Span span, MethodInfo method, boolean unfinished) throws IOException;

    /** After the last span: flush what is buffered. */
    void finish() throws IOException;

    /** Releases what the format holds open (the OTLP exporter's HTTP client); not the output writer. */
    @Override
    default void close() {
    }

    /** A line for stderr about what this format had to leave out, or {@code null}. */
    default String note() {
        return null;
    }
}
