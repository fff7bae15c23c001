package com.acme.it.harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** What record/replay tests compare: span trees, a base URL where nothing listens, secrets in files. */
public final class Replays {
    private Replays() {
    }

    /** {@code http://127.0.0.1:<port>} of a port that was just free: a replay must not need a server there. */
    public static String closedBaseUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    /**
     * The span tree as kinds, names and parents, one line per span ({@code kind Class#method <- Parent#method}),
     * sorted: two runs of the same program have the same shape whatever their ids and timings.
     */
    public static List<String> shape(Trace trace) {
        List<String> lines = new ArrayList<>();
        for (JsonNode s : trace.spans) {
            JsonNode parent = s.has("parent") ? trace.span(s.get("parent").asText()) : null;
            lines.add(trace.kind(s) + " " + trace.methodName(s) + " <- "
                    + (parent == null ? "(root)" : trace.methodName(parent)));
        }
        lines.sort(null);
        return lines;
    }

    /** Fails when any file under {@code dir} contains {@code secret}. */
    public static void assertNowhere(Path dir, String secret) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                assertFalse(text.contains(secret), secret + " is written in " + f);
            }
        }
    }
}
