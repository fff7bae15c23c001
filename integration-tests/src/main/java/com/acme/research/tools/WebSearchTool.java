package com.acme.research.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Web search against a small offline index, as slow as a hosted search API (a few hundred milliseconds a
 * query); its backend drops the very first connection, like a cold one does.
 */
public class WebSearchTool implements Tool {

    private record Page(String title, String url, String snippet, List<String> keywords) {
    }

    private static final List<Page> INDEX = List.of(
            new Page("Best high-yield savings accounts this month",
                    "https://rates.example/savings/high-yield",
                    "Top high-yield savings accounts pay between 4.50% and 5.00% APY; the national average is 0.45%.",
                    List.of("savings", "interest", "rates", "account", "apy")),
            new Page("Historical stock market returns",
                    "https://invest.example/learn/market-returns",
                    "Broad stock index funds have returned about 7% a year after inflation over long periods, "
                            + "with large swings from year to year.",
                    List.of("return", "returns", "stock", "market", "interest", "7%")),
            new Page("Compound interest explained",
                    "https://finance.example/compound-interest",
                    "Compound growth: A = P * (1 + r)^n, where P is the principal, r the yearly rate and n the years.",
                    List.of("compound", "interest", "growth", "formula")),
            new Page("Vector embeddings: storage sizing",
                    "https://ml.example/embeddings/storage",
                    "A float32 embedding takes 4 bytes per dimension: a 1536-dimensional vector is 6 KiB.",
                    List.of("embedding", "embeddings", "vector", "storage", "memory")));

    private final AtomicBoolean backendWarm = new AtomicBoolean();

    @Override
    public String name() {
        return "web_search";
    }

    @Override
    public String description() {
        return "Searches the web and returns the top results with title, url and snippet.";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type":"object",
                 "properties":{"query":{"type":"string","description":"the search query"}},
                 "required":["query"]}""";
    }

    @Override
    public String run(String argumentsJson) throws IOException {
        String query = ToolArguments.requireText(argumentsJson, "query");
        simulateNetworkLatency();
        if (backendWarm.compareAndSet(false, true)) {
            throw new IOException("connection reset by search backend");
        }
        List<String> terms = List.of(query.toLowerCase(Locale.ROOT).split("\\W+"));
        ArrayNode results = ToolArguments.JSON.createArrayNode();
        INDEX.stream()
                .filter(page -> page.keywords().stream().anyMatch(terms::contains))
                .sorted((a, b) -> Long.compare(score(b, terms), score(a, terms)))
                .limit(3)
                .forEach(page -> results.addObject()
                        .put("title", page.title())
                        .put("url", page.url())
                        .put("snippet", page.snippet()));
        return results.toString();
    }

    private static long score(Page page, List<String> terms) {
        return page.keywords().stream().filter(terms::contains).count();
    }

    /** The demo's one slow dependency: the analyzer's {@code slow} report shows it as tool time. */
    private static final long LATENCY_MILLIS = 300;

    private static void simulateNetworkLatency() throws InterruptedIOException {
        try {
            Thread.sleep(LATENCY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while searching");
        }
    }
}
