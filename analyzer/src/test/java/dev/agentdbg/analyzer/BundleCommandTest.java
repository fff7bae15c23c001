package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.analyzer.bundle.Excerpt;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bundle}: the four files, their bounds, the narrative, file:line, and damaged input. */
class BundleCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILES[] = {"debug_context.md", "profile_summary.json", "spans_excerpt.jsonl",
        "sources.txt"};
    static final String DEMO_FAILED_TRACE = "5b3f11581f3fca03ef8d3c0d2f14528e";

    @TempDir
    Path dir;

    static Path demo() {
        try {
            return Path.of(BundleCommandTest.class.getResource("/demo/20261202-010135-26066-ac42.jsonl").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void errorGroupOfTheDemoGivesItsTraceToldWithFileAndLine() throws Exception {
        Path out = dir.resolve("bundle");
        Cli.Result r = Cli.run("bundle", demo().toString(), "--out", out.toString(), "--error", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Bundle of run 20261202-010135-26066-ac42 written to " + out), r.out());
        assertTrue(r.out().contains("error group 1 (java.io.IOException in web_search  (WebSearchTool.run), 1x)"),
                r.out());
        assertTrue(r.out().contains("14 selected, 14 in spans_excerpt.jsonl"), r.out());
        for (String f : FILES) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
            assertTrue(Files.size(out.resolve(f)) < 64 * 1024, f + " stays small");
            assertTrue(r.out().contains(f), "the sizes are printed");
        }
        String md = Files.readString(out.resolve("debug_context.md"));
        assertTrue(md.contains("ran calculator, read_file and web_search in parallel"), md);
        assertTrue(md.contains("`web_search` failed once with IOException and was retried successfully"), md);
        assertTrue(md.contains("asked gpt-4o through `OpenAiClient.complete` (339 in / 45 out tokens)"), md);
        assertTrue(md.contains("**java.io.IOException** in `web_search  (WebSearchTool.run)`, 1x: connection reset"
                + " by search backend"), md);
        assertTrue(md.contains("instrumented method: `com.acme.research.tools.WebSearchTool.run` at"
                + " WebSearchTool.java:61"), md);
        assertTrue(md.contains("thrown at: `com.acme.research.tools.WebSearchTool.run(WebSearchTool.java:64)`"), md);
        assertTrue(md.contains("- retried: ran tool `web_search  (WebSearchTool.run)`"), md);
        assertTrue(md.contains("## The slowest parts"), md);
        assertTrue(md.contains("total: 3 call(s), 1154 input / 162 output tokens, estimated $0.003338"), md);
        assertTrue(md.contains("## Prompt for a coding assistant"), md);
        assertTrue(md.contains("spans_excerpt.jsonl") && md.contains("sources.txt")
                && md.contains("profile_summary.json"), "the prompt names the other files");
        assertFalse(md.contains("af791ca9"), "the other trace is not in the bundle");

        List<JsonNode> spans = excerpt(out);
        assertEquals(14, spans.size());
        spans.forEach(s -> assertEquals(DEMO_FAILED_TRACE, s.get("trace").asText()));
        assertTrue(spans.stream().anyMatch(s -> "error".equals(s.get("status").asText())
                && "WebSearchTool.java:61".equals(s.get("source").asText())));

        List<String> sources = Files.readAllLines(out.resolve("sources.txt"));
        assertTrue(sources.contains("com/acme/research/tools/WebSearchTool.java"), sources.toString());
        assertTrue(sources.contains("com/acme/research/agents/PlannerAgent.java"), sources.toString());
        assertEquals(sources.size(), sources.stream().distinct().count(), "deduplicated");
        assertTrue(sources.stream().noneMatch(s -> s.startsWith("java/") || s.startsWith("dev/agentdbg")),
                "no JDK or agent frames");

        JsonNode profile = JSON.readTree(out.resolve("profile_summary.json").toFile());
        assertEquals(14, profile.get("selectedSpans").asLong());
        assertEquals(14, profile.path("spans").path("total").asLong());
        assertEquals(1, profile.path("errors").path("total").asLong());
        assertTrue(profile.path("breakdown").path("byComponent").size() > 0);
        assertTrue(profile.path("slowest").size() > 0);
        assertTrue(profile.path("run").path("config").isMissingNode(), "the configuration is left out");
    }

    @Test
    void wholeRunAndTimeWindowAndTrace() throws Exception {
        Cli.Result whole = Cli.run("bundle", demo().toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, whole.exitCode(), whole.err());
        assertTrue(whole.out().contains("selection  the whole run"), whole.out());
        assertEquals(26, excerpt(dir.resolve("a")).size());

        Cli.Result window = Cli.run("bundle", demo().toString(), "--out", dir.resolve("b").toString(),
                "--from", "7.55s");
        assertEquals(0, window.exitCode(), window.err());
        assertTrue(window.out().contains("filters --from 7.55s"), window.out());
        excerpt(dir.resolve("b")).forEach(s -> assertEquals("af791ca91aef95cec7d8be36f11d0c7f",
                s.get("trace").asText()));

        Cli.Result trace = Cli.run("bundle", demo().toString(), "--out", dir.resolve("c").toString(),
                "--trace", "af791ca9", "--json");
        assertEquals(0, trace.exitCode(), trace.err());
        JsonNode doc = JSON.readTree(trace.out());
        assertEquals(12, doc.get("selectedSpans").asLong());
        assertEquals(4, doc.get("files").size());
        String md = Files.readString(dir.resolve("c").resolve("debug_context.md"));
        assertTrue(md.contains("No selected span failed."), md);
    }

    @Test
    void goldenSample() throws Exception {
        Path out = dir.resolve("golden");
        Cli.Result r = Cli.run("bundle", Traces.sample().toString(), "--out", out.toString(), "--error", "1");
        assertEquals(0, r.exitCode(), r.err());
        for (String f : FILES) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        String md = Files.readString(out.resolve("debug_context.md"));
        assertTrue(md.contains("## What failed and where"), md);
        assertTrue(md.contains("**failed** with"), "the narrative names the failing call: " + md);
        assertTrue(md.matches("(?s).*\\.java:\\d+.*"), "file:line present");
        assertTrue(md.contains("ran tool `WebSearchTool.search` twice"), md);
        assertTrue(md.contains("`WebSearchTool.search` failed once with IOException and was retried successfully"), md);
        assertTrue(md.contains("thrown at HttpClientImpl.java:586 (in the traced method at WebSearchTool.java:31)"), md);
        assertTrue(md.contains("instrumented method: `com.acme.research.tools.WebSearchTool.search` at"
                + " WebSearchTool.java:28"), md);
        List<String> sources = Files.readAllLines(out.resolve("sources.txt"));
        assertTrue(sources.contains("com/acme/research/ResearchDemo.java"), "a frame's file: " + sources);
        assertFalse(sources.stream().anyMatch(p -> p.startsWith("jdk/")), sources.toString());
    }

    @Test
    void longStringsAreCutAndTheSpanCapIsSaid() throws Exception {
        List<String> lines = new ArrayList<>();
        String big = "x".repeat(50_000);
        for (String line : Files.readAllLines(demo())) {
            JsonNode n = JSON.readTree(line);
            if ("span".equals(n.path("type").asText()) && n.has("args")) {
                ((ObjectNode) n).set("args", JSON.createArrayNode().add(big));
                ((ObjectNode) n).put("result", big);
                line = n.toString();
            }
            lines.add(line);
        }
        Path trace = dir.resolve("big.jsonl");
        Files.write(trace, lines, StandardCharsets.UTF_8);
        assertTrue(Files.size(trace) > 1_000_000);
        Path out = dir.resolve("bundle");
        Cli.Result r = Cli.run("bundle", trace.toString(), "--out", out.toString(), "--max-spans", "5");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("26 selected, 6 in spans_excerpt.jsonl (20 left out by --max-spans/--max-kb)"),
                "5 plus the failed span beyond the cap: " + r.out());
        List<JsonNode> spans = excerpt(out);
        assertTrue(spans.stream().anyMatch(s -> "error".equals(s.path("status").asText())));
        String text = Files.readString(out.resolve("spans_excerpt.jsonl"));
        assertTrue(text.contains("...[agentdbg bundle: cut, 50000 chars in all]"), text.substring(0, 300));
        assertTrue(Files.size(out.resolve("spans_excerpt.jsonl")) < 6 * 6 * 1024);
        String md = Files.readString(out.resolve("debug_context.md"));
        assertTrue(md.contains("6 of the 26 selected span(s)") && md.contains("20 span(s) were left out"), md);
    }

    @Test
    void cutKeepsShortValuesAndMarksLongOnes() {
        assertEquals("short", Excerpt.cut("short"));
        String cut = Excerpt.cut("y".repeat(3000));
        assertTrue(cut.startsWith("y".repeat(Excerpt.MAX_STRING) + "...[agentdbg bundle: cut, 3000 chars in all]"));
        ArrayNode many = JSON.createArrayNode();
        for (int i = 0; i < 200; i++) {
            many.add(i);
        }
        JsonNode c = Excerpt.cut(many);
        assertEquals(51, c.size());
        assertEquals("...[agentdbg bundle: cut, 200 elements in all]", c.get(50).asText());
    }

    @Test
    void truncatedFileGivesAPartialBundle() throws Exception {
        byte[] all = Files.readAllBytes(demo());
        Path trace = dir.resolve("cut.jsonl");
        Files.write(trace, java.util.Arrays.copyOf(all, all.length / 3));
        Path out = dir.resolve("bundle");
        Cli.Result r = Cli.run("bundle", trace.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String md = Files.readString(out.resolve("debug_context.md"));
        assertTrue(md.contains("lines skipped: 1"), md);
        assertTrue(md.contains("no final stats record"), md);
        for (String f : FILES) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
    }

    @Test
    void corruptFileOutOfRangeErrorAndNonEmptyFolderAreRefusedInOneLine() throws Exception {
        Path garbage = dir.resolve("garbage.jsonl");
        Files.writeString(garbage, "not json\n{also not\n");
        Cli.Result r = Cli.run("bundle", garbage.toString(), "--out", dir.resolve("g").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no trace records could be read"), r.err());
        assertFalse(Files.exists(dir.resolve("g")), "nothing written");

        Cli.Result range = Cli.run("bundle", demo().toString(), "--out", dir.resolve("r").toString(), "--error", "2");
        assertEquals(2, range.exitCode());
        assertEquals(1, range.err().strip().lines().count(), range.err());
        assertTrue(range.err().contains("--error 2: the run has 1 error group(s): 1. java.io.IOException in"
                + " web_search  (WebSearchTool.run) (1x)"), range.err());

        Path full = dir.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("keep.txt"), "mine");
        Cli.Result refused = Cli.run("bundle", demo().toString(), "--out", full.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("is not empty; choose another folder or add --force"), refused.err());
        assertFalse(Files.exists(full.resolve("debug_context.md")));
        Cli.Result forced = Cli.run("bundle", demo().toString(), "--out", full.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals("mine", Files.readString(full.resolve("keep.txt")), "other files are left alone");

        Cli.Result badTime = Cli.run("bundle", demo().toString(), "--out", dir.resolve("t").toString(),
                "--from", "soon");
        assertEquals(2, badTime.exitCode());
        assertEquals("agentdbg-analyzer bundle: --from takes a time such as 500ms, 2s or 1m, not 'soon'",
                badTime.err().strip(), "one line, no usage text");
    }

    @Test
    void docsExampleIsTheRealOutput() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("agentdbg.docs.dir"), "analyzer.md"));
        int from = doc.indexOf("### Example of `bundle`");
        assertTrue(from >= 0, "no bundle example in docs/analyzer.md");
        int outStart = doc.indexOf("```\n", from) + 4;
        String documentedOut = doc.substring(outStart, doc.indexOf("```", outStart));
        int mdStart = doc.indexOf("~~~markdown\n", from) + "~~~markdown\n".length();
        String documentedMd = doc.substring(mdStart, doc.indexOf("~~~", mdStart));

        Path out = dir.resolve("bundle");
        Cli.Result r = Cli.run("bundle", demo().toString(), "--out", out.toString(), "--error", "1");
        assertEquals(0, r.exitCode(), r.err());
        String real = "$ java -jar agentdbg-analyzer.jar bundle 20261202-010135-26066-ac42.jsonl --out bundle --error 1\n"
                + r.out().replace(out.toString(), "bundle");
        assertEquals(documentedOut, real, "re-paste the output of bundle on the demo trace into docs/analyzer.md");
        assertTrue(Files.readString(out.resolve("debug_context.md")).contains(documentedMd),
                "re-paste the middle of debug_context.md into docs/analyzer.md");
    }

    private static List<JsonNode> excerpt(Path out) throws Exception {
        List<JsonNode> spans = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("spans_excerpt.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            assertEquals("span", n.get("type").asText());
            spans.add(n);
        }
        return spans;
    }
}
