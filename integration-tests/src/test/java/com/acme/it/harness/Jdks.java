package com.acme.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDKs child JVMs run on: the one running the tests, and JDK 25 (Temurin, beside it in the
 * system JVM directory). A missing JDK 25 fails the run on CI and is reported loudly elsewhere.
 */
public final class Jdks {
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private Jdks() {
    }

    /**
     * The java executable for the default child JVM: the one the build names (the suite's JDK 25
     * run), or the JVM running the tests. A named JDK that is missing aborts the test with the reason
     * (reported as skipped), and fails it on CI.
     */
    public static Path current() {
        String configured = System.getProperty("agentdbg.it.java");
        if (configured != null && !configured.isBlank()) {
            Path java = Path.of(configured);
            if (!Files.isExecutable(java)) {
                String message = "JDK not found at " + java + " (set -Djdk25.java=<its bin/java>)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException(message + "; CI must test on it");
                }
                org.junit.jupiter.api.Assumptions.abort(message);
            }
            return java;
        }
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static List<Path> all() {
        List<Path> jdks = new ArrayList<>();
        jdks.add(current());
        Path jdk25 = jdk25();
        if (jdk25 != null && !jdk25.equals(current())) {
            jdks.add(jdk25);
        }
        return jdks;
    }

    /** @return JDK 25's java, or null (after reporting) when this machine has none */
    public static Path jdk25() {
        String configured = System.getenv("AGENTDBG_IT_JDK25");
        Path p = configured != null && !configured.isBlank() ? Path.of(configured) : TEMURIN_25;
        if (Files.isExecutable(p)) {
            return p;
        }
        String message = "JDK 25 not found at " + p + " (set AGENTDBG_IT_JDK25 to its bin/java)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + "; CI must test on JDK 25");
        }
        System.err.println("WARNING: " + message + "; JDK 25 tests are not run on this machine");
        return null;
    }
}
