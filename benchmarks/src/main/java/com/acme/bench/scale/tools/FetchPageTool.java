package com.acme.bench.scale.tools;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.Text;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/** Fetches a page and returns its text (0.4–2 KB); the server answers 503 now and then (the executor retries). */
public final class FetchPageTool implements Tool {
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(Thread.currentThread().getName().hashCode() * 13L + 5));

    @Override
    public String name() {
        return "fetch_page";
    }

    @Override
    public ToolResult run(Map<String, Object> arguments) throws IOException {
        Produced.call();
        SplittableRandom rnd = RANDOM.get();
        LockSupport.parkNanos(60_000 + rnd.nextInt(250_000));
        if (rnd.nextInt(100) < 3) {
            throw new IOException("HTTP 503 Service Unavailable from " + arguments.get("url"));
        }
        return new ToolResult(Text.words(rnd, Text.size(rnd, 400, 2000)), List.of(), 150 + rnd.nextInt(900));
    }
}
