package com.acme.it.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands a traced tool the payloads that break naive capture: a 50 MB string, a million-element
 * list, a self-referencing graph, getters/toString/hashCode/equals that throw (and count their
 * calls), a JDK object whose fields the module system hides, and secrets. Prints what each call
 * returned, so the test can check every call returned normally and unchanged.
 */
public final class HostilePayloadApp {
    /** Counts every call of an accessor capture must never make. */
    public static final AtomicInteger ACCESSOR_CALLS = new AtomicInteger();

    /** Looks like a bean, bites when touched. */
    public static final class Booby {
        private final String name;
        private final int size;
        private final String apiKey = "sk-hostile-0123456789abcdefABCDEF";

        Booby(String name, int size) {
            this.name = name;
            this.size = size;
        }

        public String getName() {
            ACCESSOR_CALLS.incrementAndGet();
            throw new IllegalStateException("getter called");
        }

        @Override
        public String toString() {
            ACCESSOR_CALLS.incrementAndGet();
            throw new IllegalStateException("toString called");
        }

        @Override
        public int hashCode() {
            ACCESSOR_CALLS.incrementAndGet();
            throw new IllegalStateException("hashCode called");
        }

        @Override
        public boolean equals(Object o) {
            ACCESSOR_CALLS.incrementAndGet();
            throw new IllegalStateException("equals called");
        }
    }

    /** A node of a graph that points back at itself. */
    public static final class Node {
        final String label;
        Node next;
        final List<Node> children = new ArrayList<>();

        Node(String label) {
            this.label = label;
        }
    }

    /** The traced tool (rule kind tool: arguments and result captured). */
    public static final class Sink {
        public int take(Object payload) {
            return payload == null ? -1 : 1;
        }

        public Object echo(Object payload) {
            return payload;
        }
    }

    public static void main(String[] args) {
        Sink sink = new Sink();
        String huge = "x".repeat(50 * 1024 * 1024);
        List<Integer> million = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            million.add(i);
        }
        Node root = new Node("root");
        Node child = new Node("child");
        root.next = root;
        root.children.add(child);
        child.next = root;
        Booby booby = new Booby("booby", 3);

        int sum = 0;
        sum += sink.take(huge);
        sum += sink.take(million);
        sum += sink.take(root);
        sum += sink.take(booby);
        sum += sink.take(new ReentrantLock());
        sum += sink.take(Map.of("Authorization", "Bearer abcdefghijklmnopqrstuvwxyz012345", "user", "ann"));
        Object echoed = sink.echo(root);
        System.out.println("sum=" + sum);
        System.out.println("echo-same=" + (echoed == root));
        System.out.println("huge-length=" + huge.length());
        System.out.println("accessor-calls=" + ACCESSOR_CALLS.get());
    }
}
