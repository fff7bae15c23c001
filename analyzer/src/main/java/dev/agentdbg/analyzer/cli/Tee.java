package dev.agentdbg.analyzer.cli;

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
import dev.agentdbg.analyzer.read.SkippedLine;
import dev.agentdbg.analyzer.read.TraceFile;
import dev.agentdbg.analyzer.read.TraceListener;

/** Hands every record to two listeners, the first first, so two reports come from one read of the trace. */
final class Tee implements TraceListener {

    private final TraceListener first;
    private final TraceListener second;

    Tee(TraceListener first, TraceListener second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public boolean wantsPayloads() {
        return first.wantsPayloads() || second.wantsPayloads();
    }

    @Override
    public void run(RunInfo run, TraceFile file) {
        first.run(run, file);
        second.run(run, file);
    }

    @Override
    public void method(MethodInfo method) {
        first.method(method);
        second.method(method);
    }

    @Override
    public void start(CallStart start) {
        first.start(start);
        second.start(start);
    }

    @Override
    public void span(Span span) {
        first.span(span);
        second.span(span);
    }

    @Override
    public void stats(AgentStats stats) {
        first.stats(stats);
        second.stats(stats);
    }

    @Override
    public void classSeen(ClassSeen seen) {
        first.classSeen(seen);
        second.classSeen(seen);
    }

    @Override
    public void agentError(AgentError error) {
        first.agentError(error);
        second.agentError(error);
    }

    @Override
    public void exchange(Exchange exchange) {
        first.exchange(exchange);
        second.exchange(exchange);
    }

    @Override
    public void value(RecordedValue value) {
        first.value(value);
        second.value(value);
    }

    @Override
    public void det(DetValues det) {
        first.det(det);
        second.det(det);
    }

    @Override
    public void replayed(Replayed replayed) {
        first.replayed(replayed);
        second.replayed(replayed);
    }

    @Override
    public void divergence(Divergence divergence) {
        first.divergence(divergence);
        second.divergence(divergence);
    }

    @Override
    public void debug(dev.agentdbg.analyzer.model.DebugEvent event) {
        first.debug(event);
        second.debug(event);
    }

    @Override
    public void skipped(SkippedLine line, String type, String head) {
        first.skipped(line, type, head);
        second.skipped(line, type, head);
    }
}
