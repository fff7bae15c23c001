package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.analyzer.errors.MessageNormalizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code errors} command on the sample, the golden recording, a real demo trace, synthetic and damaged files. */
class ErrorsCommandTest {

    @TempDir
    Path dir;

    static Path demo() throws Exception {
        return Path.of(ErrorsCommandTest.class.getResource("/demo/20261202-010135-26066-ac42.jsonl").toURI());
    }

    @Test
    void sampleFailureIsGroupedWithItsWholeStackAndPath() {
        Cli.Result r = Cli.run("errors", Traces.sample().toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("Errors (1 failed of 13 span(s); 1 group(s))"), out);
        assertTrue(out.contains("1      1  IOException  WebSearchTool.search  +1.258 s    +1.258 s   connection reset "
                + "while reading results from search.acme.dev"), out);
        assertTrue(out.contains("path       PlannerAgent.run > WebSearchTool.search"), out);
        assertTrue(out.contains("stack      java.io.IOException: connection reset while reading results from "
                + "search.acme.dev\n"), out);
        assertTrue(out.contains("  at com.acme.research.tools.WebSearchTool.search(WebSearchTool.java:31)\n"), out);
        assertTrue(out.contains("  ... 3 more (not recorded)\n"), out);
        assertTrue(out.contains("Caused by: java.net.SocketException: Connection reset"), out);
        assertTrue(out.contains("tool   WebSearchTool.search      2       1    50.0%  356.5 ms  402.7 ms"), out);

        JsonNode json = Traces.parse(Cli.run("errors", Traces.sample().toString(), "--json").out());
        assertEquals(13, json.path("spans").asLong());
        assertEquals(1, json.path("failures").asLong());
        JsonNode g = json.path("groups").get(0);
        assertEquals("java.io.IOException", g.path("type").asText());
        assertEquals("WebSearchTool.search", g.path("method").asText());
        assertEquals("jdk.internal.net.http.HttpClientImpl.send(HttpClientImpl.java:586)", g.path("topFrame").asText());
        assertEquals("[\"PlannerAgent.run\",\"WebSearchTool.search\"]", g.path("path").toString());
        assertEquals(3, g.path("sample").path("error").path("framesOmitted").asInt());
        assertEquals("java.net.SocketException", g.path("sample").path("error").path("cause").path("type").asText());
        assertEquals(1258, Math.round(g.path("firstOffsetNanos").asLong() / 1e6), "as summary: from the first span");
        assertEquals(json.path("runStartNanos"), json.path("filterStartNanos"),
                "the trace opens with its first call's start record: --from counts from where the offsets do");
        Cli.Result window = Cli.run("errors", Traces.sample().toString(), "--from", "1.25s", "--to", "1.26s");
        assertTrue(window.out().contains("Errors (1 failed of 1 matching span(s); 1 group(s))"), window.out());
        JsonNode first = json.path("calls").get(0);
        assertEquals("WebSearchTool.search", first.path("name").asText(), "most failures first");
        assertEquals(0.5, first.path("successRate").asDouble());
    }

    @Test
    void goldenRecordingFailureHasItsPath() throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/recording.jsonl").toURI());
        Cli.Result r = Cli.run("errors", golden.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1. ConnectException: Connection refused  (1x in 1 trace(s))"), r.out());
        assertTrue(r.out().contains("path       AssistantAgent.chat > ChatClient.complete"), r.out());
        assertTrue(r.out().contains("... 9 more (not recorded)"), r.out());
    }

    @Test
    void demoTraceRetriedWebSearchFailure() throws Exception {
        Cli.Result r = Cli.run("errors", demo().toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("1. IOException: connection reset by search backend  (1x in 1 trace(s))"), out);
        // The tool ran on a pool thread under the executor span the planner handed it to.
        assertTrue(out.contains("path       PlannerAgent.run > web_search  (ToolExecutor.execute) > web_search  "
                + "(WebSearchTool.run)"), out);
        assertTrue(out.contains("thread tool-pool-2"), out);
        // Failed once, then the retry succeeded: 2 calls, 1 failed.
        assertTrue(out.contains("tool   web_search               2       1    50.0%"), out);

        Cli.Result agents = Cli.run("errors", demo().toString(), "--kind", "agent");
        assertTrue(agents.out().contains("Errors: none (4 matching span(s))"), agents.out());
        assertFalse(agents.out().contains("web_search"), agents.out());

        JsonNode json = Traces.parse(Cli.run("errors", demo().toString(), "--json", "--trace", "5b3f1158").out());
        assertEquals(1, json.path("failures").asLong());
        assertEquals("web_search", json.path("groups").get(0).path("name").asText());
        assertEquals(8, json.path("groups").get(0).path("sample").path("error").path("stack").size());
    }

