package com.acme.bench.scale;

import com.acme.bench.scale.agents.ResearchAgent;
import com.acme.bench.scale.llm.ChatClient;
import com.acme.bench.scale.tools.CalculatorTool;
import com.acme.bench.scale.tools.FetchPageTool;
import com.acme.bench.scale.tools.ReadFileTool;
import com.acme.bench.scale.tools.ToolExecutor;
import com.acme.bench.scale.tools.WebSearchTool;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The application that {@code scale} runs under agentdbg to produce a large, realistic trace: {@code --threads}
 * workers each answer research questions with a {@link ResearchAgent} (plan, tool loop with parallel tool calls
 * on a shared pool, summary) until the instrumented calls reach {@code --spans}, paced at {@code --rate}
 * instrumented calls per second so agentdbg's writer keeps up (0: unpaced). Returns from main at the end, so the
 * agent writes its final stats.
 *
 * <pre>java -javaagent:agentdbg.jar=config=scale.properties -cp agentdbg-benchmarks.jar \
 *      com.acme.bench.scale.ResearchLoad --spans 1000000 --threads 4 --rate 8000</pre>
 *
 * Last line: {@code produced=<instrumented calls> runs=<n> failedRuns=<n> elapsedNanos=<n> ratePerSec=<calls/s>}.
 */
public final class ResearchLoad {
    private ResearchLoad() {
    }

    public static void main(String[] argv) throws InterruptedException {
        long target = 10_000;
        int threads = 4;
        long rate = 0;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--spans" -> target = Long.parseLong(argv[++i].replace("_", ""));
                case "--threads" -> threads = Integer.parseInt(argv[++i]);
                case "--rate" -> rate = Long.parseLong(argv[++i].replace("_", ""));
                default -> throw new IllegalArgumentException("unknown argument " + argv[i]
                        + " (usage: --spans <instrumented calls> --threads <n> --rate <calls/s, 0 = unpaced>)");
            }
        }
        AtomicInteger poolThreads = new AtomicInteger();
        ExecutorService toolPool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tool-pool-" + poolThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ToolExecutor tools = new ToolExecutor(List.of(new WebSearchTool(), new FetchPageTool(), new ReadFileTool(),
                new CalculatorTool()));
        ChatClient llm = new ChatClient(0.004);
        String apiKey = "sk-proj-" + Long.toHexString(0x5eed_cafe_f00dL) + "EXAMPLEKEY0000000000";
        AtomicLong runs = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(threads);
        final long limit = target;
        final long pace = rate;
        for (int w = 0; w < threads; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                ResearchAgent agent = new ResearchAgent(llm, tools, toolPool, apiKey);
                SplittableRandom rnd = new SplittableRandom(1000 + worker);
                try {
                    while (Produced.count() < limit) {
                        String task = Text.words(rnd, Text.size(rnd, 60, 300)) + "?";
                        runs.incrementAndGet();
                        try {
                            agent.run(task);
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                        if (pace > 0) {
                            long due = start + (long) (Produced.count() * 1e9 / pace);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "research-" + (w + 1));
            t.start();
        }
        while (!done.await(10, TimeUnit.SECONDS)) {
            System.out.println(String.format(Locale.ROOT, "progress: %,d of %,d calls after %.0f s",
                    Produced.count(), limit, (System.nanoTime() - start) / 1e9));
        }
        toolPool.shutdown();
        toolPool.awaitTermination(1, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        System.out.println(String.format(Locale.ROOT, "produced=%d runs=%d failedRuns=%d elapsedNanos=%d ratePerSec=%.0f",
                Produced.count(), runs.get(), failed.get(), elapsed, Produced.count() * 1e9 / elapsed));
    }
}
