package dev.agentdbg.capture;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Depth, element and byte bounds; cycles and shared references. */
class WalkBoundsTest {
    private static final CaptureSettings S = CaptureSettings.defaults();

    static final class Link {
        final String name;
        Link next;

        Link(String name) {
            this.name = name;
        }
    }

    static final class TreeNode {
        final String name;
        TreeNode parent;
        final List<TreeNode> children = new ArrayList<>();

        TreeNode(String name) {
            this.name = name;
        }
    }

    record Pair(Object left, Object right) {
    }

    @Test
    void compositesBelowMaxDepthBecomeDepthMarkers() {
        Link head = new Link("0");
        Link tail = head;
        for (int i = 1; i < 20; i++) {
            tail.next = new Link(String.valueOf(i));
            tail = tail.next;
        }
        Object v = ObjectWalker.snapshot(head, S);
        for (int depth = 0; depth < S.maxDepth; depth++) {
            ObjectSnapshot o = assertInstanceOf(ObjectSnapshot.class, v, "depth " + depth);
            assertEquals(String.valueOf(depth), o.field("name"));
            v = o.field("next");
        }
        Marker m = assertInstanceOf(Marker.class, v);
        assertEquals(Marker.Reason.DEPTH, m.reason);
        assertEquals(Link.class.getName(), m.type);
    }

    @Test
    void onlyMaxElementsAreKeptAndTheTotalIsRemembered() {
        List<Integer> big = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            big.add(i);
        }
        ListSnapshot l = (ListSnapshot) ObjectWalker.snapshot(big, S);
        assertEquals(S.maxElements, l.elements.size());
        assertEquals(1000, l.totalSize);
        assertEquals(99, l.elements.get(99));
        ListSnapshot array = (ListSnapshot) ObjectWalker.snapshot(new long[5000], S);
        assertEquals(S.maxElements, array.elements.size());
        assertEquals(5000, array.totalSize);
    }

    @Test
    void parentAndChildPointingAtEachOtherGiveACycleReference() {
        TreeNode parent = new TreeNode("parent");
        TreeNode child = new TreeNode("child");
        child.parent = parent;
        parent.children.add(child);
        ObjectSnapshot p = (ObjectSnapshot) ObjectWalker.snapshot(parent, S);
        ObjectSnapshot c = (ObjectSnapshot) ((ListSnapshot) p.field("children")).elements.get(0);
        Ref back = assertInstanceOf(Ref.class, c.field("parent"));
        assertSame(p, back.target);
        assertTrue(back.cycle);
        assertEquals(1, p.refId);
        assertEquals(0, c.refId);
    }

    @Test
    void listContainingItselfAndAtomicReferenceToItselfTerminate() {
        List<Object> self = new ArrayList<>();
        self.add("x");
        self.add(self);
        ListSnapshot l = (ListSnapshot) ObjectWalker.snapshot(self, S);
        Ref r = (Ref) l.elements.get(1);
        assertTrue(r.cycle);
        assertSame(l, r.target);

        AtomicReference<Object> loop = new AtomicReference<>();
        loop.set(loop);
        Marker m = assertInstanceOf(Marker.class, ObjectWalker.snapshot(loop, S));
        assertEquals(Marker.Reason.DEPTH, m.reason);
    }

    @Test
    void objectSeenTwiceIsCapturedOnceAndReferencedAfterwards() {
        TreeNode shared = new TreeNode("shared");
        Pair pair = new Pair(shared, shared);
        ObjectSnapshot p = (ObjectSnapshot) ObjectWalker.snapshot(pair, S);
        ObjectSnapshot left = (ObjectSnapshot) p.field("left");
        Ref right = assertInstanceOf(Ref.class, p.field("right"));
        assertSame(left, right.target);
        assertFalse(right.cycle, "a sibling, not an ancestor");
        assertEquals(1, left.refId);

        // Across the arguments of one call too, numbered per Walk.
        Object[] args = ObjectWalker.snapshotArgs(new Object[] {shared, List.of(shared), pair}, -1, S);
        Ref inList = (Ref) ((ListSnapshot) args[1]).elements.get(0);
        assertSame(args[0], inList.target);
        Ref inPair = (Ref) ((ObjectSnapshot) args[2]).field("left");
        assertSame(args[0], inPair.target);
        assertEquals(1, ((Node) args[0]).refId);
        assertEquals(0, ((Node) args[2]).refId, "the pair itself is referenced by nobody");
    }

    @Test
    void resultTakenWithTheArgumentsWalkSharesTheBudgetButNotTheReferences() {
        TreeNode shared = new TreeNode("shared");
        Walk walk = new Walk(S);
        Object[] args = walk.snapshotArgs(new Object[] {shared}, -1);
        long afterArgs = walk.estimatedBytes();
        Object result = walk.snapshot(shared);
        assertInstanceOf(ObjectSnapshot.class, result, "the result shows the object as it is at exit");
        assertNotEquals(args[0], result);
        assertTrue(walk.estimatedBytes() > afterArgs);

        CaptureSettings small = new CaptureSettings(8, 8192, 100, 2048, S.redactNames, false);
        Walk tight = new Walk(small);
        tight.snapshotArgs(new Object[] {"a".repeat(3000)}, -1);
        Marker m = assertInstanceOf(Marker.class, tight.snapshot("result"));
        assertEquals(Marker.Reason.BUDGET, m.reason);
    }

    @Test
    void walkStopsAddingValuesOnceTheEstimatedBytesAreSpent() {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            strings.add("s".repeat(5000));
        }
        Walk walk = new Walk(S);
        ListSnapshot l = (ListSnapshot) walk.snapshot(strings);
        int kept = l.elements.size();
        assertTrue(kept < 20, "kept " + kept);
        Marker last = (Marker) l.elements.get(kept - 1);
        assertEquals(Marker.Reason.BUDGET, last.reason);
        assertEquals(100, l.totalSize);
        assertTrue(walk.estimatedBytes() < S.maxBytes + 6000);
    }

    @Test
    void aGraphOfManyDistinctObjectsIsCutAtTheNodeCap() {
        CaptureSettings generous = new CaptureSettings(8, 8192, 1000, Integer.MAX_VALUE, S.redactNames, false);
        List<Object> outer = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            List<Integer> inner = new ArrayList<>(Collections.nCopies(1000, i));
            outer.add(inner);
        }
        ListSnapshot l = (ListSnapshot) ObjectWalker.snapshot(outer, generous);
        int values = 0;
        for (Object e : l.elements) {
            if (e instanceof ListSnapshot) {
                values += ((ListSnapshot) e).elements.size();
            }
        }
        assertTrue(values <= Walk.MAX_NODES, "values " + values);
        assertTrue(values > Walk.MAX_NODES / 2, "values " + values);
    }
}
