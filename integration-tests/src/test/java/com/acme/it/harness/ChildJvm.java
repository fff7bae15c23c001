package com.acme.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a real JVM (optionally under the built agentdbg.jar) and collects what it printed. */
public final class ChildJvm {
    private final Path java;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private String classpath = System.getProperty("java.class.path");
    private String mainClass;
    private String jar;
    private Path workDir;
    private final List<String[]> env = new ArrayList<>();

    public ChildJvm(Path java) {
        this.java = java;
    }

    public static Path agentJar() {
        return existing("agentdbg.jar");
    }

    public static Path analyzerJar() {
        return existing("agentdbg.analyzer.jar");
    }

    public static Path demoJar() {
        return existing("agentdbg.demo.jar");
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through mvn verify)");
        }
        Path p = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " does not exist: build the project first (mvn -B verify)");
        }
        return p;
    }

    public ChildJvm agent(String agentArgs) {
        jvmArgs.add("-javaagent:" + agentJar() + (agentArgs == null || agentArgs.isEmpty() ? "" : "=" + agentArgs));
        return this;
    }

    public ChildJvm jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    public ChildJvm main(Class<?> mainClass, String... args) {
        this.mainClass = mainClass.getName();
        programArgs.addAll(List.of(args));
        return this;
    }

    public ChildJvm jar(Path jar, String... args) {
        this.jar = jar.toString();
        programArgs.addAll(List.of(args));
        return this;
    }

    public ChildJvm classpath(String classpath) {
        this.classpath = classpath;
        return this;
    }

    public ChildJvm workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public ChildJvm env(String name, String value) {
        env.add(new String[] {name, value});
        return this;
    }

    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmArgs);
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add(mainClass);
        }
        cmd.addAll(programArgs);
        return cmd;
    }

    public Process start(Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        ProcessBuilder pb = new ProcessBuilder(command())
                .redirectOutput(outputDir.resolve("stdout.txt").toFile())
                .redirectError(outputDir.resolve("stderr.txt").toFile());
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        for (String[] e : env) {
            pb.environment().put(e[0], e[1]);
        }
        return pb.start();
    }

    /** Runs to completion (at most 120 s) and returns exit code and output. */
    public Result run(Path outputDir) throws IOException, InterruptedException {
        Process p = start(outputDir);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 120 s: " + String.join(" ", command()));
        }
        return new Result(p.exitValue(),
                Files.readString(outputDir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(outputDir.resolve("stderr.txt"), StandardCharsets.UTF_8),
                command());
    }

    /** What a finished child JVM did. */
    public record Result(int exitCode, String stdout, String stderr, List<String> command) {
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("child JVM exited with " + exitCode + "\ncommand: " + String.join(" ", command)
                        + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }
}