    @Test
    void directoryOfTheDemoRunAndItsReplay() throws Exception {
        Path demoDir = demo().getParent();
        Cli.Result newest = Cli.run("errors", demoDir.toString());
        assertEquals(0, newest.exitCode(), newest.err());
        assertTrue(newest.out().startsWith("agentdbg errors of run 20261202-010143-26161-e351\n  (newest of 2 runs in "),
                newest.out());
        // The replay served the recorded failure again: the same group.
        assertTrue(newest.out().contains("1. IOException: connection reset by search backend  (1x in 1 trace(s))"),
                newest.out());
        Cli.Result original = Cli.run("errors", demoDir.toString(), "--run", "20261202-010135-26066-ac42");
        assertTrue(original.out().startsWith("agentdbg errors of run 20261202-010135-26066-ac42\n"), original.out());
    }

    @Test
    void messagesAreFoldedAndGroupedByTypeMessageMethodAndTopFrame() throws Exception {
        TraceBuilder t = new TraceBuilder().run("r1")
                .method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.SearchTool", "search", "tool", "search");
        for (int i = 1; i <= 3; i++) {
            t.span(i, 10 + i, 100 + i, 2, i * 1_000_000L, 1_000_000L)
                    .failed("java.util.concurrent.TimeoutException", "timeout after " + (3000 + i * 7) + " ms on 'req-"
                            + i + "' id 5f0c2b9a-1d3e-4f6a-8b7c-9d0e1f2a3b4c at 0x7ff" + i);
            t.span(i, 100 + i, 0, 1, i * 1_000_000L - 500_000L, 3_000_000L);
        }
        t.span(4, 20, 0, 2, 9_000_000L, 1_000_000L).failed("java.lang.IllegalStateException", "closed");
        Path file = t.stats(7, 0, 0).writeTo(dir.resolve("t.jsonl"));

        JsonNode json = Traces.parse(Cli.run("errors", file.toString(), "--json").out());
        assertEquals(4, json.path("failures").asLong());
        assertEquals(2, json.path("groupCount").asInt());
        JsonNode g = json.path("groups").get(0);
        assertEquals(3, g.path("count").asLong());
        assertEquals(3, g.path("traces").asInt());
        assertEquals("timeout after <n> ms on '<v>' id <uuid> at <hex>", g.path("message").asText());
        assertEquals("[\"Agent.run\",\"SearchTool.search\"]", g.path("path").toString());
        assertEquals(1_000_000L, g.path("lastOffsetNanos").asLong() - g.path("firstOffsetNanos").asLong() - 1_000_000L);
        assertEquals("[\"SearchTool.search\"]", json.path("groups").get(1).path("path").toString(), "a root span");

        Cli.Result top = Cli.run("errors", file.toString(), "--top", "1");
        assertTrue(top.out().contains("2 group(s), top 1 shown (raise --top)"), top.out());
        assertFalse(top.out().contains("IllegalStateException"), top.out());
        assertEquals(1, Traces.parse(Cli.run("errors", file.toString(), "--json", "--top", "1").out())
                .path("groups").size());
    }

