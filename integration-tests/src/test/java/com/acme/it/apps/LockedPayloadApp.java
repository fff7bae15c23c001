package com.acme.it.apps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Stack;
import java.util.Vector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hands a traced tool objects whose monitor another application thread holds for 20 s (a Vector,
 * a Hashtable, a StringBuffer, synchronized wrappers, a Stack, Properties). Without an agent each
 * call returns at once, since the tool never touches its argument. Prints, per object, whether the
 * call returned within 10 s, and whether the holder still held every monitor when all calls were
 * done (so no call can have waited for a release).
 */
public final class LockedPayloadApp {
    /** The traced tool (rule kind tool: arguments and result captured). */
    public static final class Sink {
        public int take(Object payload) {
            return payload == null ? -1 : 1;
        }
    }

    private static volatile boolean released;

    public static void main(String[] args) throws Exception {
        Vector<String> vector = new Vector<>(List.of("v1", "v2"));
        Hashtable<String, String> table = new Hashtable<>(Map.of("h1", "one"));
        StringBuffer buffer = new StringBuffer("buffered text \u00e9\u4e16");
        StringBuffer latin = new StringBuffer("plain latin");
        List<String> syncList = Collections.synchronizedList(new ArrayList<>(List.of("s1", "s2")));
        Map<String, String> syncMap = Collections.synchronizedMap(new HashMap<>(Map.of("m1", "one")));
        Stack<String> stack = new Stack<>();
        stack.push("st1");
        Properties properties = new Properties();
        properties.setProperty("p1", "one");
        Object[] payloads = {vector, table, buffer, latin, syncList, syncMap, stack, properties};
        String[] names = {"vector", "hashtable", "stringbuffer", "latinbuffer", "synchronizedList",
                "synchronizedMap", "stack", "properties"};

        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = new Thread(() -> holdAll(payloads, 0, holding), "monitor-holder");
        holder.setDaemon(true);
        holder.start();
        holding.await();

        Sink sink = new Sink();
        boolean allReturned = true;
        for (int i = 0; i < payloads.length; i++) {
            Object payload = payloads[i];
            Thread call = new Thread(() -> sink.take(payload), "caller-" + names[i]);
            call.setDaemon(true);
            call.start();
            call.join(TimeUnit.SECONDS.toMillis(10));
            boolean returned = !call.isAlive();
            allReturned &= returned;
            System.out.println(names[i] + "=" + (returned ? "returned" : "blocked"));
        }
        System.out.println("held-during-calls=" + !released);
        System.out.println("all-returned=" + allReturned);
        // Daemon holder: the JVM exits now, without waiting for the 20 s to pass.
    }

    /** Enters each payload's monitor in turn, then holds them all for 20 s. */
    private static void holdAll(Object[] payloads, int i, CountDownLatch holding) {
        if (i == payloads.length) {
            holding.countDown();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            released = true;
            return;
        }
        synchronized (payloads[i]) {
            holdAll(payloads, i + 1, holding);
        }
    }
}
