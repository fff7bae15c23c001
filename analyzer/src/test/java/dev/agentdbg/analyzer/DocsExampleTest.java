package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The examples in docs/analyzer.md are the real output on the sample or a test trace; this keeps them so. */
class DocsExampleTest {

    private static final String SAMPLE_AS_DOCUMENTED = "docs/sample-trace.jsonl";

    @Test
    void textExampleIsTheRealOutput() throws Exception {
        String documented = codeBlockAfter("### Example", "```\n");
        String real = Cli.runDefault("summary", Traces.sample().toString()).out()
                .replace(Traces.sample().toString(), SAMPLE_AS_DOCUMENTED);
        assertEquals(documented, real, "re-paste the output of summary docs/sample-trace.jsonl into docs/analyzer.md");
    }

    @Test
    void unfinishedCallsExampleIsTheRealOutput() throws Exception {
        Path dir = exampleDir("u");
        String documented = codeBlockAfter("### Example with unfinished calls", "```\n");
        UnfinishedCallsTest.writeKilledRun(dir.resolve("agentdbg-traces"));
        String real = Cli.runDefault("summary", dir.resolve("agentdbg-traces").toString()).out()
                .replace(dir + File.separator, "");
        assertEquals(documented, real, "re-paste the output of summary on UnfinishedCallsTest's killed run into"
                + " docs/analyzer.md");
    }

    @Test
    void parallelWorkExampleIsTheRealOutput() throws Exception {
        Path dir = exampleDir("p");
        String documented = codeBlockAfter("### Example with parallel work", "```\n");
        ParallelWorkTest.writeParallelRun(dir.resolve("agentdbg-traces"));
        String real = Cli.runDefault("summary", dir.resolve("agentdbg-traces").toString()).out()
                .replace(dir + File.separator, "");
        assertEquals(documented, real, "re-paste the output of summary on ParallelWorkTest's run into"
                + " docs/analyzer.md");
    }

    @Test
    void jsonExampleIsTheRealOutput() throws Exception {
        JsonNode documented = Traces.parse(codeBlockAfter("## JSON document", "```json\n"));
        String out = Cli.runDefault("summary", Traces.sample().toString(), "--json", "--top", "1", "--max-traces", "1",
                "--max-lines", "2").out().replace(Traces.sample().toString(), SAMPLE_AS_DOCUMENTED);
        ObjectNode real = (ObjectNode) Traces.parse(out);
        for (String table : new String[] {"byKind", "byComponent", "byMethod"}) {
            ArrayNode rows = (ArrayNode) real.path("breakdown").path(table);
            while (rows.size() > 1) {
                rows.remove(rows.size() - 1);
            }
        }
        assertEquals(documented, real, "re-paste the --json example into docs/analyzer.md");
    }

    @Test
    void summaryWithLlmCallsExampleIsTheRealOutput() throws Exception {
        Path dir = exampleDir("s");
        LlmRuns.writeLlmRun(dir.resolve("agentdbg-traces"));
        String real = Cli.runDefault("summary", dir.resolve("agentdbg-traces").toString()).out()
                .replace(dir + File.separator, "");
        String top = codeBlockAfter("### Example with LLM calls", "```\n", 0);
        String timeline = codeBlockAfter("### Example with LLM calls", "```\n", 1);
        assertTrue(real.startsWith(top), "re-paste the top of summary on LlmRuns' run into docs/analyzer.md:\n" + real);
        assertTrue(real.contains("\n" + timeline), "re-paste the timeline and breakdown of summary on LlmRuns' run"
                + " into docs/analyzer.md:\n" + real);
    }

    @Test
    void llmExampleIsTheRealOutput() throws Exception {
        Path dir = exampleDir("l");
        String documented = codeBlockAfter("### Example of `llm`", "```\n");
        LlmRuns.writeLlmRun(dir.resolve("agentdbg-traces"));
        String real = Cli.runDefault("llm", dir.resolve("agentdbg-traces").toString()).out()
                .replace(dir + File.separator, "");
        assertEquals(documented, real, "re-paste the output of llm on LlmRuns' run into docs/analyzer.md");
    }

    @Test
    void llmJsonExampleIsTheRealOutput() throws Exception {
        Path dir = exampleDir("j");
        JsonNode documented = Traces.parse(codeBlockAfter("### JSON document of `llm`", "```json\n"));
        LlmRuns.writeLlmRun(dir.resolve("agentdbg-traces"));
        JsonNode real = Traces.parse(Cli.runDefault("llm", dir.resolve("agentdbg-traces").toString(), "--json").out()
                .replace(dir + File.separator, ""));
        assertEquals(documented, real, "re-paste the output of llm --json on LlmRuns' run into docs/analyzer.md");
    }