    @Test
    void errorWhenResultsCountAsFailures() throws Exception {
        // What the agent writes for a call that returned normally but whose rule's errorWhen matched.
        Path file = new TraceBuilder().run("r1")
                .method(1, "dev.langchain4j.service.tool.ToolService", "executeWithErrorHandling", "tool", "tools")
                .span(1, 11, 0, 1, 0, 2_000_000L).attrs("gen_ai.tool.name", "getWeather")
                .failed("(error result)", "result.isError is true")
                .span(1, 12, 0, 1, 5_000_000L, 2_000_000L).attrs("gen_ai.tool.name", "getWeather")
                .stats(2, 0, 0).writeTo(dir.resolve("w.jsonl"));
        Cli.Result r = Cli.run("errors", file.toString());
        assertTrue(r.out().contains("1 returned as an error result (errorWhen)"), r.out());
        assertTrue(r.out().contains("outcome    returned normally; its rule's errorWhen marked the result failed"),
                r.out());
        assertTrue(r.out().contains("tool  getWeather      2       1    50.0%"), r.out());
        assertFalse(r.out().contains("stack "), "nothing was thrown: no stack line\n" + r.out());
        JsonNode json = Traces.parse(Cli.run("errors", file.toString(), "--json").out());
        assertEquals(1, json.path("errorResults").asLong());
        assertTrue(json.path("groups").get(0).path("errorResult").asBoolean());
    }

    @Test
    void pathStartsWithAnEllipsisWhenAnAncestorIsMissing() throws Exception {
        Path file = new TraceBuilder().run("r1")
                .method(1, "com.acme.Tool", "run", "tool", "tool")
                .span(1, 11, 99, 1, 0, 2_000_000L).failed("java.io.IOException", "x")
                .stats(1, 0, 0).writeTo(dir.resolve("o.jsonl"));
        JsonNode json = Traces.parse(Cli.run("errors", file.toString(), "--json").out());
        assertEquals("[\"...\",\"Tool.run\"]", json.path("groups").get(0).path("path").toString());
    }

    @Test
    void truncatedAndCorruptFilesGivePartialResults() throws Exception {
        List<String> lines = new ArrayList<>(Traces.sampleLines());
        lines.remove(lines.size() - 1);
        int calculator = 0;
        while (!(lines.get(calculator).contains("\"type\":\"span\"") && lines.get(calculator).contains("\"method\":3"))) {
            calculator++;
        }
        lines.set(calculator, "{\"type\":\"span\",\"trace\":\"4bf9\u0000garbage");
        Path file = Traces.write(dir.resolve("torn.jsonl"), lines);
        Files.writeString(file, "{\"type\":\"span\",\"trace\":\"4bf9", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        Cli.Result r = Cli.run("errors", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("! skipped line " + (calculator + 1) + " of torn.jsonl: corrupt JSON"), r.out());
        assertTrue(r.out().contains("torn last line (no newline, 28 bytes)"), r.out());
        assertTrue(r.out().contains("Errors (1 failed of 12 span(s); 1 group(s))"), r.out());
        JsonNode json = Traces.parse(Cli.run("errors", file.toString(), "--json").out());
        assertEquals(2, json.path("input").path("skippedLines").size());

        Path garbage = Files.writeString(dir.resolve("garbage.jsonl"), "not json\n\u0000\u0001\n");
        Cli.Result bad = Cli.run("errors", garbage.toString());
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("agentdbg-analyzer errors: no trace records could be read from "), bad.err());
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() {
        for (String[] args : new String[][] {{"--top", "0"}, {"--from", "soon"}, {"--status", "maybe"}}) {
            List<String> all = new ArrayList<>(List.of("errors", Traces.sample().toString()));
            all.addAll(List.of(args));
            Cli.Result r = Cli.run(all.toArray(String[]::new));
            assertEquals(2, r.exitCode(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.out().isEmpty());
        }
    }

    @Test
    void normalizerFoldsVariableParts() {
        assertEquals("user <n> not found in '<v>'", MessageNormalizer.normalize("user 42 not found in 'accounts'"));
        assertEquals("request <uuid> failed: \"<v>\"",
                MessageNormalizer.normalize("request 123e4567-e89b-12d3-a456-426614174000 failed: \"bad key\""));
        assertEquals("span <hex> at <hex>", MessageNormalizer.normalize("span 00f067aa0ba902b7 at 0x1F"));
        assertEquals("call_<n> took <n> s", MessageNormalizer.normalize("call_17 took 1.5 s"));
        assertEquals("Connection refused", MessageNormalizer.normalize("Connection refused"));
        assertEquals(null, MessageNormalizer.normalize(null));
    }
}
