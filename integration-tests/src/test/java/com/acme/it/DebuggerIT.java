package com.acme.it;

import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live debugger in the research demo under the real agent: the breakpoint comes from an
 * {@code AGENTDBG_BREAK_*} environment variable ({@code tool:web_search}, the name the tool's {@code name()}
 * returns, with a {@code .when} on its argument), the URL is read from what the agent prints, and the JSON API and the SSE feed are used over real
 * HTTP. What the debugger did must be in the trace.
 */
class DebuggerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("\\[agentdbg] live debugger: (http://127\\.0\\.0\\.1:(\\d+))/\\?token=(\\S+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private record Server(String base, String token) {
    }

    private ChildJvm demo(Path traces, String... jvmArgs) {
        ChildJvm jvm = new ChildJvm(Jdks.current())
                .agent("config=" + System.getProperty("agentdbg.demo.config") + ",output.dir=" + traces)
                .env("AGENTDBG_BREAK_SEARCH", "tool:web_search")
                .env("AGENTDBG_BREAK_SEARCH_WHEN", "args[0] contains savings")
                .jvmArg("-Dagentdbg.debug=true")
                .jvmArg("-Ddev.agentdbg.debug.heartbeatMillis=200");
        for (String a : jvmArgs) {
            jvm.jvmArg(a);
        }
        return jvm.jar(ChildJvm.demoJar());
    }

    /** Waits (generously) for the line the agent prints with the page's address. */
    private static Server server(Path dir, Process p) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
            Matcher m = URL.matcher(text);
            if (m.find()) {
                assertTrue(text.contains("(1 breakpoint)"), text);
                return new Server(m.group(1), m.group(3));
            }
            if (!p.isAlive()) {
                throw new AssertionError("the demo ended without printing the debugger's URL:\n" + text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no debugger URL in 60 s");
    }

    private HttpResponse<String> get(Server s, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(s.base + path)).header("X-Agentdbg-Token", s.token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Server s, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(s.base + path)).header("X-Agentdbg-Token", s.token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first pause listed by /api/state, waiting for one. */
    private JsonNode firstPause(Server s, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            HttpResponse<String> state = get(s, "/api/state");
            assertEquals(200, state.statusCode(), state.body());
            JsonNode paused = JSON.readTree(state.body()).path("paused");
            if (paused.size() > 0) {
                return paused.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing paused at the web_search breakpoint");
    }

    @Test
    void stateEventsAndResumeOverRealHttp(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Process p = demo(traces).start(dir);
        try {
            Server s = server(dir, p);
            JsonNode pause = firstPause(s, p);
            assertEquals("com.acme.research.tools.WebSearchTool", pause.path("method").path("class").asText(), pause.toString());
            assertEquals("tool", pause.path("method").path("kind").asText());
            assertEquals("enter", pause.path("at").asText());
            assertEquals("search", pause.path("breakpoint").asText());
            // The arguments as the trace writes them: the query the .when condition looked at.
            assertEquals("{\"query\":\"current savings account interest rates\"}", pause.path("args").get(0).asText(),
                    pause.toString());
            assertEquals(32, pause.path("trace").asText().length());
            assertTrue(pause.path("editable").isArray());
            JsonNode state = JSON.readTree(get(s, "/api/state").body());
            assertEquals("running", state.path("program").asText());
            assertEquals("tool:web_search", state.path("breakpoints").get(0).path("target").asText());
            assertEquals(1, state.path("breakpoints").get(0).path("calls").asInt());

            // The live feed: the backlog (records, with the method records first), the open pause, heartbeats.
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(URI.create(s.base + "/api/events"))
                    .header("X-Agentdbg-Token", s.token).GET().build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, events.statusCode());
            assertTrue(events.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Thread reader = new Thread(() -> {
                try {
                    events.body().forEach(lines::add);
                } catch (RuntimeException closed) {
                    // the program ended
                }
                lines.add("<closed>");
            });
            reader.setDaemon(true);
            reader.start();
            String firstRecord = waitFor(lines, l -> l.startsWith("data: {\"type\":"));
            assertTrue(firstRecord.startsWith("data: {\"type\":\"run\""), "the run record comes first: " + firstRecord);
            waitFor(lines, l -> l.equals("event: paused"));
            String pausedData = waitFor(lines, l -> l.startsWith("data: "));
            assertTrue(pausedData.contains("\"id\":" + pause.path("id").asInt() + ","), pausedData);
            waitFor(lines, l -> l.equals("event: heartbeat"));

            // Resume with a JSON body, then remove the breakpoint and let everything run.
            HttpResponse<String> resumed = post(s, "/api/resume",
                    "{\"id\": " + pause.path("id").asInt() + ", \"command\": \"continue\"}");
            assertEquals(200, resumed.statusCode(), resumed.body());
            waitFor(lines, l -> l.equals("event: released"));
            HttpResponse<String> again = post(s, "/api/resume", "{\"id\": " + pause.path("id").asInt() + ", \"command\": \"continue\"}");
            assertEquals(409, again.statusCode(), again.body());
            HttpResponse<String> removed = post(s, "/api/breakpoints/delete?name=search", "");
            assertEquals(200, removed.statusCode(), removed.body());
            assertEquals(200, post(s, "/api/continue-all", "").statusCode());
            waitFor(lines, l -> l.equals("event: ended"));
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the demo ends");
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("stderr.txt")));
            assertTrue(Files.readString(dir.resolve("stdout.txt")).contains("demo finished"));
        } finally {
            p.destroyForcibly();
        }
        Trace trace = Trace.readSingleRun(traces);
        List<String> events = trace.debug.stream().map(d -> d.path("event").asText() + ":"
                + d.path("breakpoint").asText(d.path("reason").asText())).toList();
        assertTrue(events.contains("pause:search"), events.toString());
        assertTrue(trace.debug.stream().anyMatch(d -> d.path("event").asText().equals("release")
                && d.path("reason").asText().equals("command")), events.toString());
        assertTrue(events.contains("breakpoint:search"), events.toString());
        assertEquals(0, trace.finalStats().path("internalErrors").asInt());
    }

    @Test
    void maxPauseAndTheJvmEndingReachTheTrace(@TempDir Path dir) throws Exception {
        // No page ever connects and maxPause is short: every web_search call pauses, and runs on by itself.
        Path traces = dir.resolve("traces");
        // A second breakpoint's condition reads a field the call does not have: it never stops, and says so once.
        ChildJvm.Result r = demo(traces, "-Dagentdbg.debug.maxPause=200ms")
                .env("AGENTDBG_BREAK_BAD", "tool:web_search").env("AGENTDBG_BREAK_BAD_WHEN", "args[0].nope == 1")
                .run(dir).assertSuccess();
        assertTrue(r.stdout().contains("demo finished"), r.stdout());
        Trace trace = Trace.readSingleRun(traces);
        assertTrue(trace.debug.stream().anyMatch(d -> d.path("event").asText().equals("warning")
                && d.path("text").asText().contains("agentdbg.debug.maxPause")), trace.debug.toString());
        assertTrue(trace.debug.stream().anyMatch(d -> d.path("event").asText().equals("release")
                && d.path("reason").asText().equals("max_pause")), trace.debug.toString());
        assertEquals(1, trace.debug.stream().filter(d -> d.path("text").asText().startsWith(
                "breakpoint bad: condition 'args[0].nope == 1' could not be evaluated")).count(), trace.debug.toString());

        // Now the JVM is told to end while a thread is paused: it is released, and the trace says so.
        Path traces2 = dir.resolve("traces2");
        Path dir2 = dir.resolve("second");
        Process p = demo(traces2).start(dir2);
        try {
            Server s = server(dir2, p);
            firstPause(s, p);
            p.destroy(); // SIGTERM: the shutdown hooks run
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        Trace ended = Trace.readSingleRun(traces2);
        assertTrue(ended.debug.stream().anyMatch(d -> d.path("event").asText().equals("warning")
                && d.path("text").asText().equals("the JVM is ending: 1 paused thread was released")), ended.debug.toString());
    }

    private static String waitFor(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (wanted.test(line)) {
                return line;
            }
            if (line.equals("<closed>")) {
                break;
            }
            if (seen.length() < 4000) {
                seen.append(line).append('\n');
            }
        }
        throw new AssertionError("not seen on the feed; what came:\n" + seen);
    }
}
