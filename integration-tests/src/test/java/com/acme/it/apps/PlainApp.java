package com.acme.it.apps;

/** Prints a fixed text to stdout and stderr after a few agent tasks: output a test can compare byte for byte. */
public final class PlainApp {
    private PlainApp() {
    }

    public static void main(String[] args) {
        ResearchAgent agent = new ResearchAgent();
        for (int i = 0; i < 3; i++) {
            System.out.println(agent.runTask("question " + i));
        }
        System.err.println("plain app stderr line");
        System.out.println("plain app done");
    }
}
