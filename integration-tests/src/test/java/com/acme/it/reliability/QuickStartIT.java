package com.acme.it.reliability;

import com.acme.it.apps.quickstart.QuickStartApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, item 10: the README's quick start followed literally. A {@code subtypeOf} tool rule without
 * {@code methods} on a tool interface with accessors ({@code name()}, {@code spec()}, ...) traces the
 * tools' work only; each tool span carries a {@code gen_ai.tool.name} read from the tool's bytecode
 * (a literal, a constant, a field) or its class name; the rule's picks are in the trace and printed
 * with {@code verbose}, also when the supertype is only seen later (a plugin class loader).
 */
class QuickStartIT {
    private static final String APP = "com.acme.it.apps.quickstart";

    @Test
    void theQuickStartTracesToolsOnceEachWithTheirNames(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path appClasses = copyClasses(dir.resolve("app"), "");
        Path pluginClasses = copyClasses(dir.resolve("plugins"), "plugin");
        Path config = dir.resolve("agentdbg.properties");
        // The README's rules, with only the package changed.
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.verbose=true",
                "agentdbg.rule.agents.match=" + APP + ".*Agent#run*",
                "agentdbg.rule.agents.kind=agent",
                "agentdbg.rule.llm.match=" + APP + ".OpenAiClient#complete",
                "agentdbg.rule.llm.kind=llm",
                "agentdbg.rule.llm.component=openai",
                "agentdbg.rule.tools.subtypeOf=" + APP + ".Tool",
                "agentdbg.rule.tools.kind=tool",
                "agentdbg.rule.plugins.subtypeOf=" + APP + ".plugin.PluginTool",
                "agentdbg.rule.plugins.kind=tool",
                ""));

        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .classpath(appClasses.toString()).main(QuickStartApp.class, pluginClasses.toString())
                .run(dir.resolve("run")).assertSuccess();
        assertTrue(result.stdout().contains("quick start app done"), result.stdout());

        Trace trace = Trace.readSingleRun(traces);
        JsonNode stats = trace.assertAgentHealthy();

        // Only the tools' work is traced: no accessor (name, description, spec, category) of any tool.
        Set<String> toolMethods = trace.methods.values().stream().filter(m -> "tool".equals(m.get("kind").asText()))
                .map(m -> m.get("class").asText().substring(APP.length() + 1) + "#" + m.get("method").asText())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(Set.of("WebSearchTool#execute", "CalculatorTool#execute", "ClockTool#execute",
                "FileReaderTool#execute", "TranslateTool#execute", "EchoTool#execute", "plugin.ShoutPlugin#invoke"),
                toolMethods);

        // Tool counts: 7 tools per task, two tasks, and the plugin's one call.
        List<JsonNode> tools = trace.spansOfKind("tool");
        assertEquals(15, tools.size(), trace.names(tools));
        // No one-span root traces from accessors: the roots are the two agent runs and the plugin call.
        List<String> roots = trace.spans.stream().filter(s -> !s.has("parent")).map(trace::methodName).sorted().toList();
        assertEquals(List.of("ResearchAgent#run", "ResearchAgent#run", "ShoutPlugin#invoke"), roots);
        assertEquals(3, trace.spans.stream().map(s -> s.get("trace").asText()).distinct().count());

        // Every tool span has its name: literal, constant, static field, instance field (two instances),
        // inherited field, the class name when name() computes it, and a plugin's literal.
        Map<String, Long> byName = new TreeMap<>(tools.stream().collect(Collectors.groupingBy(
                s -> s.at("/attrs/gen_ai.tool.name").asText("(none)"), Collectors.counting())));
        assertEquals(new TreeMap<>(Map.of("web_search", 2L, "calculator", 2L, "clock", 2L, "read_file", 2L,
                "read_dir", 2L, "translate", 2L, "EchoTool", 2L, "shout", 1L)), byName);
        for (JsonNode span : trace.spansOf("FileReaderTool#execute")) {
            String name = span.at("/attrs/gen_ai.tool.name").asText();
            assertTrue(span.path("result").asText().startsWith(name + " read"), "the receiver's own name: " + span);
        }

        // The picks: in the run record when the supertype was readable at start-up, in the final stats always.
        // category() is picked by the interface, and left out in each class, where it only returns a constant
        // or a field (the methods above).
        JsonNode run = trace.runs.get(0);
        JsonNode toolsRule = rule(run, "tools");
        assertEquals("category(), execute(String)", toolsRule.path("picks").asText(), toolsRule.toString());
        assertFalse(rule(run, "plugins").has("picks"), "not known at start-up: " + rule(run, "plugins"));
        assertEquals("category(), execute(String)", stats.at("/rulePicks/tools").asText(), stats.toString());
        assertEquals("invoke(String)", stats.at("/rulePicks/plugins").asText(), stats.toString());

        // verbose prints them: at start-up, and for the plugin when its first class is loaded.
        String stderr = result.stderr();
        assertTrue(stderr.contains("[agentdbg] rule tools (subtypeOf " + APP + ".Tool) picks category(), execute(String); "
                + "not the accessors description(), name(), spec()"), stderr);
        assertTrue(stderr.contains("[agentdbg] rule plugins (subtypeOf " + APP + ".plugin.PluginTool) picks invoke(String); "
                + "not the accessors getName()"), stderr);
        assertTrue(stderr.contains(APP + ".WebSearchTool#category left out (tools): it only returns a constant or a field"),
                stderr);

        // The analyzer's reports name the tools.
        ChildJvm.Result llm = analyzer(dir, "llm", traces);
        for (String name : byName.keySet()) {
            assertTrue(llm.stdout().lines().anyMatch(l -> l.trim().startsWith(name + " ")), name + " in\n" + llm.stdout());
        }
        ChildJvm.Result summary = analyzer(dir, "summary", traces);
        assertTrue(summary.stdout().contains("web_search  (WebSearchTool.execute)"), summary.stdout());
        assertTrue(summary.stdout().contains("read_dir  (FileReaderTool.execute)"), summary.stdout());
        assertFalse(summary.stdout().contains(".spec"), summary.stdout());
        assertFalse(summary.stdout().contains(".name "), summary.stdout());
    }

    private static JsonNode rule(JsonNode run, String name) {
        for (JsonNode rule : run.get("rules")) {
            if (name.equals(rule.path("name").asText())) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + name + " in " + run);
    }

    private static ChildJvm.Result analyzer(Path dir, String command, Path traces) throws Exception {
        ChildJvm.Result r = new ChildJvm(Jdks.current()).jar(ChildJvm.analyzerJar(), command, traces.toString())
                .run(dir.resolve(command));
        assertEquals(0, r.exitCode(), r.stderr());
        return r;
    }

    /**
     * Copies the app's compiled classes of one package (not its sub-packages) to {@code target}: the
     * app runs from there alone, and the plugin package from a directory only its own loader reads.
     */
    private static Path copyClasses(Path target, String subPackage) throws IOException {
        Path classes = Path.of(QuickStartApp.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String pkg = (APP + (subPackage.isEmpty() ? "" : "." + subPackage)).replace('.', '/');
        Path from = classes.resolve(pkg);
        Path to = target.resolve(pkg);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
