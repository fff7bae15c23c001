package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text reports fit the terminal ({@code COLUMNS}, default 120) by shortening names in the middle, {@code --wide}
 * shortens nothing, and preset methods that never ran are folded into one line per preset.
 */
class ReportLayoutTest {

    private static final String RUN = "20261122-003012-6161-beef";
    private static final String PLANNER =
            "com.acme.research.orchestration.agents.planning.HierarchicalResearchPlannerAgent";
    private static final String SEARCH =
            "com.acme.research.integrations.websearch.providers.ExtremelyDescriptiveWebSearchTool";
    private static final String SEARCH_METHOD =
            "ExtremelyDescriptiveWebSearchTool.searchTheWholeWebForEveryRelevantDocumentAndRankIt";

    @TempDir
    Path dir;

    @Test
    void everyLineFitsColumnsAndWideShortensNothing() throws Exception {
        Path longNames = writeLongNames(dir.resolve("long.jsonl"));
        Path llm = LlmRuns.writeLlmRun(dir.resolve("llm"));
        for (Path trace : List.of(longNames, Traces.sample(), llm)) {
            for (int columns : new int[] {80, 120}) {
                for (String command : new String[] {"summary", "llm", "slow"}) {
                    Cli.Result result = Cli.run(Map.of("COLUMNS", String.valueOf(columns)), command, trace.toString());
                    assertEquals(0, result.exitCode(), result.err());
                    assertFits(result.out(), columns, command + " " + trace + " at COLUMNS=" + columns);
                }
            }
        }
        String byDefault = Cli.run(Map.of(), "summary", longNames.toString()).out();
        assertFits(byDefault, 120, "summary without COLUMNS");
        assertTrue(byDefault.contains("…"), "names are shortened in the middle:\n" + byDefault);
        assertTrue(byDefault.contains("HierarchicalRe") && byDefault.contains("…"), byDefault);
        assertTrue(byDefault.contains(SEARCH_METHOD),
                "prose lines are folded, not shortened:\n" + byDefault);
        assertFalse(Cli.run(Map.of(), "summary", Traces.sample().toString()).out().contains("PlannerAgent.run…"),
                "the sample's short names are not shortened");

        String wide = Cli.run(Map.of("COLUMNS", "80"), "summary", longNames.toString(), "--wide").out();
        assertFalse(wide.contains("…"), wide);
        assertTrue(wide.lines().anyMatch(l -> l.length() > 120), "--wide keeps whole names:\n" + wide);
        assertTrue(wide.contains(SEARCH_METHOD),
                wide);
    }

    @Test
    void unusableColumnsFallBackTo120() throws Exception {
        Path longNames = writeLongNames(dir.resolve("long.jsonl"));
        for (String columns : new String[] {"", "wide", "-5", "0"}) {
            Cli.Result result = Cli.run(Map.of("COLUMNS", columns), "summary", longNames.toString());
            assertEquals(0, result.exitCode(), result.err());
            assertFits(result.out(), 120, "COLUMNS=" + columns);
        }
    }

    @Test
    void presetMethodsNeverCalledAreOneLinePerPresetAndOwnRulesStayListed() throws Exception {
        TraceBuilder trace = new TraceBuilder().run(RUN)
                .set("config", Map.of("agentdbg.presets", "spring-ai", "agentdbg.output.dir", "./agentdbg-traces"));
        String[] presetMethods = {"stream", "call", "entity", "responseEntity", "chatResponse", "content",
            "chatClientResponse", "apply", "getToolDefinition", "getToolMetadata", "callWithContext", "tools",
            "advisors", "system", "user"};
        int id = 1;
        for (String m : presetMethods) {
            trace.method(id++, "org.springframework.ai.chat.client.DefaultChatClient$DefaultCallResponseSpec", m, "llm",
                            "openai")
                    .set("rule", "spring-ai.openai-chat-model");
        }
        trace.method(id++, "com.acme.tools.LegacyTool", "invoke", "tool", "legacy").set("rule", "legacy-tools")
                .method(id++, "com.acme.tools.OldSearch", "find", "tool", "old-search").set("rule", "legacy-tools")
                .method(id, "com.acme.agents.Assistant", "chat", "agent", "assistant").set("rule", "assistant")
                .span(1, 1, 0, id, 0, 1_000_000)
                .stats(1, 0, 0);
        Path file = trace.writeTo(dir.resolve("spring.jsonl"));

        String out = Cli.run(Map.of(), "summary", file.toString()).out();
        int from = out.indexOf("Instrumented but never called (17)");
        assertTrue(from >= 0, out);
        String section = out.substring(from, out.indexOf("\n\n", from));
        assertTrue(section.contains("spring-ai preset: 15 methods never called ("
                + "DefaultChatClient$DefaultCallResponseSpec."),
                section);
        assertTrue(section.contains("LegacyTool.invoke"), section);
        assertTrue(section.contains("OldSearch.find"), section);
        assertTrue(section.lines().noneMatch(l -> l.startsWith("  DefaultChatClient")),
                "folded, not listed:\n" + section);
        assertTrue(section.lines().count() <= 6, section);

        // In a narrow terminal the folded line still fits: a first name too long for it is shortened.
        String narrow = Cli.run(Map.of("COLUMNS", "60"), "summary", file.toString()).out();
        String folded = narrow.lines().filter(l -> l.contains("spring-ai preset: 15 methods never called ("))
                .findFirst().orElseThrow(() -> new AssertionError(narrow));
        assertTrue(folded.length() <= 60 && folded.endsWith("…)"), folded);
    }

    /** A run whose class, method and component names are as long as real frameworks make them. */
    private static Path writeLongNames(Path file) throws Exception {
        return new TraceBuilder()
                .run(RUN, 0, 6161, "build-agent-with-a-long-host-name.internal.example.com",
                        "com.acme.research.ResearchDemoApplication --topic \"a long topic that goes on\" --verbose")
                .method(1, PLANNER, "runWithRetriesAndFallbacks", "agent", "hierarchical-research-planner")
                .method(2, SEARCH, "searchTheWholeWebForEveryRelevantDocumentAndRankIt", "tool",
                        "extremely-descriptive-web-search-provider")
                .method(3, "com.acme.research.integrations.llm.providers.openai.OpenAiCompatibleChatCompletionsClient",
                        "completeChatWithStructuredOutput", "llm", "openai-compatible-chat-completions")
                .method(4, SEARCH, "neverCalledButInstrumentedWithAVeryLongNameIndeed", "tool",
                        "extremely-descriptive-web-search-provider")
                .span(1, 3, 2, 2, 2_000_000, 40_000_000)
                .failed("com.acme.research.integrations.websearch.providers.exceptions.SearchQuotaExceededException",
                        "the search provider refused the request because the daily quota of 10000 queries was"
                                + " exceeded for the api key ending in ...; try again tomorrow or raise the quota")
                .span(1, 4, 2, 3, 45_000_000, 50_000_000)
                .span(1, 2, 1, 2, 1_000_000, 98_000_000)
                .span(1, 1, 0, 1, 0, 100_000_000)
                .span(2, 5, 0, 3, 200_000_000, 10_000_000)
                .stats(5, 0, 0)
                .writeTo(file);
    }

    private static void assertFits(String out, int columns, String what) {
        for (String line : out.split("\n")) {
            assertTrue(line.length() <= columns, what + ": a line of " + line.length() + " columns:\n" + line
                    + "\nin\n" + out);
        }
    }
}
