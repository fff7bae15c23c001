package com.acme.it.debugger;

import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The research demo started under the built agent with the live debugger on, as the README tells a user to: the
 * demo's own properties file plus {@code agentdbg.debug=true} and breakpoints as system properties. Knows the URL the
 * agent printed, and what the program printed when it ended.
 */
final class DebuggedDemo implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("live debugger: (http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]+)");

    final Path dir;
    final Process process;
    final String url;

    private DebuggedDemo(Path dir, Process process, String url) {
        this.dir = dir;
        this.process = process;
        this.url = url;
    }

    /** Starts the demo with {@code -D} options such as {@code agentdbg.break.llm=openai}; waits for the URL. */
    static DebuggedDemo start(Path dir, String... systemProperties) throws Exception {
        List<String> props = new ArrayList<>(List.of("agentdbg.debug=true"));
        props.addAll(List.of(systemProperties));
        ChildJvm jvm = new ChildJvm(Jdks.current())
                .agent("config=" + System.getProperty("agentdbg.demo.config") + ",output.dir=" + dir.resolve("traces"));
        for (String p : props) {
            jvm.jvmArg("-D" + p);
        }
        Process process = jvm.jar(ChildJvm.demoJar()).start(dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(read(dir.resolve("stderr.txt")));
            if (m.find()) {
                return new DebuggedDemo(dir, process, m.group(1));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the agent printed no debugger URL; stderr:\n" + read(dir.resolve("stderr.txt")));
    }

    /** Waits (generously) for the program to end by itself; fails with what it printed otherwise. */
    String awaitEnd() throws Exception {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            throw new AssertionError("the demo did not end in 120 s\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the demo exited with " + process.exitValue() + "\nstdout:\n" + stdout()
                    + "\nstderr:\n" + stderr());
        }
        return stdout();
    }

    String stdout() throws IOException {
        return read(dir.resolve("stdout.txt"));
    }

    String stderr() throws IOException {
        return read(dir.resolve("stderr.txt"));
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