    @Test
    void replayPlanExampleIsTheRealOutput() throws Exception {
        Path dir = exampleDir("rp");
        Path traces = Files.createDirectories(dir.resolve("agentdbg-traces"));
        Files.copy(Recordings.golden(), traces.resolve(Recordings.RUN_ID + ".jsonl"));
        String real = Cli.runDefault("replay-plan", traces.toString()).out().replace(dir + File.separator, "");
        assertEquals(codeBlockAfter("### Example of `replay-plan`", "```\n"), real,
                "re-paste the output of replay-plan on the golden recording into docs/analyzer.md");
        JsonNode json = Traces.parse(Cli.runDefault("replay-plan", traces.toString(), "--kinds", "llm,tool", "--until",
                "1", "--json").out().replace(dir + File.separator, ""));
        assertEquals(Traces.parse(codeBlockAfter("### JSON document of `replay-plan`", "```json\n")), json,
                "re-paste the output of replay-plan --kinds llm,tool --until 1 --json into docs/analyzer.md");
    }

    @Test
    void replaySummaryExampleIsTheRealOutput() throws Exception {
        Path dir = exampleDir("rs");
        Path traces = Files.createDirectories(dir.resolve("agentdbg-traces"));
        RecordReplaySummaryTest.replayRun(true).writeTo(traces.resolve(RecordReplaySummaryTest.REPLAY_ID + ".jsonl"));
        String real = Cli.runDefault("summary", traces.toString()).out().replace(dir + File.separator, "");
        for (int block = 0; block < 2; block++) {
            String documented = codeBlockAfter("### Example of a replay", "```\n", block);
            assertTrue(real.contains("\n" + documented), "re-paste the Replay section and the timeline of summary on"
                    + " RecordReplaySummaryTest's replay into docs/analyzer.md:\n" + real);
        }
    }

    @Test
    void diffExamplesAreTheRealOutput() throws Exception {
        String recording = DiffCommandTest.recording().toString();
        String replay = Cli.runDefault("diff", recording, DiffCommandTest.replay().toString()).out();
        assertEquals(codeBlockAfter("### Example of `diff`", "```\n", 0), replay,
                "re-paste the output of diff on the demo recording and its replay into docs/analyzer.md");
        String edited = Cli.runDefault("diff", recording, DiffCommandTest.edited().toString()).out();
        assertEquals(codeBlockAfter("### Example of `diff`", "```\n", 1), edited,
                "re-paste the output of diff on the demo recording and its edited copy into docs/analyzer.md");
        JsonNode json = Traces.parse(Cli.runDefault("diff", recording, DiffCommandTest.edited().toString(), "--json")
                .out());
        assertEquals(Traces.parse(codeBlockAfter("### JSON document of `diff`", "```json\n")), json,
                "re-paste the output of diff --json on the demo recording and its edited copy into docs/analyzer.md");
    }

    @Test
    void inspectExamplesAreTheRealOutput() throws Exception {
        Path dir = exampleDir("in");
        Path traces = Files.createDirectories(dir.resolve("agentdbg-traces"));
        Files.copy(InspectTest.demo(InspectTest.DEMO_RUN), traces.resolve(InspectTest.DEMO_RUN + ".jsonl"));
        String heading = "### Example of `inspect`";
        assertEquals(codeBlockAfter(heading, "```\n", 0),
                Cli.runDefault("inspect", traces.toString(), "--kind", "llm,tool").out(),
                "re-paste the output of inspect --kind llm,tool on the demo run into docs/analyzer.md");
        assertEquals(codeBlockAfter(heading, "```\n", 1), Cli.runDefault("inspect", traces.toString(), "789e6524").out(),
                "re-paste the output of inspect 789e6524 on the demo run into docs/analyzer.md");
        String tree = Cli.runDefault("inspect", traces.toString(), "3f6f2a55", "--tree").out();
        assertEquals(codeBlockAfter(heading, "```\n", 2), tree.substring(tree.indexOf("Tree (start")),
                "re-paste the Tree of inspect 3f6f2a55 --tree on the demo run into docs/analyzer.md");
        String replay = Cli.runDefault("inspect", InspectTest.demo(InspectTest.DEMO_REPLAY).toString(), "edf64bda").out();
        assertTrue(replay.startsWith(codeBlockAfter(heading, "```\n", 3)),
                "re-paste the top of inspect edf64bda on the demo replay into docs/analyzer.md:\n" + replay);
        JsonNode json = Traces.parse(Cli.runDefault("inspect", traces.toString(), "789e6524", "--tree", "--json").out());
        assertEquals(Traces.parse(codeBlockAfter("### JSON document of `inspect`", "```json\n")), json,
                "re-paste the output of inspect 789e6524 --tree --json on the demo run into docs/analyzer.md");
    }

