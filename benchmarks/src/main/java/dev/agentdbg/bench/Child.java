package dev.agentdbg.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a child JVM with its output (stdout and stderr together) going to a log file. */
final class Child {
    /** How a child ended: exit code, wall time from start() to exit, and what it printed. */
    record Result(int exitCode, long wallNanos, Path log) {
        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log, e);
            }
        }
    }

    private Child() {
    }

    static List<String> command(List<String> jvmArgs, String classpath, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(BenchEnv.java());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    static Result run(List<String> command, Path log, Path workDir, long timeoutSeconds) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("child JVM did not exit within " + timeoutSeconds + " s: "
                        + String.join(" ", command) + "\n(output in " + log + ")");
            }
            long wall = System.nanoTime() - t0;
            return new Result(p.exitValue(), wall, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Fails with the child's output when it did not exit with 0. */
    static Result checkOk(Result r, List<String> command) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException("child JVM exited with " + r.exitCode() + ": " + String.join(" ", command)
                    + "\n--- output (" + r.log() + ") ---\n" + tail(r.output(), 4000));
        }
        return r;
    }

    static String tail(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
