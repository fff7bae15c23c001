package com.acme.it.reliability;

import com.acme.it.apps.SecretsApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 9, item 5: a secret that reaches the agent by any side door (program arguments, a thread's
 * name, a map key, byte contents, a rule's attribute path, a prompt, an exception message, a
 * user-defined token format) is in no byte of the trace, not even base64-encoded, and not in the
 * analyzer's reports; the plain text around each one still is.
 */
class SecretsNowhereIT {
    private static final String BAD_PATTERN = "(unclosed";

    @Test
    void secretsReachNeitherTheTraceNorTheAnalyzerWhileTheTextAroundThemDoes(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + traces,
                "agentdbg.capture.redactPatterns=acme_[0-9a-f]{16};" + BAD_PATTERN,
                "agentdbg.rule.llm.match=com.acme.it.apps.SecretsApp$Llm#complete",
                "agentdbg.rule.llm.kind=llm",
                "agentdbg.rule.keyed.match=com.acme.it.apps.SecretsApp$KeyedTool#call",
                "agentdbg.rule.keyed.kind=tool",
                "agentdbg.rule.keyed.attr.x=this.apiKey",
                "agentdbg.rule.keyed.attr.y=this.label",
                "agentdbg.rule.vault.match=com.acme.it.apps.SecretsApp$Vault",
                "agentdbg.rule.vault.kind=tool", ""));

        ChildJvm.Result run = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(SecretsApp.class, SecretsApp.arguments()).run(dir);

        run.assertSuccess();
        assertTrue(run.stdout().contains("done 9"), run.stdout());
        List<String> patternLines = run.stderr().lines().filter(l -> l.contains(BAD_PATTERN)).toList();
        assertEquals(1, patternLines.size(), "one line names the malformed pattern:\n" + run.stderr());
        assertTrue(patternLines.get(0).startsWith("[agentdbg] "), patternLines.get(0));
        assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.stderr());

        Trace trace = Trace.readSingleRun(traces);
        trace.assertAgentHealthy();
        StringBuilder all = new StringBuilder();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(traces)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            assertNoSecret(file.toString(), bytes);
            all.append(new String(bytes, StandardCharsets.UTF_8));
        }
        String text = all.toString();

        // What is not secret is still written: the test cannot pass by writing nothing.
        JsonNode runRecord = trace.runs.get(0);
        String command = runRecord.get("command").asText();
        assertTrue(command.contains("SecretsApp") && command.contains("--model keepme-visible-arg")
                && command.contains("--api-key [REDACTED]") && command.contains("--password [REDACTED]"), command);
        for (String visible : List.of("visible-key", "visible-value", "Visible prompt words", "visible-error-text",
                "keyed-tool-label", "visible-input", "agent-worker-", "Visible answer words")) {
            assertTrue(text.contains(visible), visible + " is missing from the trace");
        }
        assertTrue(text.contains(Base64.getEncoder().encodeToString("hello-bytes-visible".getBytes(StandardCharsets.UTF_8))),
                "the head of plain bytes is still written");
        JsonNode keyed = Trace.single(trace.spansOf("SecretsApp$KeyedTool#call"));
        assertEquals("[REDACTED]", keyed.get("attrs").get("x").asText(), keyed.toString());
        assertEquals("keyed-tool-label", keyed.get("attrs").get("y").asText(), keyed.toString());
        JsonNode keys = Trace.single(trace.spansOf("SecretsApp$Vault#keys"));
        assertTrue(keys.get("thread").asText().startsWith("agent-worker-"), keys.toString());
        assertEquals("visible-value", keys.get("args").get(0).get("visible-key").asText(), keys.toString());

        for (String[] command2 : List.of(new String[] {"summary"}, new String[] {"summary", "--json"},
                new String[] {"llm"})) {
            List<String> analyzerArgs = new ArrayList<>(List.of(command2));
            analyzerArgs.add(traces.toString());
            ChildJvm.Result report = new ChildJvm(Jdks.current())
                    .jar(ChildJvm.analyzerJar(), analyzerArgs.toArray(String[]::new))
                    .run(dir.resolve(String.join("-", command2).replace("--", "")));
            assertEquals(0, report.exitCode(), report.stderr());
            assertTrue(report.stdout().contains("Vault"), report.stdout()); // the tool's default name, or its method
            assertNoSecret("analyzer " + String.join(" ", command2),
                    (report.stdout() + report.stderr()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(SecretsApp.LONG_KEY, SecretsApp.SHORT_KEY, SecretsApp.ACME_KEY,
                SecretsApp.FIELD_SECRET));
        secrets.addAll(List.of(SecretsApp.OPTION_SECRETS));
        return secrets;
    }

    /** Neither the secret's bytes nor its base64 (at any of the three alignments) are in {@code bytes}. */
    private static void assertNoSecret(String where, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String secret : secrets()) {
            if (text.contains(secret)) {
                fail(where + " contains " + secret + " in clear");
            }
            for (String encoded : base64Cores(secret)) {
                if (text.contains(encoded)) {
                    fail(where + " contains " + secret + " base64-encoded (" + encoded + ")");
                }
            }
        }
    }

    /**
     * The part of the secret's base64 that does not depend on the bytes around it, for each of the
     * three offsets it may start at within a 3-byte group.
     */
    static List<String> base64Cores(String secret) {
        List<String> cores = new ArrayList<>();
        for (int pad = 0; pad < 3; pad++) {
            String encoded = Base64.getEncoder().withoutPadding()
                    .encodeToString(("xx".substring(0, pad) + secret).getBytes(StandardCharsets.UTF_8));
            int from = pad == 0 ? 0 : 4;
            cores.add(encoded.substring(from, encoded.length() - 4));
        }
        return cores;
    }
}
