package com.acme.it;

import com.acme.it.apps.RulesApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.probe.BytecodeProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classes no rule picks are not touched at all, and a disabled agent changes nothing. */
class OffMeansOffIT {
    private static final String MATCHED = "com/acme/it/apps/Calculator";
    private static final String UNMATCHED = "com/acme/it/apps/Helper";

    @Test
    void unmatchedClassesKeepTheirExactBytecode(@TempDir Path dir) throws Exception {
        Path config = Configs.sampleAgent(dir, dir.resolve("traces"));
        Path seen = runWithProbe(dir, config);
        assertArrayEquals(original(UNMATCHED), Files.readAllBytes(seen.resolve("com.acme.it.apps.Helper.class")),
                "a class that matches no rule is not transformed");
        assertFalse(java.util.Arrays.equals(original(MATCHED),
                Files.readAllBytes(seen.resolve("com.acme.it.apps.Calculator.class"))),
                "the probe does see agentdbg's changes to a matched class");
    }

    @Test
    void disabledAgentChangesNothing(@TempDir Path dir) throws Exception {
        Path config = Configs.sampleAgent(dir, dir.resolve("traces"), "agentdbg.enabled=false");
        Path seen = runWithProbe(dir, config);
        assertArrayEquals(original(MATCHED), Files.readAllBytes(seen.resolve("com.acme.it.apps.Calculator.class")));
        assertArrayEquals(original(UNMATCHED), Files.readAllBytes(seen.resolve("com.acme.it.apps.Helper.class")));
        assertFalse(Files.exists(dir.resolve("traces")), "and writes nothing");
    }

    private static Path runWithProbe(Path dir, Path config) throws Exception {
        Path probeJar = probeJar(dir);
        Path seen = dir.resolve("seen");
        new ChildJvm(Jdks.current()).agent("config=" + config)
                .jvmArg("-javaagent:" + probeJar + "=" + seen + ";" + MATCHED + ";" + UNMATCHED)
                .main(RulesApp.class).run(dir.resolve("out")).assertSuccess();
        assertTrue(Files.isDirectory(seen), "the probe saw the classes");
        return seen;
    }

    private static byte[] original(String internalName) throws Exception {
        return Files.readAllBytes(testClasses().resolve(internalName + ".class"));
    }

    private static Path testClasses() throws URISyntaxException {
        return Path.of(BytecodeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Packs the probe class into an agent jar. */
    private static Path probeJar(Path dir) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", BytecodeProbe.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path jar = dir.resolve("probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             var classes = Files.list(testClasses().resolve("com/acme/it/probe"))) {
            for (Path c : classes.toList()) {
                out.putNextEntry(new JarEntry("com/acme/it/probe/" + c.getFileName()));
                Files.copy(c, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
