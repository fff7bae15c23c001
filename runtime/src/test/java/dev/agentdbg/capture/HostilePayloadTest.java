package dev.agentdbg.capture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arguments an application might really pass: each is captured as a bounded, marked value, and the
 * written payload is valid JSON within maxBytes plus a small slack.
 */
class HostilePayloadTest {
    private static final CaptureSettings S = CaptureSettings.defaults();
    /** Closing brackets and one "truncated" marker per open container when the budget runs out. */
    private static final int SLACK = 1024;

    static final class GraphNode {
        final String label;
        final List<GraphNode> edges = new ArrayList<>();

        GraphNode(String label) {
            this.label = label;
        }
    }

    static final class Getters {
        static final AtomicInteger CALLS = new AtomicInteger();
        final String value = "kept";

        public String getValue() {
            CALLS.incrementAndGet();
            throw new IllegalStateException("getter");
        }

        public String getComputed() {
            CALLS.incrementAndGet();
            throw new IllegalStateException("getter");
        }
    }

    private static JsonNode writeArgs(Object... args) {
        byte[] out = CaptureJson.argsBytes(ObjectWalker.snapshotArgs(args, -1, S), S);
        assertTrue(out.length <= S.maxBytes + SLACK, "payload of " + out.length + " bytes");
        return CaptureJson.parse(out);
    }

    @Test
    void fiftyMegabyteStringIsCutWithItsSize() {
        String huge = "z".repeat(50 * 1024 * 1024);
        JsonNode json = writeArgs(huge);
        String written = json.get(0).asText();
        assertTrue(written.endsWith("\u2026(truncated, 50 MB)"), written.substring(written.length() - 30));
        assertEquals(S.maxStringLength + "\u2026(truncated, 50 MB)".length(), written.length());
    }

    @Test
    void millionElementListKeepsTheFirstElementsAndCountsTheRest() {
        List<Integer> million = new ArrayList<>(Collections.nCopies(1_000_000, 7));
        JsonNode json = writeArgs(million).get(0);
        assertEquals(S.maxElements + 1, json.size());
        assertEquals("\u2026(+999900 more)", json.get(S.maxElements).asText());
    }

    @Test
    void gettersThatThrowAreNeverCalled() {
        Getters.CALLS.set(0);
        JsonNode json = writeArgs(new Getters()).get(0);
        assertEquals("kept", json.get("value").asText());
        assertFalse(json.has("computed"));
        assertEquals(0, Getters.CALLS.get());
    }

    @Test
    void denselyConnectedSelfReferencingGraphIsBounded() {
        Random random = new Random(42);
        List<GraphNode> nodes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            nodes.add(new GraphNode("node-" + i + "-" + "w".repeat(50)));
        }
        for (GraphNode n : nodes) {
            n.edges.add(n);
            for (int e = 0; e < 10; e++) {
                n.edges.add(nodes.get(random.nextInt(nodes.size())));
            }
        }
        JsonNode json = writeArgs(nodes.get(0), nodes);
        assertEquals(1, json.get(0).get("@id").asInt());
        assertEquals(1, json.get(0).get("edges").get(0).get("@cycle").asInt());
    }

    @Test
    void allOfThemInOneCallShareOneBudget() {
        GraphNode a = new GraphNode("a");
        GraphNode b = new GraphNode("b");
        a.edges.add(b);
        b.edges.add(a);
        JsonNode json = writeArgs("q".repeat(50 * 1024 * 1024), new ArrayList<>(Collections.nCopies(1_000_000, "x")),
                new Getters(), a, "y".repeat(100_000), new int[1_000_000]);
        assertEquals(6, json.size());
        String tail = json.toString();
        assertTrue(tail.contains("truncated"), "something must have been cut");
    }
}
