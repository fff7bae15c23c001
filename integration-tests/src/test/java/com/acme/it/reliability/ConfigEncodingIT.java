package com.acme.it.reliability;

import com.acme.it.apps.RulesApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The properties file is read as Java reads properties files: UTF-8, or ISO-8859-1 when its bytes
 * are not UTF-8. A stray byte costs one warning naming its line, never the rules.
 */
class ConfigEncodingIT {

    @Test
    void aLatin1ByteInACommentKeepsEveryRuleAndNamesTheLine(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(("agentdbg.output.dir=" + traces + "\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes("# r\u00e9sum\u00e9 of the rules, saved by an old editor\n".getBytes(StandardCharsets.ISO_8859_1));
        file.writeBytes(String.join("\n",
                "agentdbg.rule.agents.match=com.acme.it.apps.*Agent#run*",
                "agentdbg.rule.agents.kind=agent",
                "agentdbg.rule.agents.component=plan\u00e9r",
                "agentdbg.rule.tools.subtypeOf=com.acme.it.apps.Tool",
                "agentdbg.rule.tools.kind=tool", "").getBytes(StandardCharsets.ISO_8859_1));
        Path config = dir.resolve("agentdbg.properties");
        Files.write(config, file.toByteArray());

        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(RulesApp.class).run(dir.resolve("out")).assertSuccess();

        assertTrue(result.stdout().contains("rules app done"), result.stdout());
        assertFalse(result.stderr().contains("could not be read"), result.stderr());
        List<String> encoding = result.stderr().lines().filter(l -> l.contains("UTF-8")).toList();
        assertEquals(1, encoding.size(), result.stderr());
        assertTrue(encoding.get(0).startsWith("[agentdbg] configuration file " + config), encoding.get(0));
        assertTrue(encoding.get(0).contains("lines 2 and 5 are not UTF-8"), "the comment and the Latin-1 value: " + encoding.get(0));
        assertTrue(encoding.get(0).contains("ISO-8859-1"), encoding.get(0));

        Trace trace = Trace.readSingleRun(traces);
        assertEquals(2, trace.spansOf("ResearchAgent#runTask").size(), "the rules were kept");
        assertEquals("plan\u00e9r", trace.method("ResearchAgent#runTask").get("component").asText(),
                "a Latin-1 value reads as the user wrote it");
        assertFalse(trace.spansOf("Calculator#call").isEmpty());
        assertTrue(trace.runs.get(0).get("warnings").toString().contains("lines 2 and 5"), "the warning is in the trace");
    }

    @Test
    void aUtf8FileWithNonAsciiTextReadsWithoutWarning(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "# r\u00e9sum\u00e9 \u2014 UTF-8",
                "agentdbg.output.dir=" + traces,
                "agentdbg.rule.agents.match=com.acme.it.apps.*Agent#run*",
                "agentdbg.rule.agents.kind=agent",
                "agentdbg.rule.agents.component=plan\u00e9r \u2192 \u6f22", ""), StandardCharsets.UTF_8);

        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(RulesApp.class).run(dir.resolve("out")).assertSuccess();

        assertFalse(result.stderr().contains("UTF-8"), result.stderr());
        Trace trace = Trace.readSingleRun(traces);
        assertEquals("plan\u00e9r \u2192 \u6f22", trace.method("ResearchAgent#runTask").get("component").asText());
    }
}
