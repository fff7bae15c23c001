package dev.agentdbg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Runs the command from private copies of the jars. {@code mvn package} (the agent and this module are
 * rebuilt while people work) rewrites {@code agentdbg-benchmarks.jar} and {@code agentdbg.jar} in place, and a
 * JVM that has a jar open fails on its next class load when that happens (seen: "ZipFile invalid LOC header",
 * NoClassDefFoundError in a JMH fork). So the runner copies the jars (the analyzer's too, which {@code scale}
 * runs) to a temporary directory, checks each copy is a complete jar, and relaunches itself from there with
 * {@code -Dagentdbg.bench.snapshot=<dir>}; every measured JVM of the run then uses the same, stable jars.
 * {@code -Dagentdbg.bench.snapshot=off} runs in place instead.
 */
final class Snapshot {
    private Snapshot() {
    }

    /** True when this JVM should relaunch itself from a snapshot: started from a jar, no snapshot yet. */
    static boolean needed() {
        if (System.getProperty(BenchEnv.SNAPSHOT_PROPERTY) != null) {
            return false;
        }
        Path self = selfJar();
        return self != null;
    }

    static Path selfJar() {
        try {
            Path p = Path.of(Snapshot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Copies the jars, runs this command again from the copies, returns its exit code. */
    static int relaunch(String[] args) throws IOException, InterruptedException {
        String rootOption = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--root")) {
                rootOption = args[i + 1];
            } else if (args[i].startsWith("--root=")) {
                rootOption = args[i].substring("--root=".length());
            }
        }
        BenchEnv env = BenchEnv.locate(rootOption);
        Path dir = Files.createTempDirectory("agentdbg-bench-");
        try {
            copy(selfJar(), dir.resolve(env.builtBenchJar.getFileName()));
            copyIfPresent(env.builtAgentJar, dir.resolve(env.builtAgentJar.getFileName()));
            copyIfPresent(env.builtOtelJar, dir.resolve(env.builtOtelJar.getFileName()));
            copyIfPresent(env.builtAnalyzerJar, dir.resolve(env.builtAnalyzerJar.getFileName()));

            List<String> cmd = new ArrayList<>();
            cmd.add(BenchEnv.java());
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!a.startsWith("-D" + BenchEnv.SNAPSHOT_PROPERTY + "=")) {
                    cmd.add(a);
                }
            }
            cmd.add("-D" + BenchEnv.SNAPSHOT_PROPERTY + "=" + dir);
            cmd.add("-D" + BenchEnv.ROOT_PROPERTY + "=" + env.root);
            cmd.add("-cp");
            cmd.add(dir.resolve(env.builtBenchJar.getFileName()).toString());
            cmd.add(BenchMain.class.getName());
            cmd.addAll(List.of(args));
            System.err.println("(running from a snapshot of the built jars in " + dir
                    + ", so a rebuild during the run cannot break it; -D" + BenchEnv.SNAPSHOT_PROPERTY + "=off to disable)");
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            Thread stopper = new Thread(p::destroy);
            Runtime.getRuntime().addShutdownHook(stopper);
            int code = p.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopper);
            return code;
        } finally {
            deleteTree(dir);
        }
    }

    private static void copyIfPresent(Path from, Path to) throws IOException, InterruptedException {
        if (Files.isRegularFile(from)) {
            copy(from, to);
        }
    }

    /** Copies a jar and checks the copy opens as a jar; retries while a build is still writing it. */
    private static void copy(Path from, Path to) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                try (JarFile jar = new JarFile(to.toFile())) {
                    jar.getManifest();
                    if (jar.size() == 0) {
                        throw new IOException("empty jar");
                    }
                }
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(1000); // probably being rebuilt right now
            }
        }
        throw new IOException("cannot take a complete copy of " + from + " (is it being rebuilt?)", last);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
