package dev.agentdbg.agent.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterministicPackagesTest {
    @Test
    void configuredPackagesWin() {
        DeterministicPackages p = DeterministicPackages.resolve(List.of("com.acme", "org.x"), "com.other.Main");
        assertEquals(List.of("com.acme", "org.x"), p.names());
        assertEquals(List.of("com/acme", "org/x"), p.internalNames());
        assertEquals(List.of("com.acme", "org.x"),
                DeterministicPackages.resolve(List.of("com.acme.*", "org/x/", "com.acme.**"), "Main").names(),
                "globs and slashes mean the package");
    }

    @Test
    void defaultIsTheMainClassPackage() {
        DeterministicPackages p = DeterministicPackages.resolve(List.of(), "com.acme.it.apps.DetApp --fast x");
        assertEquals(List.of("com.acme.it.apps"), p.names());
        assertTrue(p.description().contains("the main class's package"), p.description());
        assertEquals("com.acme.Main", DeterministicPackages.mainClass("acme.mod/com.acme.Main"));
        assertEquals(List.of(""), DeterministicPackages.resolve(List.of(), "Main").names(), "the unnamed package");
        assertTrue(DeterministicPackages.resolve(List.of(), null).names().isEmpty());
        assertNull(DeterministicPackages.mainClass("Hello.java"), "a source-file launch has no class to go by");
    }

    @Test
    void aJarNamesItsMainClassInTheManifest(@TempDir Path dir) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.demo.cli.Main");
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.flush();
        }
        assertEquals(List.of("org.demo.cli"), DeterministicPackages.resolve(List.of(), jar + " arg").names());
        assertNull(DeterministicPackages.mainClass(dir.resolve("missing.jar").toString()));
    }
}
