package dev.agentdbg.bootstrap;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Carries the open span across threads: advice in the JDK's executors and in {@link Thread}
 * captures it when work is handed over and restores it, as a remote frame, around that work on
 * the thread that runs it. Nothing is captured or allocated when no span is open.
 */
public final class Propagation {
    /** Threads started while a span was open, waiting for their run to begin. */
    private static final ConcurrentHashMap<Thread, TaskContext> STARTING = new ConcurrentHashMap<>();
    /**
     * Fork/join tasks forked or submitted while a span was open, until they execute. Keyed by
     * identity; an entry goes when its task runs. Tasks cancelled before running would stay, so the
     * map is bounded: past {@link #MAX_PENDING_TASKS} it is cleared and the loss counted.
     */
    private static final ConcurrentHashMap<TaskKey, TaskContext> FORKED = new ConcurrentHashMap<>();
    private static final int MAX_PENDING_TASKS = 100_000;

    private Propagation() {
    }

    /** The span open on this thread, or null (then nothing is allocated). */
    public static TaskContext capture() {
        try {
            return Spans.rings == null ? null : capture(Spans.STATE.get());
        } catch (Throwable t) {
            AgentCounters.internalError("propagation-capture", t);
            return null;
        }
    }

    private static TaskContext capture(ThreadState s) {
        int d = s.depth;
        if (d == 0 || s.suspended) {
            return null;
        }
        return new TaskContext(s.traceHi, s.traceLo, s.spanIds[d - 1], s.methodIdAt(d - 1));
    }

    /** Makes {@code context} the parent of the spans this thread creates until {@link #exitTask}. */
    public static int enterTask(TaskContext context) {
        try {
            if (context == null || Spans.rings == null) {
                return 0;
            }
            return Spans.STATE.get().pushRemote(context.traceHi, context.traceLo, context.spanId, context.methodId);
        } catch (Throwable t) {
            AgentCounters.internalError("propagation-enter", t);
            return 0;
        }
    }

    public static void exitTask(int token) {
        if (token == 0) {
            return;
        }
        try {
            Spans.STATE.get().popRemote(token);
        } catch (Throwable t) {
            AgentCounters.internalError("propagation-exit", t);
        }
    }

    /**
     * Executor advice, on entry: while an executor takes a task, the threads it starts are its
     * pool's workers, which must not inherit the submitter's span for their whole life. Returns the
     * thread's state for {@link #wrap} and {@link #executorExited} (null while not recording), so a
     * submission costs one thread-local look-up.
     */
    public static Object executorEntered() {
        try {
            if (Spans.rings == null) {
                return null;
            }
            ThreadState s = Spans.STATE.get();
            s.inExecutor++;
            return s;
        } catch (Throwable t) {
            AgentCounters.internalError("propagation-executor", t);
            return null;
        }
    }

    public static void executorExited(Object state) {
        if (state != null) {
            ThreadState s = (ThreadState) state;
            if (s.inExecutor > 0) {
                s.inExecutor--;
            }
        }
    }

    /** Executor advice: the task, wrapped with the open span if there is one. */
    public static Runnable wrap(Object state, Runnable task) {
        if (state == null || task == null || task instanceof ContextRunnable) {
            return task;
        }
        TaskContext context = capture((ThreadState) state);
        return context == null ? task : new ContextRunnable(task, context);
    }

    public static <V> Callable<V> wrap(Object state, Callable<V> task) {
        if (state == null || task == null || task instanceof ContextCallable) {
            return task;
        }
        TaskContext context = capture((ThreadState) state);
        return context == null ? task : new ContextCallable<>(task, context);
    }

    /** Thread.start advice: a thread started inside an open span works for it. */
    public static void threadStarting(Thread thread) {
        try {
            if (Spans.rings == null || thread instanceof ForkJoinWorkerThread) {
                return;
            }
            ThreadState s = Spans.STATE.get();
            if (s.inExecutor > 0) {
                return;
            }
            TaskContext context = capture(s);
            if (context != null) {
                STARTING.putIfAbsent(thread, context);
            }
        } catch (Throwable t) {
            AgentCounters.internalError("propagation-thread", t);
        }
    }

    /** Thread.run advice, on the new thread: restores the span its starter had open. */
    public static int threadRunning() {
        if (STARTING.isEmpty()) {
            return 0;
        }
        return enterTask(STARTING.remove(Thread.currentThread()));
    }

    /** ForkJoinTask.fork and ForkJoinPool advice: remembers the open span for the task. */
    public static void taskForked(Object task) {
        try {
            TaskContext context = capture();
            if (context == null || task == null) {
                return;
            }
            if (FORKED.size() >= MAX_PENDING_TASKS) {
                FORKED.clear();
                AgentCounters.internalError("propagation-forked-overflow", new IllegalStateException(
                        "more than " + MAX_PENDING_TASKS + " forked tasks waiting: their parent spans were forgotten"));
            }
            FORKED.put(new TaskKey(task), context);
        } catch (Throwable t) {
            AgentCounters.internalError("propagation-fork", t);
        }
    }

    /** ForkJoinTask.doExec advice: the task's span, restored around its execution. */
    public static int forkJoinTaskStarting(Object task) {
        if (FORKED.isEmpty()) {
            return 0;
        }
        return enterTask(FORKED.remove(new TaskKey(task)));
    }

    /**
     * CompletableFuture completion advice ({@code tryFire}): a continuation such as {@code thenApply}
     * runs on whichever thread completes the future; it must run under the span it was registered
     * in ({@link #taskForked} at its construction), not under the completing thread's.
     */
    public static int completionFiring(Object completion) {
        if (FORKED.isEmpty()) {
            return 0;
        }
        return enterTask(FORKED.get(new TaskKey(completion)));
    }

    /** A completion that has fired will not fire again: forget its span. */
    public static void completionFired(Object completion) {
        if (!FORKED.isEmpty()) {
            FORKED.remove(new TaskKey(completion));
        }
    }

    /** Identity of a task, whatever its equals and hashCode say. */
    private static final class TaskKey {
        private final Object task;

        TaskKey(Object task) {
            this.task = task;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TaskKey key && key.task == task;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(task);
        }
    }

    /** A task that runs under the span it was submitted from. */
    static final class ContextRunnable implements Runnable {
        private final Runnable task;
        private final TaskContext context;

        ContextRunnable(Runnable task, TaskContext context) {
            this.task = task;
            this.context = context;
        }

        @Override
        public void run() {
            int token = enterTask(context);
            try {
                task.run();
            } finally {
                exitTask(token);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    /** A callable that runs under the span it was submitted from. */
    static final class ContextCallable<V> implements Callable<V> {
        private final Callable<V> task;
        private final TaskContext context;

        ContextCallable(Callable<V> task, TaskContext context) {
            this.task = task;
            this.context = context;
        }

        @Override
        public V call() throws Exception {
            int token = enterTask(context);
            try {
                return task.call();
            } finally {
                exitTask(token);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }
}
