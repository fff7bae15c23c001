package com.acme.it.debug;

import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Edit and continue end to end: the research demo under the real agent jar with the live debugger on and a
 * breakpoint, driven over real HTTP through {@code /api/state}, {@code /api/edit} and {@code /api/resume}.
 */
class LiveEditIT {
    private static final Pattern URL = Pattern.compile("live debugger: (http://127\\.0\\.0\\.1:(\\d+))/\\?token=([A-Za-z0-9_-]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(120);

    /** A debugger session over HTTP, as a script drives it. */
    record Api(HttpClient http, String base, String token) {
        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Agentdbg-Token", token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Agentdbg-Token", token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Starts the demo with these breakpoint properties; {@code onPause} answers each pause until the demo ends. */
    private static String runDemo(Path dir, List<String> breakpoint, Function<JsonNode, Boolean> onPause, Api[] api)
            throws Exception {
        Path traces = dir.resolve("traces");
        ChildJvm jvm = new ChildJvm(Jdks.current())
                .agent("config=" + System.getProperty("agentdbg.demo.config") + ",output.dir=" + traces)
                .jvmArg("-Dagentdbg.debug=true");
        for (String b : breakpoint) {
            jvm.jvmArg("-Dagentdbg.break." + b);
        }
        return drive(jvm.jar(ChildJvm.demoJar()), dir.resolve("demo"), onPause, api);
    }

    /** Starts {@code jvm} (the debugger on), answers each pause with {@code onPause}, and returns its stdout. */
    static String drive(ChildJvm jvm, Path out, Function<JsonNode, Boolean> onPause, Api[] api) throws Exception {
        Process demo = jvm.start(out);
        try {
            long start = System.nanoTime();
            Matcher m = null;
            while (m == null) {
                Matcher found = URL.matcher(Files.readString(out.resolve("stderr.txt"), StandardCharsets.UTF_8));
                if (found.find()) {
                    m = found;
                } else if (!demo.isAlive() || System.nanoTime() - start > GIVE_UP_NANOS) {
                    fail("no debugger URL printed:\n" + Files.readString(out.resolve("stderr.txt")));
                } else {
                    Thread.sleep(50);
                }
            }
            api[0] = new Api(HttpClient.newHttpClient(), m.group(1), m.group(3));
            java.util.Set<Long> handled = new java.util.HashSet<>();
            while (demo.isAlive()) {
                if (System.nanoTime() - start > GIVE_UP_NANOS) {
                    fail("the demo did not finish:\n" + Files.readString(out.resolve("stdout.txt")));
                }
                HttpResponse<String> state;
                try {
                    state = api[0].get("/api/state");
                } catch (java.io.IOException ended) {
                    break; // the demo ended between the check and the request
                }
                assertEquals(200, state.statusCode(), state.body());
                for (JsonNode pause : JSON.readTree(state.body()).path("paused")) {
                    // a resumed thread may still be listed until it runs on: answer each pause once
                    if (handled.add(pause.get("id").asLong()) && onPause.apply(pause)) {
                        HttpResponse<String> resumed = api[0].post("/api/resume?id=" + pause.get("id").asLong()
                                + "&command=continue", null);
                        assertEquals(200, resumed.statusCode(), resumed.body());
                    }
                }
                Thread.sleep(20);
            }
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS));
            String stdout = Files.readString(out.resolve("stdout.txt"), StandardCharsets.UTF_8);
            assertEquals(0, demo.exitValue(), stdout + Files.readString(out.resolve("stderr.txt")));
            return stdout;
        } finally {
            demo.destroyForcibly();
        }
    }

    static String edit(Api api, long id, String target, String text) throws Exception {
        String body = JSON.createObjectNode().put("id", id).put("target", target).put("text", text).toString();
        HttpResponse<String> r = api.post("/api/edit", body);
        return r.statusCode() + " " + r.body().strip();
    }

    @Test
    void theStreamedSummaryEditedAsItsResponseBodyIsWhatTheDemoPrints(@TempDir Path dir) throws Exception {
        Api[] api = new Api[1];
        List<String> edited = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        String stdout = runDemo(dir, List.of("answer=openai", "answer.at=exit"), pause -> {
            try {
                long id = pause.get("id").asLong();
                if (pause.path("thread").asText().startsWith("llm-stream")) {
                    String text = "EDITED SUMMARY " + (edited.size() + 1);
                    String body = "data: " + JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
                            JSON.createObjectNode().set("delta", JSON.createObjectNode().put("content", text))))
                            + "\n\ndata: [DONE]\n\n";
                    // a bad target first: nothing changes, the pause stays
                    refused.add(edit(api[0], id, "args[0]", "x"));
                    String ok = edit(api[0], id, "body", body);
                    assertEquals("200 {\"edited\":\"body\"}", ok);
                    edited.add(text);
                } else {
                    // the blocking answers: a JSON body, which must stay JSON
                    refused.add(edit(api[0], id, "body", "{not json"));
                }
                return true;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, api);
        assertEquals(2, edited.size(), "both streamed summaries paused once each:\n" + stdout);
        for (String text : edited) {
            assertTrue(stdout.contains("A: " + text), "the demo printed the edited answer " + text + ":\n" + stdout);
        }
        assertTrue(stdout.contains("demo finished"), stdout);
        assertFalse(refused.isEmpty());
        for (String r : refused) {
            assertTrue(r.startsWith("409 ") || r.startsWith("400 "), r);
            assertFalse(r.contains("Exception") || r.contains("\n"), "one line, no stack trace: " + r);
        }
        assertTrue(refused.stream().anyMatch(r -> r.startsWith("400 body: not JSON")), refused.toString());
        // Someone reading the trace later is told: which span, what was there, what the program got instead.
        List<JsonNode> edits = debugRecords(dir.resolve("traces"), "edit");
        assertEquals(2, edits.size(), edits.toString());
        for (int i = 0; i < edits.size(); i++) {
            JsonNode e = edits.get(i);
            assertEquals("body", e.path("target").asText(), e.toString());
            assertTrue(e.path("span").asText().matches("[0-9a-f]{16}"), e.toString());
            assertTrue(e.path("after").asText().contains(edited.get(i)), e.toString());
            assertTrue(e.path("before").asText().contains("chatcmpl"), "the model's own streamed body: " + e);
        }
    }