    /**
     * A fresh directory with a short path relative to the module: the report folds lines to 120 columns, so the
     * path it prints must not be longer than the documented one by more than a few characters.
     */
    @Test
    void slowExampleIsTheRealOutput() throws Exception {
        Path dir = exampleDir("slow");
        Path traces = Files.createDirectories(dir.resolve("agentdbg-traces"));
        Files.copy(SlowCommandTest.demo(), traces.resolve(SlowCommandTest.DEMO_RUN + ".jsonl"));
        String real = Cli.runDefault("slow", traces.toString()).out().replace(dir + File.separator, "");
        assertEquals(codeBlockAfter("### Example of `slow`", "```\n"), real,
                "re-paste the output of slow on the demo trace into docs/analyzer.md");
        JsonNode json = Traces.parse(Cli.runDefault("slow", traces.toString(), "--top", "2", "--json").out()
                .replace(dir + File.separator, ""));
        assertEquals(Traces.parse(codeBlockAfter("### JSON document of `slow`", "```json\n")), json,
                "re-paste the output of slow --top 2 --json on the demo trace into docs/analyzer.md");
    }

    @Test
    void whyExamplesAreTheRealOutput() throws Exception {
        Path dir = exampleDir("why");
        Path traces = Files.createDirectories(dir.resolve("agentdbg-traces"));
        Files.copy(SlowCommandTest.demo(), traces.resolve(SlowCommandTest.DEMO_RUN + ".jsonl"));
        String heading = "### Example of `why`";
        assertEquals(codeBlockAfter(heading, "```\n", 0),
                Cli.runDefault("why", traces.toString(), "critic").out().replace(dir + File.separator, ""),
                "re-paste the output of why critic on the demo trace into docs/analyzer.md");
        assertEquals(codeBlockAfter(heading, "```\n", 1),
                Cli.runDefault("why", traces.toString(), "web_search").out().replace(dir + File.separator, ""),
                "re-paste the output of why web_search on the demo trace into docs/analyzer.md");
        JsonNode json = Traces.parse(Cli.runDefault("why", traces.toString(), "critic", "--json").out()
                .replace(dir + File.separator, ""));
        assertEquals(Traces.parse(codeBlockAfter("### JSON document of `why`", "```json\n")), json,
                "re-paste the output of why critic --json on the demo trace into docs/analyzer.md");
    }

    @Test
    void errorsExampleIsTheRealOutput() throws Exception {
        String documented = codeBlockAfter("### Example of `errors`", "```\n");
        String real = Cli.runDefault("errors", ErrorsCommandTest.demo().toString()).out();
        assertEquals(documented, real, "re-paste the output of errors on the demo trace into docs/analyzer.md");
    }

    @Test
    void errorsJsonExampleIsTheRealOutput() throws Exception {
        JsonNode documented = Traces.parse(codeBlockAfter("### JSON document of `errors`", "```json\n"));
        Path demo = ErrorsCommandTest.demo();
        String out = Cli.runDefault("errors", demo.toString(), "--json").out()
                .replace(Traces.JSON.writeValueAsString(demo.toString()),
                        "\"target/demo-traces/" + demo.getFileName() + "\"");
        ObjectNode real = (ObjectNode) Traces.parse(out);
        ArrayNode calls = (ArrayNode) real.path("calls");
        while (calls.size() > 2) {
            calls.remove(calls.size() - 1);
        }
        assertEquals(documented, real, "re-paste the errors --json example into docs/analyzer.md");
    }

    private static Path exampleDir(String name) throws Exception {
        Path dir = Path.of("target", "docs", name);
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        // Not createDirectories' result: when it must create parents it returns the path made absolute,
        // which the report would print (and fold) in full on the first run after a clean build.
        Files.createDirectories(dir);
        return dir;
    }

    private static String codeBlockAfter(String heading, String fence) throws Exception {
        return codeBlockAfter(heading, fence, 0);
    }

    /** The {@code index}-th (0-based) code block opened by {@code fence} after the first {@code heading}. */
    private static String codeBlockAfter(String heading, String fence, int index) throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("agentdbg.docs.dir"), "analyzer.md"));
        int from = doc.indexOf(heading);
        assertTrue(from >= 0, "no heading " + heading + " in docs/analyzer.md");
        int start = 0;
        for (int i = 0; i <= index; i++) {
            start = doc.indexOf(fence, from) + fence.length();
            from = doc.indexOf("```", start) + 3;
        }
        return doc.substring(start, doc.indexOf("```", start));
    }
}
