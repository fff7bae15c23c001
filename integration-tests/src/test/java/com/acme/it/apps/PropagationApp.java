package com.acme.it.apps;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Hands work to other threads in every way the JDK offers; each way is one agent method. */
public final class PropagationApp {
    private PropagationApp() {
    }

    /** The tool every handed-over task calls. */
    public static final class AsyncTool {
        public String work(String label) {
            return label + " on " + Thread.currentThread().getName();
        }
    }

    /** Splits work in halves down to single items, each of which calls the tool (a fork/join task). */
    static final class Split extends java.util.concurrent.RecursiveAction {
        private final AsyncTool tool;
        private final int items;

        Split(AsyncTool tool, int items) {
            this.tool = tool;
            this.items = items;
        }

        @Override
        protected void compute() {
            if (items == 1) {
                tool.work("fork-join item");
                return;
            }
            Split left = new Split(tool, items / 2);
            left.fork();
            new Split(tool, items - items / 2).compute();
            left.join();
        }
    }

    /** One agent method per hand-over mechanism. */
    public static final class PropagationAgent {
        private final ExecutorService pool;
        private final AsyncTool tool = new AsyncTool();

        PropagationAgent(ExecutorService pool) {
            this.pool = pool;
        }

        public void viaExecute() throws Exception {
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(() -> {
                tool.work("execute");
                done.countDown();
            });
            done.await();
        }

        public void viaSubmit() throws Exception {
            pool.submit(() -> tool.work("submit callable")).get();
            pool.submit(() -> {
                tool.work("submit runnable");
            }).get();
        }

        public void viaInvokeAll() throws Exception {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String label = "invokeAll " + i;
                tasks.add(() -> tool.work(label));
            }
            for (Future<String> f : pool.invokeAll(tasks)) {
                f.get();
            }
        }

        public void viaScheduled() throws Exception {
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
            try {
                scheduler.schedule(() -> {
                    tool.work("scheduled runnable");
                }, 5, TimeUnit.MILLISECONDS).get();
                scheduler.schedule(() -> tool.work("scheduled callable"), 5, TimeUnit.MILLISECONDS).get();
            } finally {
                scheduler.shutdown();
            }
        }

        public void viaForkJoin() throws Exception {
            ForkJoinPool forkJoin = new ForkJoinPool(2);
            try {
                forkJoin.submit(() -> tool.work("fork-join callable")).get();
                CountDownLatch done = new CountDownLatch(1);
                forkJoin.execute(() -> {
                    tool.work("fork-join runnable");
                    done.countDown();
                });
                done.await();
                ForkJoinPool.commonPool().submit(() -> tool.work("common pool")).get();
            } finally {
                forkJoin.shutdown();
            }
        }

        public void viaCompletableFuture() throws Exception {
            CompletableFuture.supplyAsync(() -> tool.work("supplyAsync default")).get();
            CompletableFuture.supplyAsync(() -> tool.work("supplyAsync pool"), pool)
                    .thenApplyAsync(previous -> tool.work("thenApplyAsync pool"), pool)
                    .get();
        }

        public void viaParallelStream() {
            java.util.stream.IntStream.range(0, 8).parallel().mapToObj(i -> tool.work("element " + i)).toList();
        }

        public void viaForkJoinTask() {
            ForkJoinPool forkJoin = new ForkJoinPool(2);
            try {
                forkJoin.invoke(new Split(tool, 4));
            } finally {
                forkJoin.shutdown();
            }
        }

        /**
         * Continuations registered here run on the completer thread, which started before any span and
         * completes the future with no span open: they must still belong to this span.
         */
        public void viaContinuation(java.util.concurrent.BlockingQueue<CompletableFuture<String>> completer)
                throws Exception {
            CompletableFuture<String> source = new CompletableFuture<>();
            CompletableFuture<String> applied = source.thenApply(s -> tool.work("thenApply " + s));
            CompletableFuture<Void> accepted = source.thenAccept(s -> tool.work("thenAccept " + s));
            completer.put(source);
            applied.get();
            accepted.get();
        }

        public void viaThread() throws Exception {
            Thread thread = new Thread(() -> tool.work("new thread"));
            thread.start();
            thread.join();
        }

        /** JDK 21+ only; called through reflection so this class compiles for 17. */
        public void viaVirtualThreads() throws Exception {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
            Thread virtual = (Thread) start.invoke(builder, (Runnable) () -> tool.work("virtual thread"));
            virtual.join();
            ExecutorService perTask = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
            try {
                perTask.submit(() -> tool.work("virtual per-task executor")).get();
            } finally {
                perTask.shutdown();
            }
        }

        public void viaSharedPool(int run) throws Exception {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String label = "run " + run + " task " + i;
                futures.add(pool.submit(() -> tool.work(label)));
            }
            for (Future<String> f : futures) {
                f.get();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        java.util.concurrent.BlockingQueue<CompletableFuture<String>> toComplete =
                new java.util.concurrent.LinkedBlockingQueue<>();
        Thread completer = new Thread(() -> {
            try {
                while (true) {
                    toComplete.take().complete("done");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "completer");
        completer.setDaemon(true);
        completer.start(); // before any span: it carries none
        ExecutorService pool = Executors.newFixedThreadPool(2);
        PropagationAgent agent = new PropagationAgent(pool);
        agent.viaExecute();
        agent.viaSubmit();
        agent.viaInvokeAll();
        agent.viaScheduled();
        agent.viaForkJoin();
        agent.viaCompletableFuture();
        agent.viaThread();
        agent.viaContinuation(toComplete);
        agent.viaParallelStream();
        agent.viaForkJoinTask();
        if (Runtime.version().feature() >= 21) {
            agent.viaVirtualThreads();
        }

        // No span is open here: these tasks must not inherit anything from earlier work on the pool.
        AsyncTool tool = new AsyncTool();
        for (int i = 0; i < 4; i++) {
            pool.submit(() -> tool.work("no span open")).get();
        }

        // Eight agent runs at once on the shared pool: each run's tree must stay whole and separate.
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<?>> runs = new ArrayList<>();
        for (int run = 0; run < 8; run++) {
            int r = run;
            runs.add(callers.submit(() -> {
                agent.viaSharedPool(r);
                return null;
            }));
        }
        for (Future<?> f : runs) {
            f.get();
        }
        callers.shutdown();
        pool.shutdown();
        System.out.println("propagation app done");
    }
}
