package dev.agentdbg.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The properties file is decoded as Java decodes properties files; problems name their real cause. */
class ConfigFileEncodingTest {

    @Test
    void utf8IsReadAsUtf8() {
        PropertiesFileText text = PropertiesFileText.decode("a=caf\u00e9 \u2192 \u6f22\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("a=caf\u00e9 \u2192 \u6f22\n", text.text());
        assertEquals(List.of(), text.nonUtf8Lines());
    }

    @Test
    void anyInvalidByteMakesTheWholeFileIso88591AndNamesItsLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("a=1\r\n# caf".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9);
        bytes.writeBytes("\rb=2\n\nc=".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xFF);
        PropertiesFileText text = PropertiesFileText.decode(bytes.toByteArray());
        assertEquals(List.of(2, 5), text.nonUtf8Lines());
        assertEquals("lines 2 and 5", text.describeLines());
        assertEquals("a=1\r\n# caf\u00e9\rb=2\n\nc=\u00ff", text.text());
    }

    @Test
    void manyBadLinesAreSummarised() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < bytes.length; i += 2) {
            bytes[i] = (byte) 0xE9;
            bytes[i + 1] = '\n';
        }
        assertEquals("lines 1, 2, 3, 4, 5 and 3 more", PropertiesFileText.decode(bytes).describeLines());
    }

    @Test
    void aStrayByteKeepsEveryKeyWithOneWarning(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("agentdbg.verbose=true\n# r".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9);
        bytes.writeBytes("sum\nagentdbg.rule.a.match=com.X#run\nagentdbg.rule.a.component=plan".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9);
        bytes.writeBytes("r\n".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("agentdbg.properties"), bytes.toByteArray());

        AgentConfig config = ConfigLoader.load("config=" + file, new Properties(), Map.of());

        assertTrue(config.bool(ConfigKeys.VERBOSE));
        assertEquals("plan\u00e9r", config.rules().get("a").get("component"));
        assertEquals(1, config.warnings().size(), config.warnings().toString());
        assertTrue(config.warnings().get(0).contains("lines 2 and 4 are not UTF-8"), config.warnings().get(0));
    }

    @Test
    void aDirectoryIsReportedAsADirectory(@TempDir Path dir) {
        AgentConfig config = ConfigLoader.load("config=" + dir, new Properties(), Map.of());
        assertEquals(1, config.warnings().size(), config.warnings().toString());
        assertTrue(config.warnings().get(0).contains(dir + " is a directory, not a properties file"),
                config.warnings().get(0));
    }

    @Test
    void accessDeniedSaysPermissionDenied() {
        // Root (as in CI containers) reads any file, so the exception stands in for the real fault.
        assertEquals("permission denied", dev.agentdbg.runtime.IoErrors.reason(new AccessDeniedException("/etc/agentdbg.properties")));
    }
}
