package dev.agentdbg.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code why} command on the demo's recording, the golden sample, a synthetic run and damaged files. */
class WhyCommandTest {

    @TempDir
    Path dir;

    static Path demo() throws Exception {
        return SlowCommandTest.demo();
    }

    @Test
    void theDemosCriticNeverFiresAndTheClosestRuleSaysWhy() throws Exception {
        Cli.Result r = Cli.run("why", demo().toString(), "critic");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("Verdict: NEVER INVOKED"), out);
        assertTrue(out.contains("CriticAgent was loaded but not instrumented; the closest rule, critic, missed: method "
                + "name differs: the rule wants critique"), out);
        assertTrue(out.contains("(closest: review)"), out);
        assertTrue(out.contains("rule            critic: match=com.acme.research.agents.CriticAgent#critique (agent); "
                + "matched no method in this run"), out);
        assertTrue(out.contains("ran instead     agent spans that ran: PlannerAgent.run ×2 (called by (root) ×2)"), out);

        JsonNode json = Traces.parse(Cli.run("why", demo().toString(), "critic", "--json").out());
        assertEquals("never-invoked", json.path("verdict").asText());
        assertEquals(0, json.path("calls").path("total").asLong());
        JsonNode critic = json.path("classes").get(0);
        assertEquals("com.acme.research.agents.CriticAgent", critic.path("class").asText());
        assertEquals("noMethod", critic.path("outcome").asText());
        assertEquals("[\"review\",\"asksForAmount\"]", critic.path("methods").toString());
        assertEquals("critic", json.path("closestRule").path("rule").asText());
        assertEquals("review", json.path("closestRule").path("closestMethod").asText());
        assertEquals("agents", critic.path("misses").get(1).path("rule").asText(), "the agents rule wants run()");
        assertEquals(1, json.path("classes").size(), "CriticAgent$Verdict is only named like it: left out");
        assertEquals(false, json.path("rules").get(0).path("matchedAny").asBoolean());
    }

    @Test
    void aMethodGlobOnTheCriticNamesTheMethodItDeclaresInstead() throws Exception {
        Cli.Result r = Cli.run("why", demo().toString(), "CriticAgent#critique", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = Traces.parse(r.out());
        assertEquals("never-invoked", json.path("verdict").asText());
        assertEquals("critic", json.path("closestRule").path("rule").asText(), "it agrees on the method's name");
        assertTrue(json.path("closestRule").path("reasons").get(0).asText()
                .startsWith("the class declares no method critique"), json.toString());
    }

    @Test
    void aSupertypeIsNotTracedItselfItsImplementationsRan() throws Exception {
        JsonNode json = Traces.parse(Cli.run("why", demo().toString(), "Tool", "--json").out());
        assertEquals("never-invoked", json.path("verdict").asText());
        assertEquals("tools", json.path("closestRule").path("rule").asText());
        assertTrue(json.path("closestRule").path("reasons").get(0).asText().startsWith("it is the rule's supertype"),
                json.toString());
        assertEquals(java.util.List.of("com.acme.research.tools.CalculatorTool", "com.acme.research.tools.FileReaderTool",
                "com.acme.research.tools.WebSearchTool"), json.path("ranInstead").findValuesAsText("class"),
                "the tool spans that ran: its implementations");
    }

    @Test
    void failuresWhoseMessagesDifferOnlyByNumbersAreOneKind() throws Exception {
        StringBuilder lines = new StringBuilder("{\"type\":\"run\",\"schema\":1,\"runId\":\"20261202-000000-2-0002\"}\n"
                + "{\"type\":\"method\",\"id\":1,\"class\":\"com.acme.Search\",\"method\":\"run\",\"kind\":\"tool\"}\n");
        for (int i = 1; i <= 12; i++) {
            lines.append("{\"type\":\"span\",\"trace\":\"0123456789abcdef0123456789abcdef\",\"span\":\"")
                    .append(String.format("%016x", i)).append("\",\"method\":1,\"start\":").append(i * 100)
                    .append(",\"dur\":5,\"status\":\"error\",\"error\":{\"type\":\"java.io.IOException\","
                            + "\"message\":\"reset after ").append(i * 7).append(" ms\"}}\n");
        }
        Path file = Files.writeString(dir.resolve("20261202-000000-2-0002.jsonl"), lines);
        Cli.Result r = Cli.run("why", file.toString(), "Search#run");
        assertTrue(r.out().contains("exception       12 × java.io.IOException: reset after <n> ms"), r.out());
        JsonNode json = Traces.parse(Cli.run("why", file.toString(), "Search#run", "--json").out());
        assertEquals(1, json.path("errors").size());
        assertEquals(12, json.path("errors").get(0).path("count").asLong());
        assertEquals(5, json.path("spans").path("failed").size(), "a few spans, not all of them");
    }

    @Test
    void theRetriedWebSearchFailedOnceWithItsException() throws Exception {
        Cli.Result r = Cli.run("why", demo().toString(), "web_search");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Verdict: INVOKED AND FAILED"), r.out());
        assertTrue(r.out().contains("web_search: 1 of 2 call(s) failed; 1 returned"), r.out());
        JsonNode json = Traces.parse(Cli.run("why", demo().toString(), "web_search", "--json").out());
        assertEquals("failed", json.path("verdict").asText());
        assertEquals("java.io.IOException", json.path("errors").get(0).path("type").asText());
        assertEquals("connection reset by search backend", json.path("errors").get(0).path("message").asText());
        assertEquals("ToolExecutor.execute", json.path("callers").get(0).path("name").asText(),
                "the tool name counts tool spans, not the executor's chain spans that carry it too");
        assertEquals(2, json.path("callers").get(0).path("calls").asLong());
        assertEquals(1, json.path("spans").path("failed").size());
    }

    @Test
    void anAgentWhoseModelCallRanOnAnotherThreadDidItsWork() throws Exception {
        // The summarizer's streamed LLM call runs on llm-stream-1 and may be written after the agent's own span.
        JsonNode json = Traces.parse(Cli.run("why", demo().toString(), "SummarizerAgent#run", "--json").out());
        assertEquals("succeeded", json.path("verdict").asText());
        assertEquals(2, json.path("calls").path("ok").asLong());
        assertEquals("PlannerAgent.run", json.path("callers").get(0).path("name").asText());
    }

    @Test
    void goldenSample() throws Exception {
        Cli.Result legacy = Cli.run("why", Traces.sample().toString(), "legacy-tools");
        assertEquals(0, legacy.exitCode(), legacy.err());
        assertTrue(legacy.out().contains("legacy-tools: rule legacy-tools matched no method; no class near it was loaded"),
                legacy.out());
        assertTrue(legacy.out().contains("the trace has no class records"), legacy.out());
        JsonNode search = Traces.parse(Cli.run("why", Traces.sample().toString(), "WebSearchTool.search", "--json").out());
        assertEquals("failed", search.path("verdict").asText());
        assertEquals("java.net.SocketException: Connection reset", search.path("errors").get(0).path("cause").asText());
        JsonNode planner = Traces.parse(Cli.run("why", Traces.sample().toString(), "planner", "--json").out());
        assertEquals("succeeded", planner.path("verdict").asText());
        assertEquals("(root)", planner.path("callers").get(0).path("name").asText());
        JsonNode onlyFailed = Traces.parse(Cli.run("why", Traces.sample().toString(), "web-search", "--status", "ok",
                "--json").out());
        assertEquals("succeeded", onlyFailed.path("verdict").asText(), "the filters choose which calls count");
        assertEquals(1, onlyFailed.path("calls").path("filteredOut").asLong());
    }

    @Test
    void anAgentThatReturnedNullOrCalledNothingReturnedEarly() throws Exception {
        String run = "{\"type\":\"run\",\"schema\":1,\"runId\":\"20261202-000000-1-0001\",\"startNanos\":1000,"
                + "\"rules\":[{\"name\":\"agents\",\"match\":\"com.acme.*Agent#run\",\"kind\":\"agent\"}]}\n";
        String methods = "{\"type\":\"method\",\"id\":1,\"class\":\"com.acme.PlanAgent\",\"method\":\"run\",\"kind\":\"agent\","
                + "\"rule\":\"agents\"}\n"
                + "{\"type\":\"method\",\"id\":2,\"class\":\"com.acme.Llm\",\"method\":\"chat\",\"kind\":\"llm\",\"rule\":\"llm\"}\n";
        String t = "\"trace\":\"0123456789abcdef0123456789abcdef\"";
        String spans = "{\"type\":\"span\"," + t + ",\"span\":\"00000000000000a1\",\"method\":1,\"start\":2000,\"dur\":10,"
                + "\"status\":\"ok\",\"result\":null}\n"
                + "{\"type\":\"span\"," + t + ",\"span\":\"00000000000000a2\",\"method\":1,\"start\":3000,\"dur\":10,"
                + "\"status\":\"ok\"}\n"
                + "{\"type\":\"span\"," + t + ",\"span\":\"00000000000000b1\",\"parent\":\"00000000000000a3\",\"method\":2,"
                + "\"start\":4001,\"dur\":5,\"status\":\"ok\"}\n"
                + "{\"type\":\"span\"," + t + ",\"span\":\"00000000000000a3\",\"method\":1,\"start\":4000,\"dur\":10,"
                + "\"status\":\"ok\",\"result\":\"done\"}\n";
        Path file = Files.writeString(dir.resolve("20261202-000000-1-0001.jsonl"), run + methods + spans);
        JsonNode json = Traces.parse(Cli.run("why", file.toString(), "PlanAgent", "--json").out());
        assertEquals("returned-early", json.path("verdict").asText());
        assertEquals(3, json.path("calls").path("total").asLong());
        assertEquals(2, json.path("calls").path("early").asLong());
        assertEquals(1, json.path("earlyReasons").path("returned null").asLong());
        assertEquals(1, json.path("earlyReasons").path("returned before calling any LLM or tool").asLong());
        assertEquals("00000000000000a3", json.path("spans").path("ok").get(0).path("span").asText());
    }

    @Test
    void aTruncatedDemoTraceGivesPartialResultsAndSaysWhy() throws Exception {
        String text = Files.readString(demo());
        int cut = text.indexOf("{\"type\":\"class\",\"class\":\"com.acme.research.agents.CriticAgent\"");
        Path file = Files.writeString(dir.resolve(SlowCommandTest.DEMO_RUN + ".jsonl"), text.substring(0, cut + 50),
                StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("why", file.toString(), "critic");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("torn last line"), r.out());
        assertTrue(r.out().contains("Verdict: NEVER INVOKED"), r.out());
        assertTrue(r.out().contains("rule critic matched no method; no class near it was loaded"),
                "the CriticAgent record was on the torn line: " + r.out());

        Path garbage = Files.writeString(dir.resolve("broken.jsonl"), "garbage\n{\"type\":\n");
        Cli.Result bad = Cli.run("why", garbage.toString(), "critic");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("agentdbg-analyzer why: no trace records could be read from"), bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
    }

    @Test
    void aDirectoryOfTheDemoRunAndItsReplay() throws Exception {
        Path demoDir = demo().getParent();
        Cli.Result newest = Cli.run("why", demoDir.toString(), "critic");
        assertTrue(newest.out().startsWith("agentdbg why critic in run " + SlowCommandTest.REPLAY_RUN + "\n  (newest of 2"),
                newest.out());
        Cli.Result original = Cli.run("why", demoDir.toString(), "critic", "--run", SlowCommandTest.DEMO_RUN);
        assertTrue(original.out().startsWith("agentdbg why critic in run " + SlowCommandTest.DEMO_RUN + "\n"),
                original.out());
        Cli.Result first = Cli.run("why", "critic", demo().toString());
        assertEquals(0, first.exitCode(), "the target may come first: " + first.err());
    }

    @Test
    void theTextFitsTheTerminalAndWideKeepsLinesWhole() throws Exception {
        for (String target : new String[] {"critic", "web_search", "Tool"}) {
            for (int columns : new int[] {80, 120}) {
                String out = Cli.run(java.util.Map.of("COLUMNS", String.valueOf(columns)), "why", demo().toString(),
                        target).out();
                out.lines().forEach(l -> assertTrue(l.length() <= columns, columns + " columns: " + l));
            }
        }
        String wide = Cli.run(java.util.Map.of("COLUMNS", "80"), "why", demo().toString(), "critic", "--wide").out();
        assertTrue(wide.lines().anyMatch(l -> l.length() > 120), wide);
    }

    @Test
    void badUsageIsOneLine() throws Exception {
        Cli.Result none = Cli.run("why", demo().toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("why needs a trace and a target"), none.err());
        assertEquals(1, none.err().strip().lines().count(), none.err());
        Cli.Result status = Cli.run("why", demo().toString(), "critic", "--status", "maybe");
        assertEquals(2, status.exitCode());
        assertEquals("agentdbg-analyzer why: --status takes ok or error, not 'maybe'", status.err().strip());
        Cli.Result help = Cli.run("why", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("NEVER INVOKED"), help.out());
    }
}
