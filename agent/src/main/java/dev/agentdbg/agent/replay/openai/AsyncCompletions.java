package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.bootstrap.AgentCounters;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's daemon thread that completes replayed asynchronous calls: a real client completes its
 * future on its own I/O thread after the call returned, so a replayed one is completed off the
 * caller's thread too, in the order the calls were made. The caller only enqueues (lock-free) and
 * unparks; it never waits.
 */
final class AsyncCompletions {
    static final String THREAD_NAME = "agentdbg-replay-async";

    private static final ConcurrentLinkedQueue<Runnable> QUEUE = new ConcurrentLinkedQueue<>();
    private static volatile Thread thread;

    private AsyncCompletions() {
    }

    /**
     * Starts the thread. Called at start-up, where no span is open, so that the thread carries no
     * application context (the agent's own propagation follows a thread started inside a span).
     */
    static void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(AsyncCompletions::loop, THREAD_NAME);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Runs {@code completion} on the agent's thread; false when the thread is not running. */
    static boolean submit(Runnable completion) {
        Thread t = thread;
        if (t == null) {
            return false;
        }
        QUEUE.offer(completion);
        LockSupport.unpark(t);
        return true;
    }

    private static void loop() {
        while (true) {
            Runnable next = QUEUE.poll();
            if (next == null) {
                LockSupport.park(AsyncCompletions.class);
                continue;
            }
            try {
                next.run();
            } catch (Throwable t) {
                AgentCounters.internalError("openai-java-replay-async", t);
            }
        }
    }
}
