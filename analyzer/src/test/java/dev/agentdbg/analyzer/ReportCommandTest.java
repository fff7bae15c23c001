package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code report} command's page, read as a file: self-contained, its data intact, the large-run policy. */
class ReportCommandTest {

    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"agentdbg-data\">";

    @TempDir
    Path dir;

    private static String html(Path page) throws Exception {
        return Files.readString(page);
    }

    /** The page's embedded data document. */
    static JsonNode data(String html) throws Exception {
        int from = html.indexOf(DATA_OPEN) + DATA_OPEN.length();
        return Traces.JSON.readTree(html.substring(from, html.indexOf("</script>", from)));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theDemoPageIsSelfContainedAndCarriesEverySpanWithItsPayload() throws Exception {
        Path page = dir.resolve("run.html");
        Cli.Result r = Cli.run("report", BundleCommandTest.demo().toString(), "-o", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("report written to " + page + " ("), r.out());
        assertTrue(r.out().contains("26 of 26 spans drawn"), r.out());
        String html = html(page);
        assertTrue(html.startsWith("<!doctype html>"));
        // Nothing from the network: no external script, style, image or font, and a policy that forbids any.
        Matcher external = Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//", Pattern.CASE_INSENSITIVE)
                .matcher(html);
        assertFalse(external.find(), () -> "external reference: " + external.group());
        assertTrue(html.contains("default-src 'none'"));
        assertEquals(2, count(html, "</script>"), "the data and the code, each closed once");

        JsonNode data = data(html);
        assertEquals("agentdbg-report", data.path("format").asText());
        assertEquals(26, data.path("spans").size());
        assertFalse(data.path("view").path("large").asBoolean());
        assertEquals(26, data.path("summary").path("spans").path("total").asInt());
        assertEquals(7, data.path("llm").path("total").path("calls").asInt());
        JsonNode llm = null;
        for (JsonNode s : data.path("spans")) {
            if ("llm".equals(s.path("kind").asText()) && llm == null) {
                llm = s;
            }
        }
        assertEquals("gpt-4o", llm.path("attrs").path("gen_ai.response.model").asText());
        assertEquals("com.acme.research.llm.ChatRequest", llm.path("args").get(0).path("@type").asText());
        assertTrue(llm.has("result"));
    }

    @Test
    void theCallsAReplayAnsweredFromTheRecordingAreMarked() throws Exception {
        Path page = dir.resolve("replay.html");
        Path replay = Path.of(getClass().getResource("/demo/20261202-010143-26161-e351.jsonl").toURI());
        assertEquals(0, Cli.run("report", replay.toString(), "-o", page.toString()).exitCode());
        int replayed = 0;
        for (JsonNode s : data(html(page)).path("spans")) {
            if (s.has("replayed")) {
                assertEquals("llm", s.path("kind").asText());
                assertEquals("recording", s.path("replayed").asText());
                replayed++;
            }
        }
        assertEquals(7, replayed, "the demo's seven LLM calls");
    }

    @Test
    void textThatLooksLikeMarkupCannotEndTheDataEarly() throws Exception {
        String evil = "</script><script>alert(1)</script><!--";
        Path trace = new TraceBuilder().run("r1").method(1, "com.acme.Agent", "run", "agent", "agent")
                .span(1, 1, 0, 1, 0, 5_000_000).attrs("note", evil).set("args", List.of(evil))
                .stats(1, 0, 0).writeTo(dir.resolve("t.jsonl"));
        Path page = dir.resolve("evil.html");
        assertEquals(0, Cli.run("report", trace.toString(), "-o", page.toString()).exitCode());
        String html = html(page);
        assertEquals(2, count(html, "</script>"));
        assertFalse(html.contains("<!--\""));
        JsonNode span = data(html).path("spans").get(0);
        assertEquals(evil, span.path("attrs").path("note").asText());
        assertEquals(evil, span.path("args").get(0).asText());
    }

    @Test
    void anUnfinishedCallRunsToTheEndOfTheRun() throws Exception {
        Path trace = new TraceBuilder().run("r1").method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Llm", "call", "llm", "llm")
                .start(1, 1, 0, 1, 0).set("args", List.of("question"))
                .span(1, 2, 1, 2, 1_000_000, 2_000_000)
                .writeTo(dir.resolve("killed.jsonl"));
        Path page = dir.resolve("killed.html");
        assertEquals(0, Cli.run("report", trace.toString(), "-o", page.toString()).exitCode());
        JsonNode data = data(html(page));
        JsonNode running = null;
        for (JsonNode s : data.path("spans")) {
            if ("running".equals(s.path("status").asText())) {
                running = s;
            }
        }
        assertEquals(String.format("%016x", 1), running.path("id").asText());
        assertEquals(data.path("view").path("endOffsetNanos").asLong(),
                running.path("start").asLong() + running.path("dur").asLong());
        assertEquals("question", running.path("args").get(0).asText());
    }

    @Test
    void aLargeRunDrawsTheChosenTracesWholeAndListsTheRest() throws Exception {
        TraceBuilder t = new TraceBuilder().run("r1").method(1, "com.acme.Agent", "run", "agent", "agent")
                .method(2, "com.acme.Tool", "run", "tool", "tool");
        for (int trace = 1; trace <= 30; trace++) {
            long at = trace * 100_000_000L;
            // Trace 17 is the slowest; trace 23 fails.
            long dur = trace == 17 ? 90_000_000L : 10_000_000L;
            t.span(trace, trace * 10 + 1, trace * 10, 2, at + 1_000, 1_000_000);
            if (trace == 23) {
                t.failed("java.io.IOException", "boom");
            }
            t.span(trace, trace * 10 + 2, trace * 10, 2, at + 2_000_000, 1_000_000);
            t.span(trace, trace * 10, 0, 1, at, dur);
        }
        Path trace = t.stats(90, 0, 0).writeTo(dir.resolve("big.jsonl"));
        Path page = dir.resolve("big.html");
        Cli.Result r = Cli.run("report", trace.toString(), "-o", page.toString(), "--max-spans", "20",
                "--first-traces", "1", "--slowest-traces", "1", "--failing-traces", "1", "--list-traces", "5");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("9 of 90 spans drawn, a large run"), r.out());
        JsonNode data = data(html(page));
        assertTrue(data.path("view").path("large").asBoolean());
        List<String> traces = new ArrayList<>();
        data.path("spans").forEach(s -> {
            if (!traces.contains(s.path("trace").asText())) {
                traces.add(s.path("trace").asText());
            }
        });
        assertEquals(List.of(String.format("%032x", 1), String.format("%032x", 17), String.format("%032x", 23)),
                traces, "the first, the slowest and the failing trace, each whole");
        assertEquals("[\"slowest\"]", data.path("traces").path(String.format("%032x", 17)).toString());
        assertEquals(27, data.path("otherTraces").path("total").asInt());
        assertEquals(5, data.path("otherTraces").path("listed").size());
        assertEquals("Agent.run", data.path("otherTraces").path("listed").get(0).path("name").asText());
    }

    @Test
    void anOutputInAMissingDirectoryIsOneLineAndExitCode2() {
        Path page = dir.resolve("no/such/dir/run.html");
        Cli.Result r = Cli.run("report", Traces.sample().toString(), "-o", page.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("agentdbg-analyzer report: cannot write " + page), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void anOutputIsRequired() {
        Cli.Result r = Cli.run("report", Traces.sample().toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--output"), r.err());
    }
}
