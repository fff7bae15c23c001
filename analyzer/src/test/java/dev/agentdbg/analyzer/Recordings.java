package dev.agentdbg.analyzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The golden recording (record mode), shared with the runtime's tests, and helpers to find its lines. */
final class Recordings {

    static final String RUN_ID = "20261201-101500-4242-ab12";
    static final String ENDPOINT = "POST /v1/chat/completions";

    private Recordings() {
    }

    static Path golden() {
        try {
            return Path.of(Recordings.class.getResource("/golden/recording.jsonl").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> goldenLines() {
        try {
            return Files.readAllLines(golden(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Index (0-based) of the first line containing every one of {@code parts}. */
    static int indexOf(List<String> lines, String... parts) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean all = true;
            for (String p : parts) {
                all &= line.contains(p);
            }
            if (all) {
                return i;
            }
        }
        throw new AssertionError("no line with " + String.join(", ", parts));
    }
}
