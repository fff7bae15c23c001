package dev.agentdbg.bootstrap;

/** The span a task was handed over from: captured when it is submitted, restored around its run. */
public final class TaskContext {
    final long traceHi;
    final long traceLo;
    final long spanId;

    TaskContext(long traceHi, long traceLo, long spanId) {
        this.traceHi = traceHi;
        this.traceLo = traceLo;
        this.spanId = spanId;
    }
}
