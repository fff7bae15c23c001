package com.acme.it.apps;

/** Runs agent tasks until killed; says "warm" once spans have had time to reach the file. */
public final class BusyApp {
    private BusyApp() {
    }

    public static void main(String[] args) throws Exception {
        ResearchAgent agent = new ResearchAgent();
        long started = System.nanoTime();
        boolean announced = false;
        for (int i = 0; ; i++) {
            agent.runTask("question " + i);
            if (!announced && System.nanoTime() - started > 1_000_000_000L) {
                System.out.println("warm " + i);
                System.out.flush();
                announced = true;
            }
            Thread.sleep(1);
        }
    }
}