    /** The trace's {@code debug} records of one event, in file order. */
    private static List<JsonNode> debugRecords(Path traces, String event) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        try (var files = Files.list(traces)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.contains("\"type\":\"debug\"")) {
                        JsonNode r = JSON.readTree(line);
                        if (event.equals(r.path("event").asText())) {
                            found.add(r);
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void aToolResultEditedAtItsReturnIsWhatTheAgentWorksWith(@TempDir Path dir) throws Exception {
        Api[] api = new Api[1];
        List<String> edits = new ArrayList<>();
        String stdout = runDemo(dir, List.of("calc=com.acme.research.tools.CalculatorTool#run", "calc.at=exit"), pause -> {
            try {
                String r = edit(api[0], pause.get("id").asLong(), "result",
                        "{\"expression\":\"edited\",\"result\":\"EDITED-BY-THE-DEBUGGER\"}");
                edits.add(r);
                return true;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, api);
        assertEquals(2, edits.size(), stdout);
        edits.forEach(r -> assertEquals("200 {\"edited\":\"result\"}", r));
        assertTrue(stdout.contains("EDITED-BY-THE-DEBUGGER"), "the agent answered from the edited result:\n" + stdout);
    }

    @Test
    void theEditAdviceIsAddedOnlyWithTheDebuggerOn(@TempDir Path dir) throws Exception {
        String tool = "com/acme/research/tools/CalculatorTool";
        String llm = "com/acme/research/llm/OpenAiClient";
        String agentRun = "com/acme/research/agents/PlannerAgent";
        java.util.Map<String, String> off = probe(dir.resolve("off"), false, tool, llm, agentRun);
        java.util.Map<String, String> on = probe(dir.resolve("on"), true, tool, llm, agentRun);
        String edits = "dev/agentdbg/bootstrap/DebugEdits";
        for (String c : List.of(tool, llm, agentRun)) {
            assertTrue(off.get(c).contains("dev/agentdbg/bootstrap/CallCapture") || off.get(c).contains("dev/agentdbg/bootstrap/Spans"),
                    c + " is instrumented");
            assertFalse(off.get(c).contains(edits), "debugger off: no edit advice in " + c);
        }
        assertTrue(on.get(tool).contains(edits), "debugger on: a tool method can be edited");
        assertTrue(on.get(llm).contains(edits), "debugger on: an llm method can be edited");
        assertFalse(on.get(agentRun).contains(edits), "an agent method never gets the edit advice");
    }

    /** The demo's classes as the JVM defines them, read as ISO-8859-1 text (constant pool names are ASCII). */
    private static java.util.Map<String, String> probe(Path dir, boolean debug, String... classes) throws Exception {
        Path seen = dir.resolve("seen");
        ChildJvm jvm = new ChildJvm(Jdks.current())
                .agent("config=" + System.getProperty("agentdbg.demo.config") + ",output.dir=" + dir.resolve("traces"))
                .jvmArg("-javaagent:" + probeJar(dir) + "=" + seen + ";" + String.join(";", classes));
        if (debug) {
            jvm.jvmArg("-Dagentdbg.debug=true");
        }
        jvm.jar(ChildJvm.demoJar()).run(dir.resolve("out")).assertSuccess();
        java.util.Map<String, String> bytes = new java.util.HashMap<>();
        for (String c : classes) {
            bytes.put(c, new String(Files.readAllBytes(seen.resolve(c.replace('/', '.') + ".class")),
                    StandardCharsets.ISO_8859_1));
        }
        return bytes;
    }

    /** Packs the bytecode probe into an agent jar (as OffMeansOffIT does). */
    private static Path probeJar(Path dir) throws Exception {
        Path classes = Path.of(com.acme.it.probe.BytecodeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", com.acme.it.probe.BytecodeProbe.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Files.createDirectories(dir);
        Path jar = dir.resolve("probe.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest);
             var files = Files.list(classes.resolve("com/acme/it/probe"))) {
            for (Path c : files.toList()) {
                out.putNextEntry(new java.util.jar.JarEntry("com/acme/it/probe/" + c.getFileName()));
                Files.copy(c, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
