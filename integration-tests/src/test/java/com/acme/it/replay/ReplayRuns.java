package com.acme.it.replay;

import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers of the record/replay tests: a run of an app in its own directory, a closed port, the span tree. */
final class ReplayRuns {
    private ReplayRuns() {
    }

    /** One child JVM's run: what it printed and where its traces are. */
    record Run(ChildJvm.Result result, Path traces) {
        String stdout() {
            return result.stdout();
        }

        String stderr() {
            return result.stderr();
        }

        Trace trace() throws IOException {
            return Trace.readSingleRun(traces);
        }
    }

    /** Runs {@code main} with the agent configured by {@code lines} (plus its output directory) in {@code dir/name}. */
    static Run run(Path dir, String name, List<String> lines, Class<?> main, String... args) throws Exception {
        return run(dir, name, lines, List.of(), main, args);
    }

    static Run run(Path dir, String name, List<String> lines, List<String[]> env, Class<?> main, String... args)
            throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(name));
        Path traces = runDir.resolve("traces");
        Path config = Configs.of(runDir, traces, lines.toArray(new String[0]));
        ChildJvm jvm = new ChildJvm(Jdks.current()).agent("config=" + config).main(main, args);
        for (String[] e : env) {
            jvm.env(e[0], e[1]);
        }
        return new Run(jvm.run(runDir), traces);
    }

    /** A port on 127.0.0.1 that nothing listens on: a replayed call that went to the network would fail. */
    static String closedBaseUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return "http://127.0.0.1:" + port;
    }

    /**
     * The span tree as sorted paths of kind:Class#method from the root, one per span: equal for two
     * runs exactly when they have the same spans, kinds, names and parent structure.
     */
    static List<String> tree(Trace trace) {
        List<String> paths = new ArrayList<>();
        for (JsonNode span : trace.spans) {
            StringBuilder path = new StringBuilder();
            for (JsonNode s = span; s != null; s = s.has("parent") ? trace.span(s.get("parent").asText()) : null) {
                path.insert(0, "/" + trace.kind(s) + ":" + trace.methodName(s));
            }
            paths.add(path.toString());
        }
        paths.sort(null);
        return paths;
    }

    /** The stderr lines the agent printed (its "[agentdbg]" lines), for assertion messages. */
    static String agentLines(Run run) {
        return String.join("\n", run.stderr().lines().filter(l -> l.contains("agentdbg")).toList());
    }
}
