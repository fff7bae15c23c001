package com.acme.it.apps;

import java.math.BigDecimal;
import java.net.Socket;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent's tools whose answers are objects, for record/replay: a record with an enum, nested
 * collections, a map, an Optional, a BigDecimal, a date and a Kotlin data class; a class with final
 * fields; a primitive; a void call; an exception with a cause; a tool that calls another tool; and a
 * tool whose answer holds a socket (cannot be rebuilt). Run with {@code -Dtoolapp.broken=true} the
 * tools answer differently or fail, which a replay of them must not show; {@code -Dtoolapp.query}
 * changes the search's argument and {@code -Dtoolapp.again=true} makes one call more than recorded.
 */
public final class ValueToolApp {
    public enum Source { WEB, CACHE }

    public record Hit(String url, int rank, Source source, List<String> tags) {
    }

    public record SearchResult(String query, List<Hit> hits, Map<String, Integer> facets, Optional<String> next,
                               BigDecimal cost, LocalDate asOf, kotlin.Pair<String, Integer> best) {
    }

    /** Final fields, no setters, a constructor that validates: rebuilt without running it. */
    public static final class Weather {
        private final String city;
        private final double celsius;
        private final List<String> alerts;

        public Weather(String city, double celsius, List<String> alerts) {
            if (Boolean.getBoolean("toolapp.broken")) {
                throw new IllegalStateException("the weather constructor ran");
            }
            this.city = city;
            this.celsius = celsius;
            this.alerts = alerts;
        }

        @Override
        public String toString() {
            return "Weather{" + city + ", " + celsius + ", " + alerts + "}";
        }
    }

    public static final class ToolFailure extends RuntimeException {
        public final int status;

        public ToolFailure(String message, Throwable cause, int status) {
            super(message, cause);
            this.status = status;
        }
    }

    /** Holds something of this process only. */
    public static final class Connection {
        final Socket socket = new Socket();
        final String name = "db";
    }

    static boolean broken() {
        return Boolean.getBoolean("toolapp.broken");
    }

    /** A retrieval step (its own rule): recorded inside summarize, never run when summarize is replayed. */
    public static final class Index {
        public List<String> lookup(String text) {
            if (broken()) {
                throw new IllegalStateException("the index ran during a replay of summarize");
            }
            return List.of(text.split(" "));
        }
    }

    /** The tools (one rule, kind tool). */
    public static final class Tools {

        public SearchResult search(String query) {
            if (broken()) {
                throw new IllegalStateException("search index is gone");
            }
            Map<String, Integer> facets = new LinkedHashMap<>();
            facets.put("jvm", 3);
            facets.put("agents", 2);
            List<Hit> hits = new ArrayList<>();
            hits.add(new Hit("https://example.org/a", 1, Source.WEB, List.of("jvm", "tracing")));
            hits.add(new Hit("https://example.org/b", 2, Source.CACHE, new ArrayList<>(List.of("agents"))));
            return new SearchResult(query, hits, facets, Optional.of("page-2"), new BigDecimal("0.0125"),
                    LocalDate.of(2026, 12, 1), new kotlin.Pair<>("a", 1));
        }

        public Weather weather(String city) {
            return broken() ? null : new Weather(city, 21.5, List.of("uv"));
        }

        public int wordCount(String text) {
            return broken() ? -1 : text.split(" ").length;
        }

        public void remember(String note) {
            if (broken()) {
                throw new IllegalStateException("memory is full");
            }
        }

        public String fetch(String url) {
            if (broken()) {
                return "fetched " + url + " (live)";
            }
            throw new ToolFailure("fetch failed: " + url, new java.io.IOException("connection reset"), 503);
        }

        /** Calls a tool of its own rule (one call with it) and a retrieval step: replayed as a whole. */
        public String summarize(String text) {
            return broken() ? "broken summary"
                    : "summary of " + wordCount(text) + " words, " + new Index().lookup(text).size() + " terms";
        }

        public Connection connect() {
            return new Connection();
        }
    }

    public static void main(String[] args) {
        Tools tools = new Tools();
        System.out.println("search: " + tools.search(System.getProperty("toolapp.query", "jvm agents")));
        System.out.println("weather: " + tools.weather("Paris"));
        System.out.println("words: " + tools.wordCount("one two three"));
        if (Boolean.getBoolean("toolapp.again")) {
            try {
                System.out.println("words again: " + tools.wordCount("four five"));
            } catch (RuntimeException e) {
                System.out.println("words again failed: " + e.getMessage());
            }
        }
        try {
            tools.remember("note");
            System.out.println("remember: ok");
        } catch (RuntimeException e) {
            System.out.println("remember: " + e);
        }
        try {
            System.out.println("fetch: " + tools.fetch("https://example.org/x"));
        } catch (ToolFailure e) {
            System.out.println("fetch: " + e.getClass().getSimpleName() + " " + e.getMessage() + " status=" + e.status
                    + " cause=" + e.getCause() + " at " + e.getStackTrace()[0].getMethodName());
        }
        System.out.println("summarize: " + tools.summarize("a b c d"));
        try {
            System.out.println("connect: " + tools.connect().name);
        } catch (RuntimeException e) {
            System.out.println("connect failed: " + e.getMessage());
        }
    }
}
