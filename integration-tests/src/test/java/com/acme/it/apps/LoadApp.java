package com.acme.it.apps;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for the reliability suite: many threads calling nested agent, llm and tool methods at full
 * speed. Modes: {@code platform <threads> <seconds>} and {@code virtual <threads> <calls per thread>}
 * run a bounded load, print {@code produced <calls>} and return from main;
 * {@code exit-under-load <threads> <seconds>} keeps daemon threads calling while main calls
 * {@code System.exit} after the given time.
 */
public final class LoadApp {
    private static final AtomicLong CALLS = new AtomicLong();

    /** The outer call: one agent step. */
    public static final class Agent {
        private final Llm llm = new Llm();

        public int step(int i) {
            return llm.complete("question " + (i & 1023)) + 1;
        }
    }

    /** The model call, with a captured prompt. */
    public static final class Llm {
        private final Tool tool = new Tool();

        public int complete(String prompt) {
            return tool.call(prompt.length());
        }
    }

    /** The tool call, with a captured argument and result. */
    public static final class Tool {
        public int call(int x) {
            return x * 31 + 7;
        }
    }

    private LoadApp() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int threads = Integer.parseInt(args[1]);
        // The first call waits until the agent has instrumented the classes: the load starts after it.
        new Agent().step(0);
        CALLS.incrementAndGet();
        switch (mode) {
            case "platform" -> bounded(threads, (long) (Double.parseDouble(args[2]) * 1e9), Long.MAX_VALUE, false);
            case "virtual" -> bounded(threads, 30_000_000_000L, Long.parseLong(args[2]), true);
            case "exit-under-load" -> exitUnderLoad(threads, (long) (Double.parseDouble(args[2]) * 1000));
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static void bounded(int threads, long nanos, long callsPerThread, boolean virtual) throws Exception {
        long deadline = System.nanoTime() + nanos;
        Runnable work = () -> {
            Agent agent = new Agent();
            long n = 0;
            int sink = 0;
            while (n < callsPerThread && System.nanoTime() < deadline) {
                sink += agent.step((int) n);
                n++;
                if (virtual && (n & 15) == 0) {
                    Thread.yield();
                }
            }
            CALLS.addAndGet(n);
            if (sink == 42) {
                System.out.println("unlikely");
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = virtual ? startVirtual(work) : new Thread(work, "load-" + i);
            if (!virtual) {
                t.start();
            }
            started.add(t);
        }
        for (Thread t : started) {
            t.join();
        }
        System.out.println("produced " + CALLS.get());
        System.out.println("load done at " + System.currentTimeMillis());
        System.out.flush();
    }

    private static void exitUnderLoad(int threads, long millis) throws Exception {
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                Agent agent = new Agent();
                int sink = 0;
                for (int n = 0; ; n++) {
                    sink += agent.step(n);
                    if (sink == 42) {
                        System.out.println("unlikely");
                    }
                }
            }, "load-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(millis);
        System.out.println("load done at " + System.currentTimeMillis());
        System.out.flush();
        System.exit(0);
    }

    /** {@code Thread.startVirtualThread}, called reflectively: this app is compiled for Java 17. */
    private static Thread startVirtual(Runnable work) throws Exception {
        Method start = Thread.class.getMethod("startVirtualThread", Runnable.class);
        return (Thread) start.invoke(null, work);
    }
}
