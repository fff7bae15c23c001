package dev.agentdbg.bootstrap;

/** The span a task was handed over from: captured when it is submitted, restored around its run. */
public final class TaskContext {
    final long traceHi;
    final long traceLo;
    final long spanId;
    /** The method of that span (0 when unknown): which kind of call the task works for. */
    final int methodId;

    TaskContext(long traceHi, long traceLo, long spanId, int methodId) {
        this.traceHi = traceHi;
        this.traceLo = traceLo;
        this.spanId = spanId;
        this.methodId = methodId;
    }
}
