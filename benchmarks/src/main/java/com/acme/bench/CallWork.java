package com.acme.bench;

/**
 * Calls {@link Work#call} and {@link Work#outer} (which calls middle and inner) {@code n} times each, so an
 * agent should record {@code 4 n} spans: used by {@code agentdbg-benchmarks.jar check} to prove that each
 * agent really instruments the benchmark target.
 */
public final class CallWork {
    private CallWork() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Work work = new Work();
        long sink = 0;
        for (int i = 0; i < n; i++) {
            sink += work.call(i);
            sink += work.outer(i);
        }
        System.out.println("calls=" + n + " expectedSpans=" + (4L * n) + " sink=" + sink);
    }
}
