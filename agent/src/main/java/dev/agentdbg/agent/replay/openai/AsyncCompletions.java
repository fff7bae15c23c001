package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.bootstrap.AgentCounters;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's daemon threads that complete replayed asynchronous calls: a real client completes its
 * future on its own I/O threads after the call returned, so a replayed one is completed off the
 * caller's thread too. A cached pool, as OkHttp's dispatcher is: the application's continuations run
 * on the completing thread, and one that waits for another replayed call must not keep that call's
 * completion from running. Idle threads end after a minute.
 */
final class AsyncCompletions {
    static final String THREAD_NAME = "agentdbg-replay-async";

    private static volatile Executor executor;

    private AsyncCompletions() {
    }

    /** Creates the pool; at start-up, where no span is open. */
    static void start() {
        if (executor != null) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, THREAD_NAME + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor = pool;
    }

    /** For tests: completions go to {@code e}. */
    static void use(Executor e) {
        executor = e;
    }

    /** Runs {@code completion} on an agent thread; false when there is none (then the caller runs it). */
    static boolean submit(Runnable completion) {
        Executor e = executor;
        if (e == null) {
            return false;
        }
        try {
            e.execute(() -> {
                try {
                    completion.run();
                } catch (Throwable t) {
                    AgentCounters.internalError("openai-java-replay-async", t);
                }
            });
            return true;
        } catch (RuntimeException refused) {
            AgentCounters.internalError("openai-java-replay-async", refused);
            return false;
        }
    }
}
