package com.acme.it.apps;

/** Stands in for an LLM client: takes a little time, returns text. */
public class ChatClient {
    public String complete(String prompt) {
        busy(200_000);
        return "answer to " + prompt;
    }

    static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
