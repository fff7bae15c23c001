package com.acme.bench.scale.tools;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.Text;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/** Web search: a few results with title, URL and snippet; times out now and then (the executor retries). */
public final class WebSearchTool implements Tool {
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(Thread.currentThread().getName().hashCode() * 17L + 3));

    @Override
    public String name() {
        return "web_search";
    }

    @Override
    public ToolResult run(Map<String, Object> arguments) throws IOException {
        Produced.call();
        SplittableRandom rnd = RANDOM.get();
        LockSupport.parkNanos(50_000 + rnd.nextInt(200_000));
        if (rnd.nextInt(100) < 6) {
            throw new SocketTimeoutException("connect timed out: api.search.example.com/203.0.113." + rnd.nextInt(255)
                    + ":443 after 2000 ms (query: " + arguments.get("query") + ")");
        }
        int n = ((Number) arguments.getOrDefault("max_results", 3)).intValue();
        List<Map<String, Object>> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("title", Text.words(rnd, 30 + rnd.nextInt(40)));
            item.put("url", "https://example.org/" + Long.toHexString(rnd.nextLong()));
            item.put("snippet", Text.words(rnd, Text.size(rnd, 60, 200)));
            items.add(item);
        }
        return new ToolResult(n + " results", items, 80 + rnd.nextInt(600));
    }
}
