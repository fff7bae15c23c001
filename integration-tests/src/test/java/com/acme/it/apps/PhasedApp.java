package com.acme.it.apps;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs agent tasks in two phases: {@code args[0]} tasks, then waits (at most 60 s) until the file
 * {@code args[2]} exists, then {@code args[1]} more tasks. Lets a test act on the trace in between.
 */
public final class PhasedApp {
    private PhasedApp() {
    }

    public static void main(String[] args) throws Exception {
        ResearchAgent agent = new ResearchAgent();
        int first = Integer.parseInt(args[0]);
        int second = Integer.parseInt(args[1]);
        Path go = Path.of(args[2]);
        for (int i = 0; i < first; i++) {
            agent.runTask("first " + i);
        }
        System.out.println("phase 1 done");
        System.out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (int i = 0; i < second; i++) {
            agent.runTask("second " + i);
        }
        System.out.println("phase 2 done");
    }
}
