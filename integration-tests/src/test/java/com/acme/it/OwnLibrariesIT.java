package com.acme.it;

import com.acme.it.apps.OwnLibrariesApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's relocated ByteBuddy and Jackson never replace the application's own versions. */
class OwnLibrariesIT {
    @Test
    void appKeepsItsOwnByteBuddyAndJackson(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.sampleAgent(dir, traces);
        ChildJvm.Result result = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(OwnLibrariesApp.class).run(dir).assertSuccess();

        assertTrue(result.stdout().contains("bytebuddy: made by the app's ByteBuddy"), result.stdout());
        assertTrue(result.stdout().contains("byte-buddy-1.14.12.jar"), "the app's ByteBuddy 1.14.12 is used: " + result.stdout());
        assertTrue(result.stdout().contains("jackson 2.17.2:"), "the app's Jackson 2.17.2 is used: " + result.stdout());

        Trace trace = Trace.readSingleRun(traces);
        assertEquals(1, trace.spansOf("ResearchAgent#runTask").size(), "and the agent still traces");
        assertEquals(0, trace.finalStats().get("internalErrors").asInt());
    }

    @Test
    void agentJarHidesItsDependencies() throws Exception {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            assertEquals("dev.agentdbg.agent.Premain", jar.getManifest().getMainAttributes().getValue("Premain-Class"));
            assertEquals("true", jar.getManifest().getMainAttributes().getValue("Can-Retransform-Classes"));
            jar.stream().forEach(entry -> {
                String name = entry.getName();
                boolean ours = name.equals("dev/") || name.startsWith("dev/agentdbg/") || name.startsWith("META-INF/")
                        && !name.startsWith("META-INF/services/") && !name.startsWith("META-INF/versions/");
                assertTrue(ours, "unrelocated or service entry in agentdbg.jar: " + name);
            });
            assertTrue(jar.getEntry("dev/agentdbg/shaded/bytebuddy/ByteBuddy.class") != null);
            assertTrue(jar.getEntry("dev/agentdbg/shaded/jackson/core/JsonFactory.class") != null);
            assertTrue(jar.getEntry("dev/agentdbg/shaded/esotericsoftware/kryo/Kryo.class") != null);
            assertTrue(jar.getEntry("dev/agentdbg/shaded/esotericsoftware/minlog/Log.class") != null);
            assertTrue(jar.getEntry("dev/agentdbg/shaded/objenesis/Objenesis.class") != null);
        }
    }
}
