package dev.agentdbg.replay;

import dev.agentdbg.bootstrap.AgentCounters;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's daemon threads that complete replayed asynchronous calls (java.net.http's sendAsync,
 * openai-java's executeAsync): a real client completes its
 * future on its own I/O threads after the call returned, so a replayed one is completed off the
 * caller's thread too. A cached pool, as OkHttp's dispatcher is: the application's continuations run
 * on the completing thread, and one that waits for another replayed call must not keep that call's
 * completion from running. The application's thread only queues the completion (lock-free) and
 * unparks the agent's hand-over thread, which gives it to the pool (whose bookkeeping takes a lock).
 */
public final class AsyncCompletions {
    public static final String THREAD_NAME = "agentdbg-replay-async";

    private static final ConcurrentLinkedQueue<Runnable> QUEUE = new ConcurrentLinkedQueue<>();
    private static volatile Thread handOver;
    private static volatile Executor executor;

    private AsyncCompletions() {
    }

    /**
     * Creates the pool and starts the hand-over thread; at start-up, where no span is open, so that
     * the thread carries no application context.
     */
    public static void start() {
        if (executor == null) {
            AtomicInteger n = new AtomicInteger();
            executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, THREAD_NAME + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        if (handOver == null) {
            Thread t = new Thread(AsyncCompletions::handOverLoop, THREAD_NAME + "-handover");
            t.setDaemon(true);
            handOver = t;
            t.start();
        }
    }

    /** For tests: completions go to {@code e}. */
    public static void use(Executor e) {
        executor = e;
    }

    /** Has {@code completion} run on an agent thread; false when there is none (then the caller runs it). */
    public static boolean submit(Runnable completion) {
        Thread t = handOver;
        if (t == null || executor == null) {
            return false;
        }
        QUEUE.offer(completion);
        LockSupport.unpark(t);
        return true;
    }

    private static void handOverLoop() {
        while (true) {
            Runnable next = QUEUE.poll();
            if (next == null) {
                LockSupport.park(AsyncCompletions.class);
                continue;
            }
            Runnable guarded = () -> {
                try {
                    next.run();
                } catch (Throwable t) {
                    AgentCounters.internalError("replay-async", t);
                }
            };
            try {
                executor.execute(guarded);
            } catch (Throwable t) {
                AgentCounters.internalError("replay-async", t);
                guarded.run(); // the pool refused: completing on this thread beats never completing
            }
        }
    }
}
