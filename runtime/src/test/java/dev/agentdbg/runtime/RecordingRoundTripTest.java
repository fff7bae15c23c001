package dev.agentdbg.runtime;

import dev.agentdbg.bootstrap.CallCapture;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.bootstrap.SpanRings;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.replay.HttpExchange;
import dev.agentdbg.replay.HttpRecorder;
import dev.agentdbg.replay.RecordedExchange;
import dev.agentdbg.replay.RecordingReader;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.ReplayStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An HTTP exchange recorded under an LLM span, written by the drainer and read back for replay. */
class RecordingRoundTripTest {
    private static final String KEY = "sk-proj-abcdefghijklmnop0123456789";

    @AfterEach
    void reset() {
        Spans.uninstall();
        ReplayMode.install(ReplaySettings.TRACE_ONLY, null);
    }

    private static ReplaySettings record(int maxBytes) {
        return new ReplaySettings("record", maxBytes, "", Set.of("llm"), false, false, false, -1, Map.of(), false,
                Set.of(), List.of());
    }

    private static Path recordOneExchange(Path dir, int maxBytes) throws Exception {
        Redactor.install(Redactor.create(List.of("apiKey", "authorization", "token"), "", w -> { }));
        ReplayMode.install(record(maxBytes), null);
        SpanRings rings = new SpanRings(256, 256);
        MethodRegistry registry = new MethodRegistry();
        MethodInfo llm = registry.register("com.acme.Llm", "chat", "()V", "llm", "Llm", "llm");
        CallCapture.useMethods(registry);
        RunInfo run = RunInfo.forThisProcess(Instant.now(), "test", Map.of("agentdbg.mode", "record"), List.of(), List.of());
        Drainer drainer = new Drainer(rings, registry, new TraceSettings(dir, 256, 50, 1 << 20, 2), run);
        drainer.start();
        Spans.install(rings, 1_700_000_000_000_000_000L, System.nanoTime(), 3);

        assertNull(HttpRecorder.begin("java.net.http", "POST", URI.create("http://h/v1/x"), Map.of(), null, "n/a"),
                "outside an llm span nothing is recorded");
        int token = Spans.enter(llm.id());
        HttpExchange exchange = HttpRecorder.begin("java.net.http", "POST",
                URI.create("https://api.example.com:8443/v1/chat/completions"),
                Map.of("Authorization", List.of("Bearer " + KEY), "Content-Type", List.of("application/json")),
                ("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"apiKey\":\"" + KEY + "\"}")
                        .getBytes(StandardCharsets.UTF_8), null);
        exchange.head(200, Map.of("content-type", List.of("text/event-stream"), "set-cookie", List.of("s=1")));
        byte[] first = "data: {\"delta\":\"Hel\"}\n\n".getBytes(StandardCharsets.UTF_8);
        exchange.chunk(first, 0, first.length);
        byte[] binary = {(byte) 0xff, 0, 1};
        exchange.chunk(binary, 0, binary.length);
        exchange.end(null);
        Spans.exit(token, null);
        drainer.finish(5_000);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
    }

    @Test
    void exchangeRoundTripsWithoutSecrets(@TempDir Path dir) throws Exception {
        Path trace = recordOneExchange(dir, 1 << 20);
        String text = Files.readString(trace);
        assertFalse(text.contains(KEY), "no API key in the recording");
        assertFalse(text.contains("Authorization"), "no Authorization header");
        assertFalse(text.contains("s=1"), "no cookies");
        assertTrue(text.contains("\"mode\":\"record\""), "the run record says it was recorded");

        ReplayStore store = RecordingReader.load(trace.toString(), dir);
        assertEquals(List.of(), store.problems());
        assertEquals(1, store.exchanges().size());
        RecordedExchange x = store.exchanges().get(0);
        assertEquals("POST /v1/chat/completions", x.endpoint(), "scheme, host and port are not part of the key");
        assertNull(x.unservable());
        assertEquals(200, x.status());
        assertEquals(2, x.chunks().size());
        assertEquals("data: {\"delta\":\"Hel\"}\n\n", new String(x.chunks().get(0), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {(byte) 0xff, 0, 1}, x.chunks().get(1), "binary chunks come back as bytes");
        assertTrue(x.chunkAt()[1] >= x.chunkAt()[0]);
    }

    @Test
    void aResponseOverMaxBytesIsCutAndNotServable(@TempDir Path dir) throws Exception {
        Path trace = recordOneExchange(dir, 100);
        RecordedExchange x = RecordingReader.load(trace.toString(), dir).exchanges().get(0);
        assertTrue(x.unservable().contains("agentdbg.record.maxBytes"), x.unservable());
    }

    @Test
    void corruptAndTruncatedLinesAreNamedAndTheRestIsServed(@TempDir Path dir) throws Exception {
        Path trace = recordOneExchange(dir, 1 << 20);
        List<String> lines = Files.readAllLines(trace);
        String exchange = lines.stream().filter(l -> l.contains("\"type\":\"exchange\"")).findFirst().orElseThrow();
        StringBuilder damaged = new StringBuilder();
        damaged.append(lines.get(0)).append('\n');
        damaged.append("{\"type\":\"exch garbage\n");
        damaged.append(exchange).append('\n');
        damaged.append(exchange, 0, exchange.length() / 2);
        Files.writeString(trace, damaged);
        ReplayStore store = RecordingReader.load(trace.toString(), dir);
        assertEquals(1, store.exchanges().size(), "the intact exchange is still served");
        assertEquals(2, store.problems().size(), store.problems().toString());
        assertTrue(store.problems().get(0).contains("line 2 is not a complete JSON record"), store.problems().get(0));
        assertTrue(store.problems().get(1).contains("line 4"), store.problems().get(1));
    }

    @Test
    void aRunIdOrADirectoryFindsTheRecording(@TempDir Path dir) throws Exception {
        Path trace = recordOneExchange(dir, 1 << 20);
        String runId = trace.getFileName().toString().replace(".jsonl", "");
        assertEquals(runId, RecordingReader.load(runId, dir).runId());
        assertEquals(runId, RecordingReader.load(dir.toString(), Path.of("elsewhere")).runId());
        ReplayStore missing = RecordingReader.load("no-such-run", dir);
        assertNull(missing.runId());
        assertTrue(missing.problems().get(0).contains("neither a trace file, a directory nor the id of a run"));
    }
}
